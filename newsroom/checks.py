"""What several app servers must share, checked by `manage.py check --deploy` (and so by `make serve`).

The database is shared by construction: sessions, the login throttle, presence, the connections change log and
everything editors write live there. The cache is not: without Redis it lives on this machine's disk, and it holds
what tells every server that something changed (the page cache's and the connections graph's generations, the
sections in the navigation) and the Content API's request counts. Servers on two machines would each keep their own,
so an edit through one would stay invisible on the other's cached pages and graph, and each would allow a client
its own API_RATE_LIMIT. Fine on one machine, whose servers share the disk; silent divergence on two. So production
without a shared cache must say it runs on one machine.
"""

from django.conf import settings
from django.core import checks

# Cache backends whose entries only this machine's processes see (or none do).
MACHINE_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_shared_by_every_server(app_configs, **kwargs):
    if settings.DEBUG or settings.SINGLE_MACHINE:
        return []
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]
    if backend not in MACHINE_LOCAL_CACHES:
        return []
    return [
        checks.Error(
            f"The cache ({backend.rsplit('.', 1)[-1]}) is this machine's own: app servers on another machine would "
            "not see its edits (cached pages, the connections graph, navigation) nor its API request counts.",
            hint="Set REDIS_URL to a Redis every app server reaches, or SINGLE_MACHINE=1 if every app server runs "
            "on this machine (README: Running at scale).",
            id="newsroom.E002",
        )
    ]
