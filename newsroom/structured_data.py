"""schema.org pieces every app's JSON-LD shares: absolute URLs, the publisher, breadcrumbs."""

from django.conf import settings
from django.templatetags.static import static

DEFAULT_IMAGE = "newsroom/share-card.jpg"


def absolute(url):
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def default_image():
    return absolute(static(DEFAULT_IMAGE))


def publisher():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "logo": {"@type": "ImageObject", "url": default_image()},
    }


def breadcrumbs(*trail):
    """BreadcrumbList from (name, url) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website():
    """The site itself, with the search box search engines may offer."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{settings.SITE_URL}/search/?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
