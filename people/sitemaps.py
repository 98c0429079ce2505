from newsroom.sitemaps import SiteSitemap

from .models import Person


class PersonSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Person.objects.only("slug", "updated_at").order_by("pk")
