"""API answers carry ETag, Last-Modified and the pages' Cache-Control, and answer 304 to an unchanged copy."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.cache import get_max_age

from people.models import Person
from tests.api.conftest import API
from tests.conftest import SEED_STORY_SLUG

PATHS = [
    f"/stories/{SEED_STORY_SLUG}/",
    "/stories/",
    "/people/",
    "/people/kevin-bacon/",
    "/titles/",
    "/titles/connescence/",
    "/credits/",
    "/sections/",
    "/tags/",
    "/search/?q=Bacon",
]


@pytest.mark.parametrize("path", PATHS)
def test_unchanged_answer_is_a_304_with_cache_control(client, seed, path):
    first = client.get(f"{API}{path}")
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert "max-age=" in first["Cache-Control"]
    again = client.get(f"{API}{path}", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert client.get(f"{API}{path}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_an_edit_gives_a_new_version(client, seed):
    path = f"{API}/people/kevin-bacon/"
    before = client.get(path)["ETag"]
    Person.objects.filter(slug="kevin-bacon").update(name="Kevin N. Bacon")
    Person.objects.get(slug="kevin-bacon").save()
    after = client.get(path, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after.json()["name"] == "Kevin N. Bacon"


def test_a_scheduled_story_going_public_gives_the_list_a_new_version(client, make_story):
    make_story()
    make_story(publish_at=timezone.now() + timedelta(hours=1))
    before = client.get(f"{API}/stories/")["ETag"]
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        after = client.get(f"{API}/stories/", HTTP_IF_NONE_MATCH=before)
        assert after.status_code == 200 and len(after.json()["items"]) == 2
        assert "max-age=" in after["Cache-Control"]


def test_cache_control_never_outlives_the_next_scheduled_story(client, settings, make_story):
    settings.PUBLIC_MAX_AGE = 600
    make_story(publish_at=timezone.now() + timedelta(seconds=90))
    assert get_max_age(client.get(f"{API}/stories/")) <= 91


def test_the_page_cache_serves_api_answers_and_an_edit_invalidates_them(client, settings, seed):
    settings.PAGE_CACHE_SECONDS = 600
    path = f"{API}/people/kevin-bacon/"
    assert client.get(path).json()["name"] == "Kevin Bacon"
    person = Person.objects.get(slug="kevin-bacon")
    person.name = "Kevin N. Bacon"
    person.save()
    assert client.get(path).json()["name"] == "Kevin N. Bacon"
