"""The reader's site. URL names keep the namespace of the data they show (articles:, people:, films:)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from . import feeds
from .sitemaps import FilmSitemap, NewsSitemap, PersonSitemap, SectionSitemap, StorySitemap
from .views import home, lists, people, search, stories, titles


class TwoDigitConverter:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

SITEMAPS = {"stories": StorySitemap, "people": PersonSitemap, "titles": FilmSitemap, "sections": SectionSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}

story_patterns = [
    path("news/<int:year>/<dd:month>/<dd:day>/<slug:slug>/", stories.ArticleDetailView.as_view(), name="detail"),
    path("preview/<int:pk>/", stories.staff_preview, name="staff-preview"),
    path("preview/<int:pk>/<str:token>/", stories.shared_preview, name="preview"),
    path("section/<slug:slug>/", lists.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", lists.TagView.as_view(), name="tag"),
    path("search/", search.SearchView.as_view(), name="search"),
    # Feeds: RSS 2.0 and Atom for the latest stories, each section, each person and each title.
    path("feeds/latest/rss/", feeds.LatestStoriesFeed(), name="feed-rss"),
    path("feeds/latest/atom/", feeds.atom(feeds.LatestStoriesFeed)(), name="feed-atom"),
    path("section/<slug:slug>/rss/", feeds.SectionFeed(), name="section-feed-rss"),
    path("section/<slug:slug>/atom/", feeds.atom(feeds.SectionFeed)(), name="section-feed-atom"),
    path("people/<slug:slug>/rss/", feeds.PersonFeed(), name="person-feed-rss"),
    path("people/<slug:slug>/atom/", feeds.atom(feeds.PersonFeed)(), name="person-feed-atom"),
    path("titles/<slug:slug>/rss/", feeds.TitleFeed(), name="title-feed-rss"),
    path("titles/<slug:slug>/atom/", feeds.atom(feeds.TitleFeed)(), name="title-feed-atom"),
]

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("people/<slug:slug>/", include(([path("", people.PersonDetailView.as_view(), name="detail")], "people"))),
    path("titles/<slug:slug>/", include(([path("", titles.FilmDetailView.as_view(), name="detail")], "films"))),
    path("", include((story_patterns, "articles"))),
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
        {"sitemaps": NEWS_SITEMAPS, "template_name": "public/sitemaps/news.xml"},
        name="news-sitemap",
    ),
]
