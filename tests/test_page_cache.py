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
