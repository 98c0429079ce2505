"""Conditional GET for pages that know when they last changed: Last-Modified, ETag and 304 Not Modified."""

import hashlib

from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def respond(request, *, last_modified, key, render):
    """Answer 304 when the reader's copy is current, else render(); either way with Last-Modified and ETag.

    last_modified is the newest change to anything the page shows; key names the page (e.g. "story:42").
    """
    timestamp = int(last_modified.timestamp())
    etag = quote_etag(hashlib.blake2s(f"{key}:{timestamp}".encode(), digest_size=12).hexdigest())
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = render()
    response["Last-Modified"] = http_date(timestamp)
    response["ETag"] = etag
    return response


def newest(*moments):
    """The latest of several datetimes, ignoring missing ones."""
    return max(moment for moment in moments if moment is not None)
