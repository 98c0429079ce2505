from django.urls import path, register_converter

from . import feeds, views


class TwoDigitConverter:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(TwoDigitConverter, "dd")

app_name = "articles"
urlpatterns = [
    path("news/<int:year>/<dd:month>/<dd:day>/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<int:pk>/<str:token>/", views.shared_preview, name="preview"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("search/", views.SearchView.as_view(), name="search"),
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
