"""The page cache on the production path: the real Redis at 127.0.0.1:6379 through django-redis, with each
worker's own copy of the pages it served and the invalidation feed it reads at most every poll interval.

Keys carry a prefix of this test run's own and are deleted afterwards, so runs and developers sharing the
server do not see each other's pages.
"""

import time
import uuid

import pytest
import redis
from django.core.cache import cache

from newsroom.public import invalidation, page_cache
from people.models import Person
from tests.conftest import SEED_STORY_URL

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(autouse=True)
def page_cache_on_redis(settings):
    prefix = f"test-page-cache-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_ENTRIES = 100
    settings.PAGE_CACHE_POLL_SECONDS = 0.25
    page_cache.local.entries.clear()
    yield prefix
    page_cache.local.entries.clear()
    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(match=f"{prefix}:*"):
        server.delete(key)


@pytest.fixture
def redis_commands(monkeypatch):
    """The commands the cache's Redis client sends, as they are sent."""
    client = cache.client.get_client()
    sent = []
    original = client.execute_command

    def execute_command(*args, **options):
        sent.append(args[0])
        return original(*args, **options)

    monkeypatch.setattr(client, "execute_command", execute_command)
    return sent


def test_pages_are_stored_in_redis_under_the_run_s_prefix(client, seed, page_cache_on_redis):
    client.get(SEED_STORY_URL)
    keys = list(redis.Redis.from_url(REDIS_URL).scan_iter(match=f"{page_cache_on_redis}:*"))
    assert any(b"page-cache:3:" in key for key in keys)
    assert any(b"page-cache:seq" in key for key in keys)


def test_a_hit_from_the_worker_s_memory_makes_no_redis_call_and_no_query(
    client, seed, redis_commands, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_POLL_SECONDS = 60  # no feed read due during the test
    first = client.get(SEED_STORY_URL)
    redis_commands.clear()
    with django_assert_num_queries(0):
        hit = client.get(SEED_STORY_URL)
    assert redis_commands == []
    assert hit.status_code == 200
    assert hit.content == first.content
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_another_worker_s_page_is_one_round_trip_and_no_query(
    client, seed, redis_commands, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_POLL_SECONDS = 60
    first = client.get(SEED_STORY_URL)
    page_cache.local.entries.clear()  # as in a worker that did not render it
    redis_commands.clear()
    with django_assert_num_queries(0):
        hit = client.get(SEED_STORY_URL)
    assert redis_commands == ["GET"]
    assert hit.content == first.content


def test_the_client_is_kept_between_requests(client, seed):
    client.get(SEED_STORY_URL)
    kept = cache.client.get_client()
    client.get(SEED_STORY_URL)
    assert cache.client.get_client() is kept


def test_an_edit_shows_at_once_in_the_worker_that_made_it(client, seed):
    pages = [SEED_STORY_URL, "/people/kevin-bacon/", "/titles/connescence/"]
    for page in pages:
        client.get(page)
    bacon = Person.objects.get(slug="kevin-bacon")
    bacon.name = "Kev Bacon"
    bacon.save()
    for page in pages:
        assert "Kev Bacon" in client.get(page).content.decode(), page


def bump_in_another_worker(tags):
    """What another app-server process's edit writes to the feed (invalidation.bump), unseen by this one."""
    number = cache.incr(invalidation.SEQ_KEY)
    cache.set(invalidation.FEED_PREFIX + str(number), tuple(tags), timeout=600)


def test_an_edit_made_by_another_worker_shows_within_the_poll_interval(client, seed):
    client.get("/people/kevin-bacon/")
    bacon = Person.objects.get(slug="kevin-bacon")
    Person.objects.filter(pk=bacon.pk).update(name="Kev Bacon")  # saved elsewhere: no signal here
    bump_in_another_worker([f"person-{bacon.pk}"])
    started = time.monotonic()
    while "Kev Bacon" not in client.get("/people/kevin-bacon/").content.decode():
        assert time.monotonic() - started < 1, "another worker's edit not seen within a second"
        time.sleep(0.05)


def test_a_feed_entry_lost_from_redis_makes_every_page_stale(client, seed, settings):
    client.get("/people/kevin-bacon/")
    Person.objects.filter(slug="kevin-bacon").update(name="Kev Bacon")
    number = cache.incr(invalidation.SEQ_KEY)  # numbered, but its tags never written (evicted, say)
    assert cache.get(invalidation.FEED_PREFIX + str(number)) is None
    time.sleep(settings.PAGE_CACHE_POLL_SECONDS)
    assert "Kev Bacon" not in client.get("/people/kevin-bacon/").content.decode()  # the entry may be on its way…
    time.sleep(invalidation.GAP_PATIENCE + settings.PAGE_CACHE_POLL_SECONDS)
    assert "Kev Bacon" in client.get("/people/kevin-bacon/").content.decode()  # …not for ever


def test_a_returning_reader_gets_304_from_redis(client, seed):
    etag = client.get(SEED_STORY_URL)["ETag"]
    assert client.get(SEED_STORY_URL).status_code == 200  # served from the cache
    page_cache.local.entries.clear()
    response = client.get(SEED_STORY_URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_an_uncached_story_page_reads_what_every_page_needs_in_one_round_trip(client, seed, settings, redis_commands):
    """The edit generation, the graph's generation, the sections and the next scheduled change: one MGET, not
    four GETs, once the first request has named them (core/prefetch.py)."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(SEED_STORY_URL)
    client.get(SEED_STORY_URL)
    redis_commands.clear()
    response = client.get(SEED_STORY_URL)
    assert response.status_code == 200
    assert redis_commands == ["MGET"]


def test_a_key_written_during_a_request_is_read_again_not_taken_from_the_prefetch(client, seed, settings):
    """A request that renames a section and then shows the navigation shows the new name."""
    from django.test import RequestFactory

    from articles.models import Section
    from core import prefetch
    from newsroom.public import navigation

    settings.PAGE_CACHE_SECONDS = 0
    client.get(SEED_STORY_URL)  # names the keys
    seen = []

    def view(request):
        seen.append([name for name, _ in navigation.sections()])
        Section.objects.filter(slug="movies").update(name="Film")
        navigation.forget()
        seen.append([name for name, _ in navigation.sections()])
        from django.http import HttpResponse

        return HttpResponse()

    prefetch.PrefetchMiddleware(view)(RequestFactory().get("/"))
    assert seen[0] == ["Movies"] and seen[1] == ["Film"]


def test_a_request_that_reads_none_of_the_shared_keys_makes_no_round_trip_for_them(client, seed, redis_commands):
    """The admin's login page reads no generation or sections: no MGET for them."""
    client.get(SEED_STORY_URL)  # names the keys
    redis_commands.clear()
    assert client.get("/admin/login/").status_code == 200
    assert "MGET" not in redis_commands
