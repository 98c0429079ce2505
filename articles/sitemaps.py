"""Sitemaps for stories and sections, and the Google News sitemap (stories of the last 48 hours)."""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from newsroom.sitemaps import SiteSitemap

from .models import Article, Section


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
