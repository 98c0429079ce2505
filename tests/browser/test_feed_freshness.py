"""In Chromium: a reader who opened the feed before a scheduled story's time sees the story when they come back
to the feed after it, without forcing a reload."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = [pytest.mark.browser]


def test_a_feed_read_before_a_scheduled_story_shows_it_after_its_time(live_server, transactional_db, make_story, page):
    last_month = timezone.now() - timedelta(days=30)
    old = make_story(headline="Last month's casting news", publish_at=last_month)
    # Untouched since: the feed says Last-Modified a month ago, from which a browser would guess days of freshness.
    Article.objects.filter(pk=old.pk).update(updated_at=last_month)
    make_story(headline="The scheduled casting scoop", publish_at=timezone.now() + timedelta(seconds=3))
    feed = f"{live_server.url}/feeds/latest/rss/"

    page.goto(feed)
    assert "Last month's casting news" in page.content()
    assert "The scheduled casting scoop" not in page.content()

    time.sleep(5)
    # Following a link to the feed again (not a reload, which would always revalidate) uses the browser's cache.
    page.goto(f"{live_server.url}/robots.txt")
    page.goto(feed)
    assert "The scheduled casting scoop" in page.content()
