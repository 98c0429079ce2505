"""Conditional GET for pages that know when they last changed: Last-Modified, ETag and 304 Not Modified."""

import hashlib
import os
from functools import lru_cache

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from . import page_cache


def respond(request, *, last_modified, key, render):
    """Answer 304 when the reader's copy is current, else render(); either way with Last-Modified and ETag.

    last_modified is the newest change to anything the page shows; key names the page (e.g. "story:42").
    The site's edit generation (newsroom/page_cache.py) is folded in too: an edit the page's own times cannot
    see (a credit fixed, a story unpublished from a list) still gives readers a fresh copy.
    """
    generation = page_cache.current_generation()
    timestamp = int(max(last_modified.timestamp(), page_cache.generation_time(generation)))
    digest = hashlib.blake2s(f"{release()}:{key}:{timestamp}:{generation}".encode(), digest_size=12)
    etag = quote_etag(digest.hexdigest())
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = render()
    # A new release changes the markup around unchanged content: readers then get a 200 by ETag.
    response["Last-Modified"] = http_date(timestamp)
    response["ETag"] = etag
    return response


def newest(*moments):
    """The latest of several datetimes, ignoring missing ones."""
    return max(moment for moment in moments if moment is not None)


@lru_cache(maxsize=1)
def release():
    """What identifies this deployment's markup: RELEASE from the environment, else a digest of the templates
    and static files of the project's apps (read once per process)."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.blake2s(digest_size=8)
    for app in ("newsroom", "core", "articles", "people", "films"):
        for folder in ("templates", "jinja2", "static"):  # jinja2: the reader's pages are drawn from there
            for root, dirs, files in sorted(os.walk(settings.BASE_DIR / app / folder)):
                dirs.sort()
                for name in sorted(files):
                    with open(os.path.join(root, name), "rb") as file:
                        digest.update(file.read())
    return digest.hexdigest()
