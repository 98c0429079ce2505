"""What the films app tells the layers above it without knowing them."""

from django.dispatch import Signal

# Sent when an IMDb import has written people, titles and credits in bulk (no save signals): summary=ImportSummary.
imdb_imported = Signal()
