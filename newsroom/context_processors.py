from django.conf import settings
from django.urls import get_script_prefix, reverse

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


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "SITE_LINKS": site_links()}
