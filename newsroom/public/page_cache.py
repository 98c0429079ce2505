"""Whole-page cache for anonymous readers.

A hit costs one cache round trip (the page and the site's edit generation fetched together) and
touches no database and no other middleware. Any save or delete of a story, credit, person, title
or anything they show bumps the generation, so every cached page that could display it is stale at
once. A page is never kept past the next scheduled publication or expiry, so a scheduled story
appears on cached pages at its time without any job running.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import parse_etags

from articles.models import Article

GENERATION_KEY = "page-cache:generation"
CACHED_APPS = {"people", "films", "articles"}
UNCACHED_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def new_generation():
    """A generation never repeats: it is the moment of the edit (plus noise), so a lost one cannot come back."""
    return f"{time.time():.6f}-{uuid.uuid4().hex[:8]}"


def generation_time(generation):
    return float(generation.split("-", 1)[0])


def current_generation(found=None):
    """The site's edit generation; if the cache lost it, a new one (every cached page is then stale)."""
    generation = found.get(GENERATION_KEY) if found is not None else page_cache().get(GENERATION_KEY)
    if generation is None:
        page_cache().add(GENERATION_KEY, new_generation(), timeout=None)
        generation = page_cache().get(GENERATION_KEY)
    return generation


def bump_generation(**kwargs):
    """Signal receiver: something a public page may show has changed."""
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in CACHED_APPS and not sender._meta.auto_created:
        return
    page_cache().set(GENERATION_KEY, new_generation(), timeout=None)


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{signal!r}")


def seconds_until_next_scheduled_change(now):
    """Seconds until a scheduled story goes public or a public one expires; None if nothing is pending."""
    change = Article.objects.next_visibility_change(at=now)
    return max(1, int((change - now).total_seconds()) + 1) if change else None


class PageCacheMiddleware:
    """First in MIDDLEWARE: serves anonymous GETs of public pages straight from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self.cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = "page-cache:" + hashlib.sha1(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        found = cache.get_many([GENERATION_KEY, key])
        generation = current_generation(found)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            return self.replay(request, entry)

        response = self.get_response(request)
        if self.cacheable_response(response):
            now = timezone.now()
            pending = seconds_until_next_scheduled_change(now)
            timeout = min(seconds, pending) if pending else seconds
            headers = [(name, value) for name, value in response.items()]
            cache.set(key, (generation, response.status_code, headers, response.content, time.time()), timeout)
        return response

    @staticmethod
    def cacheable_request(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(UNCACHED_PREFIXES)
        )

    @staticmethod
    def cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def replay(request, entry):
        _, status, headers, content, _ = entry
        etag = dict(headers).get("ETag")
        if etag and etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponse(status=304)
            for name, value in headers:
                if name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
                    response[name] = value
            return response
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response
