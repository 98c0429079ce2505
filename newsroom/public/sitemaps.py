"""Sitemaps: stories, sections, people and titles, and the Google News sitemap (stories of the last 48 hours).

Every URL is absolute on SITE_URL, whatever host the request used.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from articles.models import Article, Section
from articles.visibility import public_people, public_titles
from films.models import Film
from people.models import Person


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


def public_stories():
    """Public stories with `changed`: the later of their last edit and their publication."""
    return Article.objects.public().annotate(changed=Greatest("updated_at", "publish_at"))


class StorySitemap(SiteSitemap):
    changefreq = "daily"
    lastmod_field = "changed"

    def items(self):
        return public_stories().only("slug", "publish_at", "updated_at", "created_at").order_by("-publish_at", "-id")


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"
    lastmod_field = "changed"

    def items(self):
        newest = public_stories().filter(section=OuterRef("pk")).order_by("-changed").values("changed")[:1]
        return Section.objects.annotate(changed=Subquery(newest)).order_by("position", "name")


class NewsSitemap(StorySitemap):
    """Google News: at most 1,000 URLs a file, stories published in the last 48 hours."""

    limit = 1000
    window = timedelta(hours=48)

    def items(self):
        since = timezone.now() - self.window
        return (
            public_stories()
            .filter(publish_at__gte=since)
            .only("slug", "headline", "publish_at", "updated_at", "created_at")
            .order_by("-publish_at", "-id")
        )


class PersonSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return public_people(Person.objects.only("slug", "updated_at")).order_by("pk")


class FilmSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return public_titles(Film.objects.only("slug", "updated_at")).order_by("pk")
