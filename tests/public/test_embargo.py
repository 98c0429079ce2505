"""Embargo reaches the data a story brings: a person, title, credit or tag made for an unpublished story is on
no public page, feed, sitemap or search filter until the story is public (or an editor releases it)."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from articles import workflow
from articles.models import Article, Tag
from films.models import Credit, Film
from people.models import Person, Relationship
from tests.conftest import SEED_STORY_URL

# Every string the scoop would leak by; none may reach a reader early.
SECRETS = ["Zoe Newcast", "zoe-newcast", "Night Shift Returns", "night-shift-returns", "Mystery Villain",
           "Cameo Herself", "Stan Again", "Night Shift casting", "Newcast cast in sequel"]  # fmt: skip

# 22 public URLs where the scoop could show: its own pages and feeds, the public pages it would join, the
# sitemaps and the search filters.
URLS = [
    "/people/zoe-newcast/",
    "/people/zoe-newcast/rss/",
    "/people/zoe-newcast/atom/",
    "/titles/night-shift-returns/",
    "/titles/night-shift-returns/rss/",
    "/titles/night-shift-returns/atom/",
    "/tag/night-shift-casting/",
    "/search/?tag=night-shift-casting",
    "/search/?person=zoe-newcast",
    "/search/?title=night-shift-returns",
    "/search/?q=Newcast",
    "/sitemap.xml",
    "/sitemap-people.xml",
    "/sitemap-titles.xml",
    "/titles/connescence/",  # the cast would gain Zoe Newcast as Cameo Herself
    "/people/kevin-bacon/",  # the filmography would gain Night Shift Returns; relationships, his new sibling
    "/people/kyra-sedgwick/",
    "/titles/connescence/rss/",
    "/feeds/latest/rss/",
    "/feeds/latest/atom/",
    "/",
    SEED_STORY_URL,
]


@pytest.fixture
def scoop(seed, reporter):
    """A reporter's draft casting a new actor in a new title, with new credits on public pages and a new tag."""
    bacon, connescence = Person.objects.get(slug="kevin-bacon"), Film.objects.get(slug="connescence")
    newcast = Person.objects.create(name="Zoe Newcast", slug="zoe-newcast", is_released=False)
    sequel = Film.objects.create(title="Night Shift Returns", slug="night-shift-returns", year=2026, is_released=False)
    credits = [
        Credit.objects.create(person=newcast, film=sequel, character="Mystery Villain", is_released=False),
        Credit.objects.create(person=newcast, film=connescence, character="Cameo Herself", billing=9, is_released=False),
        Credit.objects.create(person=bacon, film=sequel, character="Stan Again", is_released=False),
    ]  # fmt: skip
    # An editor records a family tie the scoop reveals: it waits for the person to be public.
    Relationship.objects.create(person=bacon, other=newcast, kind=Relationship.Kind.SIBLING)
    story = Article.objects.create(
        headline="Newcast cast in sequel",
        slug="newcast-cast-in-sequel",
        dek="A casting scoop.",
        body="<p>Zoe Newcast joins Night Shift Returns.</p>",
        section=seed.section,
        created_by=reporter,
    )
    story.authors.add(reporter)
    for position, credit in enumerate(credits):
        story.article_credits.create(credit=credit, position=position)
    story.tags.add(Tag.objects.create(name="Night Shift casting", slug="night-shift-casting"))
    return story


def leaks(client):
    """The URLs that show any part of the scoop, with what they show."""
    found = {}
    for url in URLS:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode() if response.status_code == 200 else ""
        # A page may repeat what the reader asked for (search keeps the query in its form), nothing more.
        shown = [secret for secret in SECRETS if secret in body and secret not in url]
        if shown:
            found[url] = shown
    return found


def approve(story, editor):
    Article.objects.filter(pk=story.pk).update(state=Article.State.APPROVED)
    story.refresh_from_db()


def test_nothing_made_for_a_draft_is_public(client, scoop):
    assert leaks(client) == {}
    for url in URLS[:7]:
        assert client.get(url).status_code == 404, url


def test_publishing_the_story_makes_its_people_titles_credits_and_tag_public(client, scoop, editor):
    approve(scoop, editor)
    workflow.move(scoop, "publish", by=editor)
    shown = leaks(client)
    assert set(shown) == set(URLS) - {"/sitemap.xml", "/people/kyra-sedgwick/", SEED_STORY_URL}
    assert "Cameo Herself" in shown["/titles/connescence/"]
    assert {"Night Shift Returns", "Stan Again", "Zoe Newcast"} <= set(shown["/people/kevin-bacon/"])
    assert "Mystery Villain" in shown["/titles/night-shift-returns/"]
    assert "/people/zoe-newcast/" in client.get("/sitemap-people.xml").content.decode()


def test_scheduled_story_brings_its_people_at_its_time_with_no_job(client, scoop, editor):
    approve(scoop, editor)
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)  # times are chosen to the minute
    workflow.move(scoop, "schedule", by=editor, at=at)
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert leaks(client) == {}
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert client.get("/people/zoe-newcast/").status_code == 200
        assert "Cameo Herself" in client.get("/titles/connescence/").content.decode()
        assert client.get("/tag/night-shift-casting/").status_code == 200


def test_unpublishing_the_story_takes_its_people_down_again(client, scoop, editor):
    approve(scoop, editor)
    workflow.move(scoop, "publish", by=editor)
    assert client.get("/people/zoe-newcast/").status_code == 200
    workflow.move(scoop, "unpublish", by=editor)
    assert leaks(client) == {}


def test_an_editor_releases_a_person_without_a_story(client, scoop):
    Person.objects.filter(slug="zoe-newcast").update(is_released=True)
    response = client.get("/people/zoe-newcast/")
    assert response.status_code == 200
    # Her credits stay embargoed: the credits and the title are not released, and no public story links them.
    assert "Cameo Herself" not in response.content.decode()
    assert "Mystery Villain" not in response.content.decode()
    assert "Zoe Newcast" not in client.get("/titles/connescence/").content.decode()


def test_a_released_credit_waits_for_its_person(client, scoop):
    Credit.objects.filter(character="Cameo Herself").update(is_released=True)
    assert "Cameo Herself" not in client.get("/titles/connescence/").content.decode()
    Person.objects.filter(slug="zoe-newcast").update(is_released=True)
    assert "Cameo Herself" in client.get("/titles/connescence/").content.decode()


@override_settings(PAGE_CACHE_SECONDS=600)
def test_cached_pages_pick_up_the_scheduled_scoop_at_its_time(client, scoop, editor):
    approve(scoop, editor)
    at = timezone.now() + timedelta(hours=1)
    workflow.move(scoop, "schedule", by=editor, at=at)
    assert "Cameo Herself" not in client.get("/titles/connescence/").content.decode()  # now in the page cache
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert "Cameo Herself" in client.get("/titles/connescence/").content.decode()


def test_last_modified_does_not_move_for_embargoed_data(client, scoop):
    """An edit to an embargoed person or title shows in no public page's validators."""
    before = {url: client.get(url)["Last-Modified"] for url in ("/titles/connescence/", "/people/kevin-bacon/")}
    later = timezone.now() + timedelta(days=1)
    Person.objects.filter(slug="zoe-newcast").update(updated_at=later)
    Film.objects.filter(slug="night-shift-returns").update(updated_at=later)
    assert {url: client.get(url)["Last-Modified"] for url in before} == before
