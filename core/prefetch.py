"""Small cache keys that nearly every page reads, fetched in one round trip per request.

A story page used to read four such keys one at a time (the site's edit generation, the graph's generation, the
sections, the next scheduled change): four round trips to Redis before it could answer. A key read with `get(key)` is
remembered; the first `get` of a GET or HEAD request (under `PrefetchMiddleware`) reads every remembered key with one
`get_many`, and later ones answer from that read. A key that was missing then, or that the request itself writes
(`forget(key)`), is read from the cache as before, so nothing is answered from a value the request knows is old.
Requests that read none of them (the admin, the API) make no extra round trip; requests that change data (POST and
the rest) read every key directly.
"""

from contextvars import ContextVar

from django.core.cache import caches

_SHARED = {}  # cache alias -> the keys pages read on most requests
_read = ContextVar("prefetched", default=None)  # this request's {alias: {key: value}}, filled at its first get()


def get(key, alias="default"):
    """The key's value as read with the others at the first get of this request, else from the cache."""
    found = _read.get()
    if found is not None:
        if alias not in found:
            keys = sorted(_SHARED.get(alias, ()))
            found[alias] = caches[alias].get_many(keys) if keys else {}
        value = found[alias].get(key)
        if value is not None:
            return value
    if key not in _SHARED.get(alias, ()):
        _SHARED.setdefault(alias, set()).add(key)
    return caches[alias].get(key)


def forget(key, alias="default"):
    """This request changed the key: later reads in it go to the cache."""
    found = _read.get()
    if found is not None and alias in found:
        found[alias].pop(key, None)


class PrefetchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _read.set({})
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)
