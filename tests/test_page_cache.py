"""Anonymous readers get cached pages, and every edit shows on them at once."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from films.models import Credit
from people.models import Person
from tests.conftest import SEED_STORY_URL


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_a_cached_page_is_served_without_touching_the_database(client, seed, django_assert_num_queries):
    first = client.get(SEED_STORY_URL)
    with django_assert_num_queries(0):
        second = client.get(SEED_STORY_URL)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["X-Content-Type-Options"] == "nosniff"


def test_editing_the_story_shows_at_once(client, seed):
    client.get(SEED_STORY_URL)
    seed.headline = "Bacon and Sedgwick reunite on screen"
    seed.save()
    assert "Bacon and Sedgwick reunite on screen" in client.get(SEED_STORY_URL).content.decode()
    assert "Bacon and Sedgwick reunite on screen" in client.get("/").content.decode()


def test_editing_a_credit_shows_on_the_story_and_title_pages_at_once(client, seed):
    client.get(SEED_STORY_URL), client.get("/titles/connescence/")
    stan = Credit.objects.get(character="Stan")
    stan.character = "Stanley"
    stan.save()
    assert "Stanley" in client.get(SEED_STORY_URL).content.decode()
    assert "Stanley" in client.get("/titles/connescence/").content.decode()


def test_renaming_a_person_shows_on_every_page_that_names_them(client, seed):
    pages = [SEED_STORY_URL, "/titles/connescence/", "/people/kyra-sedgwick/", "/people/kevin-bacon/"]
    for page in pages:
        client.get(page)
    Person.objects.filter(slug="kevin-bacon").update(name="Kev Bacon")  # update() sends no signal…
    Person.objects.get(slug="kevin-bacon").save()  # …a save from the admin does
    for page in pages:
        assert "Kev Bacon" in client.get(page).content.decode(), page


def test_logged_in_staff_always_see_fresh_pages(client, seed, superuser, django_assert_max_num_queries):
    client.force_login(superuser)
    client.get(SEED_STORY_URL)
    with django_assert_max_num_queries(20) as ctx:
        client.get(SEED_STORY_URL)
    assert len(ctx.captured_queries) > 0


def test_a_scheduled_story_appears_on_cached_pages_at_its_time(client, make_story):
    make_story(headline="Old news")
    story = make_story(headline="Embargoed casting", publish_at=timezone.now() + timedelta(seconds=2))
    assert "Embargoed casting" not in client.get("/").content.decode()
    time.sleep(3)
    assert "Embargoed casting" in client.get("/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_lost_edit_generation_never_brings_back_a_stale_page(client, seed, editor):
    from articles import workflow
    from newsroom.public.page_cache import GENERATION_KEY

    assert seed.headline in client.get("/").content.decode()
    workflow.move(seed, "unpublish", by=editor)
    cache.delete(GENERATION_KEY)  # evicted, as a full file cache may do
    assert seed.headline not in client.get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_reader_during_a_slow_save_does_not_keep_the_old_page(client, make_story):
    """An edit's invalidation must follow its commit: a page rendered from the old rows meanwhile is stale after it."""
    import threading

    from django.db import connection, transaction

    story = make_story(headline="First take on the casting")
    url = story.get_absolute_url()
    saved, proceed = threading.Event(), threading.Event()

    def slow_save():
        try:
            with transaction.atomic():
                story.headline = "Corrected take on the casting"
                story.save()
                saved.set()
                proceed.wait(10)
        finally:
            connection.close()

    editor_thread = threading.Thread(target=slow_save)
    editor_thread.start()
    assert saved.wait(10)
    # The reader comes while the edit is still uncommitted: the old page is right, for now.
    assert "First take on the casting" in client.get(url).content.decode()
    proceed.set()
    editor_thread.join(10)
    assert "Corrected take on the casting" in client.get(url).content.decode()


def test_an_http_request_for_a_cached_page_is_redirected_to_https(client, seed, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(SEED_STORY_URL, secure=True).status_code == 200  # now cached
    response = client.get(SEED_STORY_URL)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{SEED_STORY_URL}"


def test_a_cached_page_over_https_still_carries_the_security_headers(client, seed, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    client.get(SEED_STORY_URL, secure=True)
    cached = client.get(SEED_STORY_URL, secure=True)
    assert cached.status_code == 200
    assert cached["Strict-Transport-Security"].startswith("max-age=3600")
    assert cached["X-Content-Type-Options"] == "nosniff"


def test_a_cached_page_keeps_its_security_policies(client, seed):
    first = client.get(SEED_STORY_URL)
    cached = client.get(SEED_STORY_URL)
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "ETag", "Last-Modified"):
        assert cached[header] == first[header], header


def test_an_entry_in_an_older_format_is_never_served(client, seed):
    """After a release that changed the entry's shape, pages cached by the previous release are not read."""
    import hashlib

    from newsroom.public.page_cache import GENERATION_KEY, current_generation

    old_key = "page-cache:" + hashlib.sha1(f"testserver{SEED_STORY_URL}".encode()).hexdigest()
    cache.set(old_key, (current_generation(), 200, [("Content-Type", "text/html")], b"Old markup", 1e12))
    assert cache.get(GENERATION_KEY)
    response = client.get(SEED_STORY_URL)
    assert response.status_code == 200
    assert seed.headline in response.content.decode()


def test_a_page_whose_policy_carries_a_nonce_is_never_kept():
    """A nonce proves a script came with this very response; replayed to other readers it would prove nothing."""
    from django.http import HttpResponse

    from newsroom.public.page_cache import PageCacheMiddleware

    plain = HttpResponse("<p>Story</p>", headers={"Content-Security-Policy": "script-src 'self'"})
    with_nonce = HttpResponse("<p>Story</p>", headers={"Content-Security-Policy": "script-src 'self' 'nonce-abc123'"})
    assert PageCacheMiddleware.cacheable(plain)
    assert not PageCacheMiddleware.cacheable(with_nonce)
