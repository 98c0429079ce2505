"""The Content API at /api/v1/: what the reader's site shows, as JSON (django-ninja), and the wire ingest endpoint."""
