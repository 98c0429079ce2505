"""The sections in the site's navigation, cached so that no page pays a query for them."""

from django.core.cache import cache

CACHE_KEY = "articles:navigation"


def sections():
    from .models import Section

    links = cache.get(CACHE_KEY)
    if links is None:
        links = [(section.name, section.get_absolute_url()) for section in Section.objects.only("name", "slug")]
        cache.set(CACHE_KEY, links, timeout=None)
    return links


def forget(**kwargs):
    """Signal receiver: a section was added, renamed, reordered or removed."""
    cache.delete(CACHE_KEY)


def navigation(request):
    """Context processor: the sections, read only when a template shows them."""
    return {"nav_sections": sections}
