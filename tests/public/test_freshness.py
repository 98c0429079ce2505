"""Every public response tells browsers how long they may reuse it, never past the next scheduled publication,
so a correction, an unpublish or a scheduled story reaches readers who have looked before."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_max_age

from tests.conftest import SEED_STORY_URL

PUBLIC_URLS = [
    "/",
    SEED_STORY_URL,
    "/section/movies/",
    "/tag/casting/",
    "/search/?q=bacon",
    "/people/kevin-bacon/",
    "/titles/connescence/",
    "/feeds/latest/rss/",
    "/feeds/latest/atom/",
    "/section/movies/rss/",
    "/people/kevin-bacon/atom/",
    "/titles/connescence/rss/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
    "/sitemap-people.xml",
    "/news-sitemap.xml",
    "/robots.txt",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_response_states_a_short_freshness(client, seed, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    assert 1 <= get_max_age(response) <= 60, (url, response.get("Cache-Control"))


def test_a_feed_is_fresh_no_longer_than_until_the_next_scheduled_story(client, make_story):
    make_story(headline="Out already", publish_at=timezone.now() - timedelta(days=30))
    make_story(headline="Casting scoop", publish_at=timezone.now() + timedelta(seconds=20))
    for url in ("/feeds/latest/rss/", "/", "/sitemap-stories.xml"):
        assert 1 <= get_max_age(client.get(url)) <= 21, url


def test_previews_and_the_admin_are_never_reused(client, make_draft, superuser):
    story = make_draft()
    client.force_login(superuser)
    assert "no-store" in client.get(f"/preview/{story.pk}/")["Cache-Control"]
    assert "no-store" in client.get("/admin/")["Cache-Control"]


def test_a_page_replayed_from_the_page_cache_is_fresh_only_until_the_scheduled_story(
    client, make_story, settings, time_machine
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    time_machine.move_to(timezone.now(), tick=False)
    make_story(headline="Out already", publish_at=timezone.now() - timedelta(days=30))
    make_story(headline="Casting scoop", publish_at=timezone.now() + timedelta(seconds=40))
    assert get_max_age(client.get("/")) <= 41
    time_machine.shift(30)
    replayed = client.get("/")
    assert "Casting scoop" not in replayed.content.decode()
    assert 1 <= get_max_age(replayed) <= 11


def test_only_anonymous_readers_pages_are_for_shared_caches(client, seed, make_draft, superuser):
    """A CDN may keep what any reader would get (named by key for purging); never a staff member's view."""
    anonymous = client.get(SEED_STORY_URL)
    assert "public" in anonymous["Cache-Control"] and "s-maxage" in anonymous["Cache-Control"]
    assert f"story-{seed.pk}" in anonymous["Surrogate-Key"].split()
    draft = make_draft()
    client.force_login(superuser)
    for url in (SEED_STORY_URL, f"/preview/{draft.pk}/", "/admin/"):
        response = client.get(url)
        assert "s-maxage" not in response["Cache-Control"] and "public" not in response["Cache-Control"], url
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"], url
        assert "Surrogate-Key" not in response, url


def test_a_cdn_keeps_no_page_past_the_next_scheduled_story(client, make_story, settings):
    settings.CDN_MAX_AGE = 3600
    make_story(headline="Out already", publish_at=timezone.now() - timedelta(days=30))
    make_story(headline="Casting scoop", publish_at=timezone.now() + timedelta(seconds=20))
    shared = dict(part.strip().split("=") for part in client.get("/")["Cache-Control"].split(",") if "=" in part)
    assert 1 <= int(shared["s-maxage"]) <= 21
