"""Small cache keys that nearly every page reads, fetched in one round trip per request.

A story page used to read four such keys one at a time (the site's edit generation, the graph's generation, the
sections, the next scheduled change): four round trips to Redis before it could answer. A key read with `get(key)` is
remembered; `PrefetchMiddleware` reads every remembered key with one `get_many` when a GET or HEAD request starts,
and `get(key)` answers from that read. A key that was missing then, or that the request itself writes
(`forget(key)`), is read from the cache as before, so nothing can be answered from a value the request knows is old.
Requests that change data (POST and the rest) read every key directly.
"""

from contextvars import ContextVar

from django.core.cache import caches

_SHARED = {}  # cache alias -> the keys pages read on most requests
_read = ContextVar("prefetched", default=None)  # {(alias, key): value} of the current request


def get(key, alias="default"):
    """The key's value as read at the start of this request, else from the cache (and read with the others from
    the next request on)."""
    found = _read.get()
    if found is not None:
        value = found.get((alias, key))
        if value is not None:
            return value
    if key not in _SHARED.get(alias, ()):
        _SHARED.setdefault(alias, set()).add(key)
    return caches[alias].get(key)


def forget(key, alias="default"):
    """This request changed the key: later reads in it go to the cache."""
    found = _read.get()
    if found is not None:
        found.pop((alias, key), None)


class PrefetchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not _SHARED:
            return self.get_response(request)
        found = {}
        for alias, keys in _SHARED.items():
            found.update(((alias, key), value) for key, value in caches[alias].get_many(sorted(keys)).items())
        token = _read.set(found)
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)
