"""Sitemaps for stories and sections, and the Google News sitemap (stories of the last 48 hours)."""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from newsroom.sitemaps import SiteSitemap

from .models import Article, Section


class StorySitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.public()
            .only("slug", "publish_at", "updated_at", "created_at")
            .order_by("-publish_at", "-id")
        )

    def lastmod(self, story):
        return max(story.updated_at, story.publish_at)


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        newest = (
            Article.objects.public()
            .filter(section=OuterRef("pk"))
            .annotate(changed=Greatest("updated_at", "publish_at"))
            .order_by("-changed")
            .values("changed")[:1]
        )
        return Section.objects.annotate(last_story_change=Subquery(newest)).order_by("position", "name")

    def lastmod(self, section):
        return section.last_story_change


class NewsSitemap(StorySitemap):
    """Google News: at most 1,000 URLs a file, stories published in the last 48 hours."""

    limit = 1000
    window = timedelta(hours=48)

    def items(self):
        since = timezone.now() - self.window
        return (
            Article.objects.public()
            .filter(publish_at__gte=since)
            .only("slug", "headline", "publish_at", "updated_at", "created_at")
            .order_by("-publish_at", "-id")
        )
