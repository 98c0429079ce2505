"""Rate limiting for the Content API, per client address, with the counts in the cache.

A fixed window per address (API_RATE_LIMIT requests per API_RATE_WINDOW seconds): one atomic increment per
request, which Redis does for every app server at once. Past the limit the answer is 429 with Retry-After (the
seconds left in the window). It runs before the page cache, so answers served from the cache count too.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

from ..login_throttle import client_address

PREFIX = "/api/"


def hit(address, *, now=None):
    """Count one request from address; the seconds to wait when it is over the limit, else None."""
    now = time.time() if now is None else now
    window = settings.API_RATE_WINDOW
    start = int(now // window) * window
    key = f"api-rate:{address}:{start}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired or was evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > settings.API_RATE_LIMIT:
        return max(1, math.ceil(start + window - now))
    return None


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX):
            wait = hit(client_address(request) or "unknown")
            if wait is not None:
                response = JsonResponse(
                    {"detail": f"Too many requests from your address: try again in {wait} seconds."}, status=429
                )
                response["Retry-After"] = str(wait)
                response["Cache-Control"] = "no-store"
                return response
        return self.get_response(request)
