"""The API shows exactly what the public site shows: a story in any other state is a 404 and in no list, and
the people, titles, credits and tags it brings stay hidden; a share-preview token opens its one draft only."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import previews
from articles.models import Article, Tag
from films.models import Credit, Film
from people.models import Person
from tests.api.conftest import API

NOW = timezone.now()
NOT_PUBLIC = {
    "draft": {"state": Article.State.DRAFT, "publish_at": None},
    "in review": {"state": Article.State.IN_REVIEW, "publish_at": None},
    "changes requested": {"state": Article.State.CHANGES_REQUESTED, "publish_at": None},
    "approved": {"state": Article.State.APPROVED, "publish_at": None},
    "scheduled": {"state": Article.State.PUBLISHED, "publish_at": NOW + timedelta(days=1)},
    "expired": {"state": Article.State.PUBLISHED, "publish_at": NOW - timedelta(days=2), "expire_at": NOW - timedelta(days=1)},
    "unpublished": {"state": Article.State.UNPUBLISHED, "publish_at": NOW - timedelta(days=2)},
}  # fmt: skip


@pytest.fixture
def scoop(make_story):
    """A story in the given state, carrying a new person, title, credit and tag nobody has released."""

    def make(**fields):
        person = Person.objects.create(name="Zoe Newcast", slug="zoe-newcast", is_released=False)
        film = Film.objects.create(
            title="Night Shift Returns", slug="night-shift-returns", year=2026, is_released=False
        )
        credit = Credit.objects.create(person=person, film=film, character="Mystery Villain", is_released=False)
        story = make_story(headline="Newcast cast in sequel", slug="newcast-cast", credits=[credit], **fields)
        story.tags.add(Tag.objects.create(name="Night Shift casting", slug="night-shift-casting"))
        return story, credit

    return make


def hidden_everywhere(client, credit):
    paths = [
        "/stories/newcast-cast/",
        "/people/zoe-newcast/",
        "/titles/night-shift-returns/",
        f"/credits/{credit.pk}/",
    ]
    lists = [
        "/stories/",
        "/stories/?person=zoe-newcast",
        "/stories/?tag=night-shift-casting",
        "/search/?q=Newcast",
        "/people/",
        "/titles/",
        "/credits/",
        "/tags/",
    ]
    for path in paths:
        assert client.get(f"{API}{path}").status_code == 404, path
    for path in lists:
        body = client.get(f"{API}{path}").content.decode()
        for secret in ("Newcast", "newcast", "Night Shift", "Mystery Villain"):
            assert secret not in body.split('"next"')[0], (path, secret)


@pytest.mark.parametrize("state", list(NOT_PUBLIC))
def test_a_story_that_is_not_public_is_hidden_with_all_it_brings(client, scoop, state):
    _, credit = scoop(**NOT_PUBLIC[state])
    hidden_everywhere(client, credit)


def test_everything_appears_when_the_story_is_public(client, scoop, get_json):
    story, credit = scoop()
    assert get_json("/stories/newcast-cast/")["credits"][0]["character"] == "Mystery Villain"
    assert get_json("/people/zoe-newcast/")["credits"][0]["title"]["slug"] == "night-shift-returns"
    assert get_json(f"/credits/{credit.pk}/")["person"]["slug"] == "zoe-newcast"
    assert [t["slug"] for t in get_json("/tags/")["items"]] == ["night-shift-casting"]


def test_a_scheduled_story_appears_at_its_time_without_any_job(client, scoop, get_json):
    scoop(**NOT_PUBLIC["scheduled"])
    assert get_json("/stories/")["items"] == []
    with time_machine.travel(NOW + timedelta(days=1, minutes=1)):
        assert [i["slug"] for i in get_json("/stories/")["items"]] == ["newcast-cast"]
        assert get_json("/titles/night-shift-returns/")["title"] == "Night Shift Returns"


def test_a_released_credit_of_an_embargoed_person_stays_hidden(client, make_person, make_film, get_json):
    hidden = make_person(is_released=False)
    credit = Credit.objects.create(person=hidden, film=make_film(), is_released=True)
    get_json(f"/credits/{credit.pk}/", status=404)
    assert get_json("/credits/")["items"] == []


@pytest.fixture
def draft_with_link(make_draft, editor):
    draft = make_draft(headline="Unannounced casting news", slug="unannounced")
    link = previews.create_link(draft, by=editor, note="the studio's lawyer")
    return draft, link


def test_a_share_preview_token_opens_its_draft_privately(client, draft_with_link):
    draft, link = draft_with_link
    response = client.get(f"{API}/stories/unannounced/", {"preview": previews.token_for(link)})
    assert response.status_code == 200
    assert response.json()["headline"] == "Unannounced casting news"
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]
    assert draft.workflow_events.filter(comment__contains="opened").exists()


def test_a_share_preview_token_opens_nothing_else(client, draft_with_link, make_draft, editor):
    _, link = draft_with_link
    other = make_draft(slug="another-draft")
    token = previews.token_for(link)
    assert client.get(f"{API}/stories/another-draft/", {"preview": token}).status_code == 404
    assert client.get(f"{API}/stories/unannounced/", {"preview": token + "x"}).status_code == 404
    assert client.get(f"{API}/stories/unannounced/").status_code == 404
    assert client.get(f"{API}/stories/", {"preview": token}).json()["items"] == []
    previews.revoke_link(link, by=editor)
    assert client.get(f"{API}/stories/unannounced/", {"preview": token}).status_code == 404
    other_link = previews.create_link(other, by=editor)
    with time_machine.travel(timezone.now() + timedelta(days=4)):  # past the default three days
        assert (
            client.get(f"{API}/stories/another-draft/", {"preview": previews.token_for(other_link)}).status_code == 404
        )
