from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from articles.sitemaps import NewsSitemap, SectionSitemap, StorySitemap
from articles.views import HomeView
from films.sitemaps import FilmSitemap
from people.sitemaps import PersonSitemap

admin.site.site_header = f"{settings.SITE_NAME} admin"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Newsroom desk"

SITEMAPS = {"stories": StorySitemap, "people": PersonSitemap, "titles": FilmSitemap, "sections": SectionSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("people/", include("people.urls")),
    path("titles/", include("films.urls")),
    path("", include("articles.urls")),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"}),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "news-sitemap.xml",
        sitemap_views.index,
        {"sitemaps": NEWS_SITEMAPS, "sitemap_url_name": "news-sitemap"},
        name="news-sitemap-index",
    ),
    path(
        "news-sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "articles/sitemaps/news.xml"},
        name="news-sitemap",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
