"""How long a reader's browser may reuse a public page, feed or sitemap before asking again.

Without Cache-Control a browser guesses from Last-Modified (a tenth of the page's age): a feed whose newest story
is a month old would be reused for days, past a scheduled story's time. Every public response therefore says
max-age: PUBLIC_MAX_AGE seconds at most, and never past the next scheduled publication or expiry. Validators
(ETag, Last-Modified) make the asking again cheap.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .page_cache import seconds_until_next_scheduled_change

# Their own views say how they may be kept (the admin: never; previews: private, never stored).
OWN_RULES = ("/admin/", "/preview/")


def max_age(now=None):
    pending = seconds_until_next_scheduled_change(now or timezone.now())
    return min(settings.PUBLIC_MAX_AGE, pending) if pending else settings.PUBLIC_MAX_AGE


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
            patch_cache_control(response, max_age=max_age())
        return response
