"""The base every app's sitemap builds on: absolute URLs on SITE_URL, whatever host the request used."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class SiteSitemap(Sitemap):
    """Subclasses name the field their lastmod comes from, so the sitemap index asks the database for its
    maximum instead of loading every item (Django's default when lastmod is a method)."""

    lastmod_field = "updated_at"

    def lastmod(self, item):
        return getattr(item, self.lastmod_field)

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max(self.lastmod_field))["latest"]

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme
