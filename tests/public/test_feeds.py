"""RSS and Atom feeds parse cleanly and carry what a feed reader needs for every entry."""

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article


@pytest.fixture
def feed_urls(seed):
    return [
        reverse("articles:feed-rss"),
        reverse("articles:feed-atom"),
        reverse("articles:section-feed-rss", args=["movies"]),
        reverse("articles:section-feed-atom", args=["movies"]),
        reverse("articles:person-feed-rss", args=["kevin-bacon"]),
        reverse("articles:person-feed-atom", args=["kevin-bacon"]),
        reverse("articles:title-feed-rss", args=["connescence"]),
        reverse("articles:title-feed-atom", args=["connescence"]),
    ]


def test_every_feed_parses_without_errors_and_lists_the_seed_story(client, seed, feed_urls):
    for url in feed_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.get("bozo_exception"))
        [entry] = parsed.entries
        assert entry.title == seed.headline
        assert entry.link.endswith(seed.get_absolute_url())
        assert entry.id
        assert entry.published_parsed
        assert entry.author
        assert entry.summary == seed.dek


def test_entries_carry_the_byline(client, make_story, django_user_model):
    story = make_story(headline="Bylined")
    story.authors.add(django_user_model.objects.create_user("rita", first_name="Rita", last_name="Reporter"))
    parsed = feedparser.parse(client.get(reverse("articles:feed-atom")).content)
    assert parsed.entries[0].author == "Rita Reporter"


def test_feeds_leave_out_unpublished_stories(client, make_story):
    make_story(headline="Live")
    make_story(headline="Draft", state=Article.State.DRAFT)
    parsed = feedparser.parse(client.get(reverse("articles:feed-rss")).content)
    assert [entry.title for entry in parsed.entries] == ["Live"]


def test_feed_for_unknown_person_is_not_found(client, db):
    assert client.get(reverse("articles:person-feed-rss", args=["nobody"])).status_code == 404


def test_pages_advertise_their_feeds(client, seed):
    html = client.get("/people/kevin-bacon/").content.decode()
    assert reverse("articles:person-feed-rss", args=["kevin-bacon"]) in html
    assert 'type="application/atom+xml"' in html
