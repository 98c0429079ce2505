"""What every page's header and footer show: the site's name, its fixed links and the sections.

Both are worked out once (the links per script prefix, the sections in the cache), so no page pays for them.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import get_script_prefix, reverse

from articles.models import Section
from core import prefetch

CACHE_KEY = "articles:navigation"
_LINKS = {}


def site_links():
    """The addresses every page's header and footer link to, worked out once per script prefix."""
    prefix = get_script_prefix()
    links = _LINKS.get(prefix)
    if links is None:
        links = _LINKS[prefix] = {
            "home": reverse("home"),
            "search": reverse("articles:search"),
            "rss": reverse("articles:feed-rss"),
            "atom": reverse("articles:feed-atom"),
        }
    return links


def sections():
    links = prefetch.get(CACHE_KEY)
    if links is None:
        links = [(section.name, section.get_absolute_url()) for section in Section.objects.only("name", "slug")]
        cache.set(CACHE_KEY, links, timeout=None)
    return links


def forget(using=None, **kwargs):
    """Signal receiver: a section was added, renamed, reordered or removed. Forgotten again once the edit commits:
    another server that read the sections in between cached the old ones, with no end."""
    cache.delete(CACHE_KEY)
    prefetch.forget(CACHE_KEY)
    transaction.on_commit(_drop_sections, using=using)


def _drop_sections():
    cache.delete(CACHE_KEY)
    prefetch.forget(CACHE_KEY)


def site(request):
    """Context processor: the site's name and links, and the sections, read only when a template shows them."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_LINKS": site_links(),
        "nav_sections": sections,
    }
