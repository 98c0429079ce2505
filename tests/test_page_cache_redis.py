"""The page cache on the production path: the real Redis at 127.0.0.1:6379 through django-redis.

Keys carry a prefix of this test run's own and are deleted afterwards, so runs and developers sharing the
server do not see each other's pages.
"""

import uuid

import pytest
import redis
from django.core.cache import cache

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
    yield prefix
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
    assert any(b"page-cache:2:" in key for key in keys)
    assert any(b"page-cache:generation" in key for key in keys)


def test_a_hit_is_one_round_trip_and_no_query(client, seed, redis_commands, django_assert_num_queries):
    first = client.get(SEED_STORY_URL)
    redis_commands.clear()
    with django_assert_num_queries(0):
        hit = client.get(SEED_STORY_URL)
    assert redis_commands == ["MGET"]
    assert hit.status_code == 200
    assert hit.content == first.content
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_the_client_is_kept_between_requests(client, seed):
    client.get(SEED_STORY_URL)
    kept = cache.client.get_client()
    client.get(SEED_STORY_URL)
    assert cache.client.get_client() is kept


def test_an_edit_shows_at_once_through_redis(client, seed):
    pages = [SEED_STORY_URL, "/people/kevin-bacon/", "/titles/connescence/"]
    for page in pages:
        client.get(page)
    bacon = Person.objects.get(slug="kevin-bacon")
    bacon.name = "Kev Bacon"
    bacon.save()
    for page in pages:
        assert "Kev Bacon" in client.get(page).content.decode(), page


def test_a_returning_reader_gets_304_from_redis(client, seed):
    etag = client.get(SEED_STORY_URL)["ETag"]
    assert client.get(SEED_STORY_URL).status_code == 200  # served from Redis
    response = client.get(SEED_STORY_URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
