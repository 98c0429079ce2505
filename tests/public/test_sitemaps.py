"""sitemap.xml, the Google News sitemap and robots.txt, as a search engine reads them."""

from datetime import timedelta
from xml.etree import ElementTree

from django.conf import settings
from django.utils import timezone

from articles.models import Article
from newsroom.public.sitemaps import NewsSitemap

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


def test_index_lists_stories_people_titles_and_sections(client, seed):
    sitemaps = locations(xml(client.get("/sitemap.xml")))
    assert [url.rsplit("/", 1)[1] for url in sitemaps] == [
        "sitemap-stories.xml",
        "sitemap-people.xml",
        "sitemap-titles.xml",
        "sitemap-sections.xml",
    ]


def test_each_sitemap_lists_canonical_urls_with_lastmod(client, seed):
    stories = xml(client.get("/sitemap-stories.xml"))
    assert locations(stories) == [settings.SITE_URL + seed.get_absolute_url()]
    assert stories.find(".//sm:lastmod", NS).text.startswith("2024-02-07")
    people = locations(xml(client.get("/sitemap-people.xml")))
    assert settings.SITE_URL + "/people/kevin-bacon/" in people
    titles = locations(xml(client.get("/sitemap-titles.xml")))
    assert settings.SITE_URL + "/titles/connescence/" in titles
    sections = xml(client.get("/sitemap-sections.xml"))
    assert locations(sections) == [settings.SITE_URL + "/section/movies/"]
    assert sections.find(".//sm:lastmod", NS) is not None


def test_unpublished_stories_stay_out_of_the_sitemap(client, make_story):
    make_story(state=Article.State.DRAFT)
    make_story(publish_at=timezone.now() + timedelta(hours=2))
    assert locations(xml(client.get("/sitemap-stories.xml"))) == []


def test_news_sitemap_has_only_the_last_48_hours(client, make_story):
    fresh = make_story(headline="Fresh & new", publish_at=timezone.now() - timedelta(hours=3))
    make_story(headline="Stale", publish_at=timezone.now() - timedelta(hours=49))
    index = locations(xml(client.get("/news-sitemap.xml")))
    assert [url.rsplit("/", 1)[1] for url in index] == ["news-sitemap-news.xml"]
    root = xml(client.get("/news-sitemap-news.xml"))
    assert locations(root) == [settings.SITE_URL + fresh.get_absolute_url()]
    news = root.find(".//news:news", NS)
    assert news.find("news:publication/news:name", NS).text == settings.SITE_NAME
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Fresh & new"
    assert news.find("news:publication_date", NS).text.startswith(fresh.publish_at.astimezone().date().isoformat()[:4])


def test_news_sitemap_holds_at_most_1000_urls_a_file():
    assert NewsSitemap.limit == 1000


def test_robots_txt_points_to_both_sitemaps(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body
    assert f"Sitemap: {settings.SITE_URL}/news-sitemap.xml" in body
    assert "Disallow: /admin/" in body
