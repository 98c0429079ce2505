"""How an app server's worker runs Python's garbage collector, applied once its application is loaded.

A request to the admin's story form builds some forty forms, hundreds of bound fields and widgets and a few hundred
model instances, many of them in reference cycles (a form and its bound fields, a queryset and its query), which only
the cycle collector frees. Python's defaults (a collection of the youngest objects every 700 allocations, an older
one every ten of those) run it several times inside each such request; objects still in use are promoted, and about
one request in ten pays for a full collection that walks every object the process holds, start-up's 130,000 among
them. Measured on the story form (`gc.callbacks`, 80 requests in process): 12 ms of collection per request with
15 linked credits and 30 ms with 100, against 3 ms and 8 ms once start-up's objects are frozen and the youngest
generation is collected every 50,000 allocations, for 10 to 30 MB more memory per worker.

newsroom/wsgi.py and newsroom/asgi.py call tune_garbage_collection() once the application is loaded, so each gunicorn
worker (which loads the application itself: `make serve` does not preload it) tunes its own collector;
bench/admin_scale.py does as they do, so that it measures what a worker does. A process that imports
newsroom.wsgi for another reason (a test of the entry point) gets the same settings, which change only when Python
collects.
"""

import gc

# The youngest generation is collected after this many allocations (Python's default: 700); the middle one after
# this many collections of the youngest (default: 10), the oldest as Python decides (it also waits until its
# objects have grown by a quarter).
YOUNGEST = 50_000
MIDDLE = 20


def tune_garbage_collection():
    """Freeze what start-up made (modules, classes, the URLconf and the views it imports), then collect less often."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loads the URLconf now, so that it is frozen with the rest)
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST, MIDDLE, gc.get_threshold()[2])
