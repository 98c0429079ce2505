"""The story form and its screens tell the truth: one time format, names in bylines, when and where a story goes
live, one-step approve-and-publish, who may delete a story, and corrections reworded or withdrawn in the open."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles import corrections, workflow
from articles.models import Article, WorkflowEvent

from .conftest import change_url

State = Article.State
INDEX_URL = reverse("admin:index")
# The one format: "Feb 8, 2024, 10:00 EST" (newsroom/formats/en/formats.py).
NEWSROOM_TIME = re.compile(r"[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} E[SD]T")
LATER = datetime(2031, 2, 8, 15, 0, tzinfo=UTC)  # Feb 8, 2031, 10:00 EST


def scheduled_story(make_draft, editor, at=LATER):
    story = make_draft(state=State.APPROVED)
    workflow.move(story, "schedule", by=editor, at=at)
    story.refresh_from_db()
    return story


# Times: one format on the badge, the desk and the history, seconds dropped.


def test_badge_desk_and_history_write_a_time_the_same_way(client, make_draft, editor):
    story = scheduled_story(make_draft, editor)
    client.force_login(editor)
    badge = re.search(r'class="workflow-badge[^"]*">([^<]*)<', client.get(change_url(story)).content.decode())[1]
    desk = client.get(INDEX_URL).content.decode()
    history = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert badge == "scheduled for Feb 8, 2031, 10:00 EST"
    assert "goes live Feb 8, 2031, 10:00 EST" in desk
    assert "Goes live at Feb 8, 2031, 10:00 EST" in history  # the schedule's line of history
    for page in (desk, history):
        assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", page)  # no second, ISO-ish format left


def test_seconds_typed_in_the_expiry_are_dropped(client, make_draft, editor, story_form):
    story = make_draft(state=State.APPROVED)
    client.force_login(editor)
    _, data = story_form(client, story)
    data.update(expire_at_0="2031-02-08", expire_at_1="10:42:37")
    assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert timezone.localtime(story.expire_at).strftime("%H:%M:%S") == "10:42:00"
    page = client.get(change_url(story)).content.decode()
    assert 'value="10:42"' in page and "10:42:00" not in page


def test_the_server_time_note_is_hidden_with_a_reason(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "newsroom/admin.css" in page
    css = (settings.BASE_DIR / "newsroom" / "static" / "newsroom" / "admin.css").read_text()
    assert ".timezonewarning { display: none; }" in css


# A scheduled story says when it goes live and where; an unpublished one where it would be.


def test_scheduled_story_says_goes_live_not_published(client, make_draft, editor):
    story = scheduled_story(make_draft, editor)
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    publication = re.search(r'field-publication">.*?<div class="readonly">(.*?)</div>', page, re.S)[1]
    assert publication == "Goes live at Feb 8, 2031, 10:00 EST"
    assert "First published" not in page and "Last published" not in page


def test_published_story_says_when_it_first_went_out(client, make_draft, editor):
    story = make_draft(state=State.APPROVED)
    workflow.move(story, "publish", by=editor)
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert re.search(r"First published " + NEWSROOM_TIME.pattern, page)
    assert f'<a href="{story.get_absolute_url()}">{settings.SITE_URL}{story.get_absolute_url()}</a>' in page


def test_a_draft_shows_the_address_it_will_have(client, make_draft, editor):
    story = make_draft(slug="bacon-joins-connescence")
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    today = timezone.localdate()
    address = f"{settings.SITE_URL}/news/{today:%Y/%m/%d}/bacon-joins-connescence/"
    assert f'<span class="public-address">{address}</span>' in page and "if it is published today" in page
    workflow.move(story, "publish", by=editor)
    assert story.get_absolute_url() in address  # the address promised is the address it got


def test_a_scheduled_story_shows_the_address_dated_its_publication(client, make_draft, editor):
    story = scheduled_story(make_draft, editor)
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert f"{settings.SITE_URL}/news/2031/02/08/{story.slug}/" in page and "from the moment it goes live" in page


# Bylines without a name.


def test_nameless_reporter_is_asked_to_set_a_name_on_desk_and_form(client, make_user, make_draft):
    rep1 = make_user("rep1", "Reporters", first_name="")
    story = make_draft(by=rep1)
    client.force_login(rep1)
    desk = client.get(INDEX_URL).content.decode()
    assert "your byline would read “By rep1”" in desk
    your_name = reverse("admin:articles_article_your_name")
    assert f'href="{your_name}?next=' in desk
    assert "your byline would read “By rep1”" in client.get(change_url(story)).content.decode()
    response = client.post(your_name, {"first_name": "Rae", "last_name": "Porter", "next": change_url(story)})
    assert response.status_code == 302 and response["Location"] == change_url(story)
    rep1.refresh_from_db()
    assert rep1.get_full_name() == "Rae Porter"
    assert "your byline would read" not in client.get(INDEX_URL).content.decode()


def test_editor_is_told_a_bylined_colleague_has_no_name(client, make_user, make_draft, editor):
    rep1 = make_user("rep1", "Reporters", first_name="")
    story = make_draft(by=rep1)
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert "rep1 has no name set: the byline would read “By rep1”" in page
    assert "Ask an administrator to set their name." in page  # editors may not change accounts


def test_your_name_screen_refuses_an_empty_name_and_an_outside_next(client, make_user):
    rep1 = make_user("rep1", "Reporters", first_name="")
    client.force_login(rep1)
    url = reverse("admin:articles_article_your_name")
    assert client.post(url, {"first_name": " ", "last_name": ""}).status_code == 200
    response = client.post(url, {"first_name": "Rae", "last_name": "Porter", "next": "https://evil.example/"})
    assert response["Location"] == INDEX_URL


def test_public_byline_never_shows_the_username_once_a_name_is_set(client, make_user, make_draft, editor):
    rep1 = make_user("rep1", "Reporters", first_name="Rae", last_name="Porter")
    story = make_draft(by=rep1, state=State.APPROVED)
    workflow.move(story, "publish", by=editor)
    page = client.get(story.get_absolute_url()).content.decode()
    assert '<span class="byline__name">Rae Porter</span>' in page and "rep1" not in page


# Approve and publish / schedule, from the form.


def test_editor_approves_and_schedules_in_one_click(client, make_draft, editor, story_form):
    story = make_draft(state=State.IN_REVIEW)
    client.force_login(editor)
    response, data = story_form(client, story)
    page = response.content.decode()
    assert "Approve and publish" in page and "Approve and schedule" in page
    assert page.count('id="id_workflow_publish_at_0"') == 1  # one time box serves both schedule buttons
    data.update(_workflow="approve_schedule", workflow_publish_at_0="2031-02-08", workflow_publish_at_1="10:00")
    page = client.post(change_url(story), data, follow=True).content.decode()
    assert "Approved and scheduled: the story goes live at Feb 8, 2031, 10:00 EST." in page
    assert [e.action for e in story.workflow_events.order_by("id")] == ["approve", "schedule"]


# Deleting: a reporter's own story that never went out; editors as before.


@pytest.mark.parametrize(
    ("state", "ever_published", "may"),
    [
        (State.DRAFT, False, True),
        (State.CHANGES_REQUESTED, False, True),
        (State.DRAFT, True, False),  # went out once, was unpublished and sent back to draft
        (State.UNPUBLISHED, False, False),
        (State.PUBLISHED, False, False),
    ],
)
def test_reporter_deletes_only_their_own_never_published_story(
    client, make_draft, reporter, state, ever_published, may
):
    story = make_draft(state=state, publish_at=timezone.now() - timedelta(days=1) if state == State.PUBLISHED else None)
    if ever_published:
        Article.objects.filter(pk=story.pk).update(first_published_at=timezone.now() - timedelta(days=2))
    client.force_login(reporter)
    url = reverse("admin:articles_article_delete", args=[story.pk])
    response = client.post(url, {"post": "yes"})
    assert Article.objects.filter(pk=story.pk).exists() is not may
    assert response.status_code == (302 if may else 403)


def test_reporter_cannot_delete_someone_elses_draft_nor_bulk_delete(client, make_draft, reporter, other_reporter):
    story = make_draft(by=other_reporter)
    mine = make_draft()
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert Article.objects.filter(pk=story.pk).exists()
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'value="delete_selected"' not in page
    assert 'class="deletelink"' in client.get(change_url(mine)).content.decode()


def test_editor_still_deletes_a_published_story(client, make_draft, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=1))
    client.force_login(editor)
    client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()


# Corrections: reworded or withdrawn by editors, kept in the history, said on the page.


def test_editor_rewords_a_correction_and_readers_see_it_updated(client, make_draft, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=3))
    correction = corrections.add(story, by=editor, note="Bacon is 66.", at=timezone.now() - timedelta(days=2))
    client.force_login(editor)
    form = client.get(change_url(story)).content.decode()
    url = reverse("admin:articles_article_correction", args=[story.pk, correction.pk])
    assert f'href="{url}"' in form
    client.post(url, {"note": "Bacon is 65."})
    correction.refresh_from_db()
    assert correction.note == "Bacon is 65." and correction.updated_at
    event = story.workflow_events.get(action=WorkflowEvent.Action.CORRECTION_UPDATED)
    assert event.comment == "Was: “Bacon is 66.”\nNow: “Bacon is 65.”" and event.actor == editor
    page = client.get(story.get_absolute_url()).content.decode()
    updated = timezone.localtime(correction.updated_at).strftime("%B %-d")
    assert "updated <time" in page and f">{updated}</time>: Bacon is 65." in page
    assert "Bacon is 66." not in page


def test_editor_withdraws_a_correction_and_it_stays_in_history(client, make_draft, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=3))
    correction = corrections.add(story, by=editor, note="Sedgwick is 59.")
    client.force_login(editor)
    client.post(reverse("admin:articles_article_correction", args=[story.pk, correction.pk]), {"withdraw": "1"})
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Sedgwick is 59." not in page and "Corrections" not in page
    history = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert "Correction withdrawn" in history and "Withdrawn: “Sedgwick is 59.”" in history


def test_reporter_cannot_reword_a_correction(client, make_draft, reporter, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=3))
    correction = corrections.add(story, by=editor, note="Sedgwick is 59.")
    client.force_login(reporter)
    url = reverse("admin:articles_article_correction", args=[story.pk, correction.pk])
    assert client.post(url, {"note": "Sneaky."}).status_code == 403
    correction.refresh_from_db()
    assert correction.note == "Sedgwick is 59."


def test_favicon_is_linked_and_served(client, db):
    home = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', home)[1]
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == icon
