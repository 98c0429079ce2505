"""Whole-page cache for anonymous readers.

A page is kept as it left the site (status, every header, the bytes), with the tags of the objects it shows
(newsroom/public/cache_tags.py) and how far its process had read the invalidation feed when it started rendering
(newsroom/public/invalidation.py). It is served while no edit has touched one of its tags since, and never past
the next scheduled publication or expiry, so a scheduled story appears on cached pages at its time without any job.

Two tiers: the shared cache (Redis in production: one round trip) and, where that cache is across the network,
a small copy in each worker's memory (PAGE_CACHE_LOCAL_ENTRIES), so a hit makes no network call at all. A hit is
served before Django builds a request (newsroom/wsgi.py, `serve`) or, for what that leaves (the API, counted by its
rate limit first), by the middleware; both replay the same entry the same way.

The middleware sits before SecurityMiddleware so a stored page carries every header the site gave it (HSTS over
HTTPS, the content security and permissions policies): the key holds the scheme, so an http:// request never
meets an https:// page and is still redirected.
"""

import hashlib
import re
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags

from articles.models import Article
from core import prefetch

from . import cache_tags, invalidation
from .invalidation import GENERATION_KEY, current_generation, generation_time, page_cache  # noqa: F401

NEXT_CHANGE_KEY = "page-cache:next-change"
UNCACHED_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")
# Part of every page's key, and changed with the shape of an entry, so a release never reads an older one's entries.
ENTRY_FORMAT = "page-cache:3:"
LOOKED_UP = "newsroom.page_cache.missed"  # set in the WSGI environment by a miss in the WSGI front
AGES = re.compile(r"\b(s-maxage|max-age)=(\d+)")
REPLAYED_ON_304 = ("ETag", "Last-Modified", "Cache-Control", "Vary", "Surrogate-Key", "Cache-Tag")


def key_of(environ):
    """The entry's key, from the raw WSGI environment (the same for the WSGI front and the middleware)."""
    host = environ.get("HTTP_X_FORWARDED_HOST") if settings.USE_X_FORWARDED_HOST else None
    host = host or environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    address = f"{scheme_of(environ)}://{host}{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}"
    return ENTRY_FORMAT + hashlib.sha1(f"{address}?{environ.get('QUERY_STRING', '')}".encode()).hexdigest()


def scheme_of(environ):
    """As Django's request.scheme decides it (SECURE_PROXY_SSL_HEADER first)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure else "http"
    return environ.get("wsgi.url_scheme", "http")


def readable(environ):
    """A request the cache may answer: an anonymous GET or HEAD of a public page."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    cookies = environ.get("HTTP_COOKIE", "")
    # A reader with a session or a form token may be shown something of their own: never from the cache.
    if cookies and any(name in cookies for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)):
        return False
    return not environ.get("PATH_INFO", "").startswith(UNCACHED_PREFIXES)


class LocalTier:
    """The newest entries this worker served, in its memory: a hit makes no network call."""

    def __init__(self):
        self.entries = OrderedDict()

    def get(self, key):
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > settings.PAGE_CACHE_LOCAL_ENTRIES:
            self.entries.popitem(last=False)


local = LocalTier()


def usable(entry, feed):
    return entry is not None and entry[5] > time.time() and feed.fresh(entry[0], entry[1])


def lookup(key):
    """A fresh entry for key, from this worker's memory, else from the shared cache; None on a miss."""
    feed = invalidation.reader()
    keep_locally = settings.PAGE_CACHE_LOCAL_ENTRIES > 0
    entry = local.get(key) if keep_locally else None
    if usable(entry, feed):
        return entry
    entry = page_cache().get(key)
    if not usable(entry, feed):
        return None
    if keep_locally:
        local.put(key, entry)
    return entry


def replay(entry, if_none_match):
    """(status, headers, body) for a hit: 304 when the reader's ETag matches; ages brought down to what is left."""
    _, _, status, headers, body, expires = entry
    left = max(1, int(expires - time.time()))
    headers = [(name, AGES.sub(lambda m: f"{m[1]}={min(int(m[2]), left)}", value)) if name == "Cache-Control"
               else (name, value) for name, value in headers]  # fmt: skip
    if if_none_match:
        etag = next((value for name, value in headers if name == "ETag"), None)
        if etag and etag in parse_etags(if_none_match):
            return 304, [(name, value) for name, value in headers if name in REPLAYED_ON_304], b""
    return status, headers, body


def serve(environ):
    """The WSGI front's question: (status, headers, body) of a hit for this request, else None."""
    if not settings.PAGE_CACHE_SECONDS or not readable(environ):
        return None
    if environ.get("PATH_INFO", "").startswith("/api/"):
        return None  # the API's rate limit counts cached answers too: the middleware serves those
    entry = lookup(key_of(environ))
    if entry is None:
        environ[LOOKED_UP] = True  # the middleware need not ask again
        return None
    return replay(entry, environ.get("HTTP_IF_NONE_MATCH"))


def remember_next_change():
    change = Article.objects.next_visibility_change(at=timezone.now())
    page_cache().set(NEXT_CHANGE_KEY, (change,), timeout=None)
    prefetch.forget(NEXT_CHANGE_KEY, settings.PAGE_CACHE_ALIAS)
    return change


def story_times_changed(**kwargs):
    """Signal receiver for stories: the next scheduled change is worked out by the editor's save, not a reader."""
    remember_next_change()


def connect_signals():
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save

    def after_save(**kwargs):
        story_times_changed()
        transaction.on_commit(story_times_changed, using=kwargs.get("using"))

    for signal in (post_save, post_delete):
        signal.connect(after_save, sender=Article, dispatch_uid=f"page-cache-schedule-{signal!r}", weak=False)
    cache_tags.connect_signals()


def seconds_until_next_scheduled_change(now):
    """Seconds until a scheduled story goes public or a public one expires; None if nothing is pending.

    Stories' saves keep it in the cache, so a reader's request reads it there; it is looked up again only
    once its moment has passed (or the cache lost it).
    """
    found = prefetch.get(NEXT_CHANGE_KEY, settings.PAGE_CACHE_ALIAS)
    if found is not None and (found[0] is None or found[0] > now):
        change = found[0]
    else:
        change = remember_next_change()
    return max(1, int((change - now).total_seconds()) + 1) if change else None


class PageCacheMiddleware:
    """First in the stack: answers anonymous GETs of public pages from the cache and keeps what it renders."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not readable(request.META):
            return self.get_response(request)
        key = key_of(request.META)
        entry = None if request.META.get(LOOKED_UP) else lookup(key)
        if entry is not None:
            status, headers, body = replay(entry, request.META.get("HTTP_IF_NONE_MATCH"))
            return HttpResponse(body, status=status, headers=headers)
        started = invalidation.reader().position
        response = self.get_response(request)
        if request.method == "GET" and self.cacheable(response):
            tags = cache_tags.of_request(request)
            pending = seconds_until_next_scheduled_change(timezone.now())
            timeout = min(seconds, pending) if pending else seconds
            entry = (
                started,
                tags,
                response.status_code,
                list(response.items()),
                response.content,
                time.time() + timeout,
            )
            if invalidation.reader().fresh(started, tags):  # else an edit came while it rendered: not worth keeping
                page_cache().set(key, entry, timeout)
                if settings.PAGE_CACHE_LOCAL_ENTRIES:
                    local.put(key, entry)
        return response

    @staticmethod
    def cacheable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            # A nonce is for one response only: a page using one is never replayed to others.
            and "'nonce-" not in response.get("Content-Security-Policy", "")
        )
