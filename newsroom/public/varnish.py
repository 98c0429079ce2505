"""Purging Varnish by key (settings.CDN_PURGE = "newsroom.public.varnish.purge"; VCL: deploy/varnish/newsroom.vcl).

Each Varnish in VARNISH_URLS gets `BAN /` with the keys in X-Purge-Keys; its VCL bans every object whose
Surrogate-Key holds one of them. A purge that fails is logged, never raised: the edit is saved and committed
already, and the pages still end at their s-maxage.

The purge runs after the commit, and once more CDN_REPURGE_SECONDS later: a page a reader asked for while the
edit was committing may have been rendered from the old rows and reached Varnish after the first ban.
"""

import logging
import threading
import urllib.request

from django.conf import settings

log = logging.getLogger(__name__)
TIMEOUT = 2  # seconds: a Varnish that hangs holds up an editor's save no longer than this


def ban(url, keys):
    request = urllib.request.Request(url.rstrip("/") + "/", method="BAN", headers={"X-Purge-Keys": " ".join(keys)})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except OSError as error:
        log.warning("Varnish at %s did not take the purge of %s: %s", url, " ".join(keys), error)


def purge_now(keys):
    for url in settings.VARNISH_URLS:
        ban(url, keys)


def purge(keys):
    """The CDN_PURGE hook: ban the pages carrying any of keys now, and again a moment later."""
    purge_now(keys)
    if settings.CDN_REPURGE_SECONDS:
        again = threading.Timer(settings.CDN_REPURGE_SECONDS, purge_now, args=(list(keys),))
        again.daemon = True
        again.start()
