"""How long a reader's browser, and a shared cache (the CDN), may reuse a public page, feed or sitemap.

Without Cache-Control a browser guesses from Last-Modified (a tenth of the page's age): a feed whose newest story
is a month old would be reused for days, past a scheduled story's time. Every public response therefore says
max-age: PUBLIC_MAX_AGE seconds at most, and never past the next scheduled publication or expiry. Validators
(ETag, Last-Modified) make the asking again cheap.

A shared cache may keep an anonymous reader's page longer (s-maxage: CDN_MAX_AGE, again never past the next
scheduled change) because every edit purges it by the tags of what it shows, sent as Surrogate-Key and Cache-Tag.
A reader who is logged in, or whose response sets a cookie, gets `private`: no shared cache keeps it.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control

from . import cache_tags
from .page_cache import seconds_until_next_scheduled_change

# Their own views say how they may be kept (the admin: never; previews: private, never stored).
OWN_RULES = ("/admin/", "/preview/")


def max_age(now=None, *, limits=None):
    """Seconds a copy may be reused, for each of limits (default: PUBLIC_MAX_AGE alone); one lookup of the schedule."""
    limits = limits or (settings.PUBLIC_MAX_AGE,)
    pending = seconds_until_next_scheduled_change(now or timezone.now())
    ages = [min(limit, pending) if pending else limit for limit in limits]
    return ages if len(ages) > 1 else ages[0]


def shared(request, response):
    """Whether a shared cache may keep this answer: an anonymous reader's, setting no cookie."""
    private = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return not response.cookies and not any(name in request.COOKIES for name in private)


class FreshnessMiddleware:
    """Inside the page cache, so a cached page carries its freshness (the cache shortens it as the entry ages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code < 500
            and "Cache-Control" not in response
            and not request.path.startswith(OWN_RULES)
        ):
            if shared(request, response):
                browsers, shared_caches = max_age(limits=(settings.PUBLIC_MAX_AGE, settings.CDN_MAX_AGE))
                patch_cache_control(response, public=True, max_age=browsers, s_maxage=shared_caches)
                keys = cache_tags.of_request(request)
                response["Surrogate-Key"] = " ".join(keys)
                response["Cache-Tag"] = ",".join(keys)
            else:
                patch_cache_control(response, private=True, max_age=max_age())
        return response
