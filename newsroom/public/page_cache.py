"""Whole-page cache for anonymous readers.

A hit costs one cache round trip (the page and the site's edit generation fetched together) and
touches no database and no other middleware. Any save or delete of a story, credit, person, title
or anything they show bumps the generation, so every cached page that could display it is stale at
once; the generation moves again when the edit commits, so a page rendered from the old rows while the edit
was in flight is stale too. A page is never kept past the next scheduled publication or expiry, so a scheduled
story appears on cached pages at its time without any job running.

It sits after SecurityMiddleware, so an http:// request is redirected and every hit gets the security headers.
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from articles.models import Article

GENERATION_KEY = "page-cache:generation"
NEXT_CHANGE_KEY = "page-cache:next-change"
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
    after_this_edit(new_bump, using=kwargs.get("using"))


def new_bump():
    page_cache().set(GENERATION_KEY, new_generation(), timeout=None)


def after_this_edit(action, *, using=None):
    """Run action now, for readers inside the same transaction (a test, a command checking its own work), and
    again once the edit commits: a reader who rendered the old rows in between acted on the first run."""
    action()
    connection = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    if connection.in_atomic_block and not any(hook[1] is action for hook in connection.run_on_commit):
        transaction.on_commit(action, using=connection.alias)


def story_times_changed(**kwargs):
    """Signal receiver for stories: the next scheduled change is worked out by the editor's save, not a reader."""
    after_this_edit(remember_next_change, using=kwargs.get("using"))


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{signal!r}")
    for signal in (post_save, post_delete):
        signal.connect(story_times_changed, sender=Article, dispatch_uid=f"page-cache-schedule-{signal!r}")


def remember_next_change():
    change = Article.objects.next_visibility_change(at=timezone.now())
    page_cache().set(NEXT_CHANGE_KEY, (change,), timeout=None)
    return change


def seconds_until_next_scheduled_change(now):
    """Seconds until a scheduled story goes public or a public one expires; None if nothing is pending.

    Stories' saves keep it in the cache, so a reader's request reads it there; it is looked up again only
    once its moment has passed (or the cache lost it).
    """
    found = page_cache().get(NEXT_CHANGE_KEY)
    if found is not None and (found[0] is None or found[0] > now):
        change = found[0]
    else:
        change = remember_next_change()
    return max(1, int((change - now).total_seconds()) + 1) if change else None


class PageCacheMiddleware:
    """Right after the security middleware: serves anonymous GETs of public pages straight from the cache."""

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
            expires = time.time() + timeout
            cache.set(key, (generation, response.status_code, headers, response.content, expires), timeout)
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
        _, status, headers, content, expires = entry
        etag = dict(headers).get("ETag")
        if etag and etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponse(status=304)
            for name, value in headers:
                if name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
                    response[name] = value
        else:
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
        # Browsers may keep the copy no longer than the cache does: the entry ends at the next scheduled change.
        if "max-age" in response.get("Cache-Control", ""):
            patch_cache_control(response, max_age=max(1, int(expires - time.time())))
        return response
