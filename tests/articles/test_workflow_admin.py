"""The workflow as editors meet it in the admin: buttons, read-only state, bulk actions, the desk, corrections."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from core.times import newsroom_time

from .conftest import change_url

State = Article.State
LIST_URL = reverse("admin:articles_article_changelist")


def buttons_of(page):
    return re.findall(r'name="_workflow" value="([a-z_]+)"', page)


def buttons(response):
    return buttons_of(response.content.decode())


@pytest.mark.parametrize(
    ("who", "state", "expected"),
    [
        ("reporter", State.DRAFT, ["submit"]),
        ("reporter", State.CHANGES_REQUESTED, ["submit", "return_to_draft"]),
        ("reporter", State.IN_REVIEW, ["return_to_draft"]),
        ("reporter", State.APPROVED, []),
        ("editor", State.DRAFT, ["submit", "publish", "schedule"]),
        (
            "editor",
            State.IN_REVIEW,
            [
                "return_to_draft",
                "request_changes",
                "approve",
                "approve_publish",
                "approve_schedule",
                "publish",
                "schedule",
            ],
        ),
        ("editor", State.APPROVED, ["request_changes", "publish", "schedule"]),
        ("editor", State.PUBLISHED, ["unpublish", "correct"]),
    ],
)
def test_change_form_shows_exactly_the_moves_the_user_may_take(
    client, make_draft, reporter, editor, who, state, expected
):
    story = make_draft(
        state=state, publish_at=timezone.now() - timedelta(hours=1) if state == State.PUBLISHED else None
    )
    client.force_login(reporter if who == "reporter" else editor)
    response = client.get(change_url(story))
    assert response.status_code == 200
    assert sorted(buttons(response)) == sorted(expected)


def test_state_is_not_a_form_field_so_saving_cannot_publish(client, make_draft, reporter, story_form):
    story = make_draft()
    client.force_login(reporter)
    response, data = story_form(client, story)
    assert "state" not in response.context["adminform"].form.fields
    data.update(state="published", headline="Sneaky headline")
    response = client.post(change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.state) == ("Sneaky headline", State.DRAFT)


def test_reporter_saves_and_submits_in_one_click(client, make_draft, reporter, story_form):
    story = make_draft()
    client.force_login(reporter)
    _, data = story_form(client, story)
    data.update(headline="Bacon and Sedgwick reunite", workflow_comment="Ready when you are.", _workflow="submit")
    response = client.post(change_url(story), data, follow=True)
    story.refresh_from_db()
    assert (story.headline, story.state) == ("Bacon and Sedgwick reunite", State.IN_REVIEW)
    assert "Submitted for review: the story is with the editors now." in response.content.decode()
    assert story.workflow_events.get().comment == "Ready when you are."


def test_reporter_writes_a_new_story_and_submits_it(client, reporter, section):
    client.force_login(reporter)
    data = {
        "headline": "A new story",
        "slug": "a-new-story",
        "dek": "Its dek.",
        "body": "<p>Its body.</p>",
        "section": section.pk,
        "_workflow": "submit",
    }
    for prefix in ("article_credits", "source_links", "quotes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    story = Article.objects.get(slug="a-new-story")
    assert story.state == State.IN_REVIEW
    assert story.created_by == reporter
    assert list(story.authors.all()) == [reporter]  # the byline defaults to whoever wrote it


@pytest.mark.parametrize(("who", "expected"), [("reporter", ["submit"]), ("editor", ["submit", "publish", "schedule"])])
def test_add_form_offers_save_and_move(client, reporter, editor, who, expected):
    client.force_login(reporter if who == "reporter" else editor)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert sorted(buttons_of(page)) == sorted(expected)
    assert "Save and submit for review" in page


def test_editor_writes_and_publishes_a_story_in_one_click(client, editor, section):
    client.force_login(editor)
    data = {
        "headline": "Straight to the site",
        "slug": "straight-to-the-site",
        "dek": "Its dek.",
        "body": "<p>Its body.</p>",
        "section": section.pk,
        "_workflow": "publish",
    }
    for prefix in ("article_credits", "source_links", "quotes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    client.post(reverse("admin:articles_article_add"), data)
    story = Article.objects.get(slug="straight-to-the-site")
    assert story.is_public() and list(story.authors.all()) == [editor]


def test_reporter_cannot_open_another_reporters_story(client, make_draft, reporter, other_reporter):
    story = make_draft(by=other_reporter)
    client.force_login(reporter)
    response = client.get(change_url(story), follow=True)
    assert story.headline not in response.content.decode()
    assert story.headline not in client.get(LIST_URL).content.decode()


def test_reporter_reads_but_cannot_edit_a_story_in_review(client, make_draft, reporter, story_form):
    story = make_draft(state=State.IN_REVIEW)
    client.force_login(reporter)
    response = client.get(change_url(story))
    page = response.content.decode()
    assert "You can read this story but not edit it in this state." in page
    assert 'name="_save"' not in page
    response = client.post(change_url(story), {"headline": "Changed behind the editor's back"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline != "Changed behind the editor's back"


def test_reporter_withdraws_a_story_from_review(client, make_draft, reporter):
    story = make_draft(state=State.IN_REVIEW)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:articles_article_workflow", args=[story.pk]), {"_workflow": "return_to_draft"}, follow=True
    )
    story.refresh_from_db()
    assert story.state == State.DRAFT
    assert "Back to draft: the story can be written and edited again." in response.content.decode()


def test_request_changes_without_a_comment_saves_nothing_and_says_why(client, make_draft, editor, story_form):
    story = make_draft(state=State.IN_REVIEW)
    client.force_login(editor)
    _, data = story_form(client, story)
    data.update(headline="Edited by the editor", _workflow="request_changes")
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "a comment is required to request changes" in page
    assert "See the workflow panel below: it needs your attention." in page  # the error is far down the form
    story.refresh_from_db()
    assert (story.state, story.headline) != (State.CHANGES_REQUESTED, "Edited by the editor")
    assert story.state == State.IN_REVIEW


def test_publish_button_lists_every_problem_and_keeps_the_edits(client, make_draft, editor, story_form):
    story = make_draft(state=State.APPROVED)
    client.force_login(editor)
    _, data = story_form(client, story)
    data.update(dek="", body="", _workflow="publish")
    page = client.post(change_url(story), data, follow=True).content.decode()
    assert "was not published" in page
    assert "The dek is missing." in page and "The body is empty." in page
    story.refresh_from_db()
    assert story.state == State.APPROVED and story.dek == ""


def test_schedule_takes_the_time_in_the_newsroom_zone(client, make_draft, editor, story_form):
    story = make_draft(state=State.APPROVED)
    client.force_login(editor)
    response, data = story_form(client, story)
    assert f"Publication time ({settings.TIME_ZONE})" in response.content.decode()
    year = timezone.now().year + 1
    data.update(_workflow="schedule", workflow_publish_at_0=f"{year}-01-15", workflow_publish_at_1="09:30")
    page = client.post(change_url(story), data, follow=True).content.decode()
    story.refresh_from_db()
    local = datetime(year, 1, 15, 9, 30, tzinfo=ZoneInfo(settings.TIME_ZONE))
    assert story.publish_at == local  # stored in UTC, the same instant
    assert story.publish_at.astimezone(ZoneInfo("UTC")).hour == local.astimezone(ZoneInfo("UTC")).hour
    assert workflow.status(story) == workflow.SCHEDULED
    assert "Scheduled: the story goes live at " in page


def test_schedule_in_the_past_is_refused_in_the_form(client, make_draft, editor, story_form):
    story = make_draft(state=State.APPROVED)
    client.force_login(editor)
    _, data = story_form(client, story)
    data.update(_workflow="schedule", workflow_publish_at_0="2001-01-01", workflow_publish_at_1="09:00")
    response = client.post(change_url(story), data)
    assert "Choose a time in the future" in response.content.decode()
    story.refresh_from_db()
    assert story.state == State.APPROVED


def test_list_shows_scheduled_stories_with_their_time(client, make_draft, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=1), headline="Tomorrow")
    client.force_login(editor)
    page = client.get(LIST_URL).content.decode()
    # The status says "scheduled"; the time is in the publication column beside it, in the newsroom's format.
    assert '<td class="field-list_status">scheduled</td>' in page
    assert f'<td class="field-publication_time nowrap">{newsroom_time(story.publish_at)}</td>' in page


def test_bulk_publish_reports_what_happened_to_each_story(client, make_draft, editor):
    ready = make_draft(state=State.APPROVED, headline="Ready story")
    unready = make_draft(state=State.APPROVED, headline="Unready story", dek="")
    live = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1), headline="Live story")
    client.force_login(editor)
    response = client.post(
        LIST_URL, {"action": "publish_selected", "_selected_action": [ready.pk, unready.pk, live.pk]}, follow=True
    )
    page = response.content.decode()
    assert "Published: “Ready story” is live for readers now." in page
    assert "“Unready story” was not published:" in page and "The dek is missing." in page
    assert "“Live story” was not published:" in page and "This story is already live." in page
    assert Article.objects.public().filter(pk=ready.pk).exists()
    assert not Article.objects.public().filter(pk=unready.pk).exists()


def test_bulk_unpublish(client, make_draft, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1))
    client.force_login(editor)
    client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.state == State.UNPUBLISHED


def test_reporters_are_not_offered_bulk_publishing(client, make_draft, reporter):
    make_draft()
    client.force_login(reporter)
    assert "publish_selected" not in client.get(LIST_URL).content.decode()


def test_editors_desk_on_the_admin_index(client, make_draft, editor, reporter):
    make_draft(state=State.IN_REVIEW, headline="Waiting story")
    sent_back = make_draft(state=State.CHANGES_REQUESTED, headline="Sent back story")
    workflow.WorkflowEvent.objects.create(
        article=sent_back,
        action="request_changes",
        actor=editor,
        from_state="in_review",
        to_state="changes_requested",
        comment="Check the billing.",
    )
    make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=1), headline="Scheduled story")
    make_draft(by=editor, headline="Editor's own draft")
    make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1), headline="Live story")
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    for caption, headline in [
        ("Awaiting review", "Waiting story"),
        ("Changes requested", "Sent back story"),
        ("Scheduled", "Scheduled story"),
        ("My drafts", "Editor&#x27;s own draft"),
        ("Recently published", "Live story"),
    ]:
        assert caption in page and headline in page
    assert "“Check the billing.”" in page
    assert "goes live" in page


def test_correction_shows_on_the_story_and_moves_date_modified(
    client, make_draft, editor, story_form, warm_get, django_assert_max_num_queries
):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=2))
    Article.objects.filter(pk=story.pk).update(updated_at=timezone.now() - timedelta(days=2))
    client.force_login(editor)
    _, data = story_form(client, story)
    data.update(_workflow="correct", correction_note="An earlier version gave the wrong premiere date.")
    client.post(change_url(story), data)
    client.logout()
    warm_get("/")  # the section navigation is cached once per process
    with django_assert_max_num_queries(6):
        response = client.get(story.get_absolute_url())
    page = response.content.decode()
    assert "Corrections" in page and "An earlier version gave the wrong premiere date." in page
    assert timezone.localdate().strftime("%B %-d, %Y") in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["correction"][0]["@type"] == "CorrectionComment"
    assert ld["correction"][0]["text"] == "An earlier version gave the wrong premiere date."
    assert datetime.fromisoformat(ld["dateModified"]) > timezone.now() - timedelta(minutes=1)


def test_status_filter_separates_scheduled_from_published(client, make_draft, editor):
    make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=1), headline="Tomorrow's story")
    make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=1), headline="Yesterday's story")
    client.force_login(editor)
    scheduled = client.get(LIST_URL, {"status": "scheduled"}).content.decode()
    published = client.get(LIST_URL, {"status": "published"}).content.decode()
    assert "Tomorrow&#x27;s story" in scheduled and "Yesterday&#x27;s story" not in scheduled
    assert "Yesterday&#x27;s story" in published and "Tomorrow&#x27;s story" not in published


def test_view_on_site_only_for_a_story_readers_can_see(client, make_draft, editor):
    draft = make_draft()
    live = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1))
    client.force_login(editor)
    assert "View on site" not in client.get(change_url(draft)).content.decode()
    assert "View on site" in client.get(change_url(live)).content.decode()


def test_a_credit_added_without_a_position_goes_last_on_the_story(client, seed, editor, story_form):
    from films.models import Credit

    doug = Credit.objects.create(
        film=Credit.objects.get(role="creator").film, person=Credit.objects.get(person__slug="kevin-james").person,
        role=Credit.Role.ACTOR, character="Doug Heffernan",
    )  # fmt: skip
    client.force_login(editor)
    _, data = story_form(client, seed)
    new_row = int(data["article_credits-TOTAL_FORMS"])  # what "Add another linked credit" does
    data.update(
        {
            "article_credits-TOTAL_FORMS": new_row + 1,
            f"article_credits-{new_row}-credit": doug.pk,
            f"article_credits-{new_row}-position": 0,
            f"article_credits-{new_row}-article": seed.pk,
        }
    )
    assert client.post(change_url(seed), data).status_code == 302
    linked = list(seed.article_credits.order_by("position", "id").values_list("credit__character", flat=True))
    assert len(linked) == 16
    assert linked[-1] == "Doug Heffernan"
