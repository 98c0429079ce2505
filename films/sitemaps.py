from newsroom.sitemaps import SiteSitemap

from .models import Film


class FilmSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Film.objects.only("slug", "updated_at").order_by("pk")
