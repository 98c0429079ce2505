"""A scheduled story is absent from every public page until its time, then present, with no job running."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article, Tag
from films.models import Credit

State = Article.State


@pytest.fixture
def scheduled(make_draft, make_person, make_film, editor):
    """An approved story with a linked credit and a tag, scheduled by an editor an hour ahead."""
    person, film = make_person(name="Kyra Sedgwick"), make_film(title="Connescence")
    credit = Credit.objects.create(person=person, film=film, role=Credit.Role.ACTOR, character="Kay")
    story = make_draft(state=State.APPROVED, headline="Sedgwick joins Connescence", credits=[credit])
    story.tags.add(Tag.objects.create(name="Casting", slug="casting"))
    at = (timezone.now() + timedelta(hours=1)).replace(second=0, microsecond=0)  # times are chosen to the minute
    workflow.move(story, "schedule", by=editor, at=at)
    story.refresh_from_db()
    return story, at


def public_surfaces(story):
    """Every public page on which a story appears in this branch, with the address of the story itself."""
    credit = story.article_credits.select_related("credit__person", "credit__film").get().credit
    return {
        "home": "/",
        "section": story.section.get_absolute_url(),
        "tag": story.tags.get().get_absolute_url(),
        "person": credit.person.get_absolute_url(),
        "title": credit.film.get_absolute_url(),
    }


def assert_visible(client, story, visible):
    response = client.get(story.get_absolute_url())
    assert response.status_code == (200 if visible else 404)
    for surface, url in public_surfaces(story).items():
        page = client.get(url)
        if surface == "tag" and not visible:  # a tag only this story carries is embargoed with it
            assert page.status_code == 404
            continue
        assert page.status_code == 200, surface
        assert (story.headline in page.content.decode()) == visible, surface


def test_scheduled_story_hidden_until_publish_at_then_shown(client, scheduled):
    story, at = scheduled
    assert_visible(client, story, False)
    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        assert_visible(client, story, False)
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        assert_visible(client, story, True)


def test_expiry_takes_the_story_down_at_its_time(client, scheduled):
    story, at = scheduled
    Article.objects.filter(pk=story.pk).update(expire_at=at + timedelta(days=1))
    with time_machine.travel(at + timedelta(hours=23), tick=False):
        assert_visible(client, story, True)
    with time_machine.travel(at + timedelta(days=1, seconds=1), tick=False):
        assert_visible(client, story, False)


def test_unpublish_removes_it_everywhere_at_once(client, scheduled, editor):
    story, at = scheduled
    with time_machine.travel(at + timedelta(minutes=5), tick=False):
        assert_visible(client, story, True)
        workflow.move(story, "unpublish", by=editor)
        assert_visible(client, story, False)


def test_scheduled_story_page_is_not_reachable_by_its_address(client, scheduled):
    story, _ = scheduled
    assert client.get(story.get_absolute_url()).status_code == 404
