"""The editorial workflow as a specification: who may move a story where, and what a move checks and records."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles import corrections, workflow
from articles.models import Article, WorkflowEvent
from films.models import Credit

State = Article.State

# Every move from every state it may start from: the whole table.
MOVE_CASES = [(move.name, source) for move in workflow.MOVES.values() for source in sorted(move.sources)]
ROLES = ["own reporter", "other reporter", "editor", "superuser", "staff without a role"]
ALLOWED = {
    "submit": {"own reporter", "editor", "superuser"},
    "return_to_draft": {"own reporter", "editor", "superuser"},
    "request_changes": {"editor", "superuser"},
    "approve": {"editor", "superuser"},
    "approve_publish": {"editor", "superuser"},
    "approve_schedule": {"editor", "superuser"},
    "publish": {"editor", "superuser"},
    "schedule": {"editor", "superuser"},
    "unpublish": {"editor", "superuser"},
}


@pytest.fixture
def actor(request, reporter, other_reporter, editor, superuser, make_user):
    return {
        "own reporter": lambda: reporter,
        "other reporter": lambda: other_reporter,
        "editor": lambda: editor,
        "superuser": lambda: superuser,
        "staff without a role": lambda: make_user("sam"),
    }


def story_in(make_draft, source):
    if source == workflow.SCHEDULED:
        return make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
    if source == State.PUBLISHED:
        return make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1))
    return make_draft(state=source)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "source"), MOVE_CASES)
def test_permission_matrix(actor, make_draft, role, name, source):
    """Each role against each move from each state it may start from: allowed moves happen, refused ones change nothing."""
    story = story_in(make_draft, source)
    user = actor[role]()
    at = timezone.now() + timedelta(hours=2) if workflow.MOVES[name].needs_time else None
    comment = "Tighten the lede." if name == "request_changes" else ""
    offered = [move.name for move in workflow.available_moves(story, user)]

    if role in ALLOWED[name]:
        assert name in offered
        workflow.move(story, name, by=user, comment=comment, at=at)
        story.refresh_from_db()
        expected = workflow.SCHEDULED if workflow.MOVES[name].needs_time else workflow.MOVES[name].target
        assert workflow.status(story) == expected
        event = story.workflow_events.first()  # the newest: a two-step move's last step
        assert (event.action, event.actor, event.to_state) == (workflow.MOVES[name].records[-1], user, story.state)
    else:
        assert name not in offered
        before = (story.state, story.publish_at)
        with pytest.raises(PermissionDenied):
            workflow.move(story, name, by=user, comment=comment, at=at)
        story.refresh_from_db()
        assert (story.state, story.publish_at) == before
        assert not story.workflow_events.exists()


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_corrections(actor, make_draft, role):
    story = story_in(make_draft, State.PUBLISHED)
    user = actor[role]()
    if role in {"editor", "superuser"}:
        corrections.add(story, by=user, note="An earlier version misspelled Sedgwick.")
        assert story.corrections.get().note == "An earlier version misspelled Sedgwick."
    else:
        with pytest.raises(PermissionDenied):
            corrections.add(story, by=user, note="Sneaky.")
        assert not story.corrections.exists()


def test_moves_only_start_from_their_states(make_draft, editor):
    story = make_draft(state=State.DRAFT)
    with pytest.raises(ValidationError, match="You cannot unpublish this story now: it is a draft."):
        workflow.move(story, "unpublish", by=editor)
    with pytest.raises(ValidationError, match="You cannot approve this story now: it is a draft."):
        workflow.move(story, "approve", by=editor)


def test_full_route_from_draft_to_published_records_every_step(make_draft, reporter, editor):
    story = make_draft()
    workflow.move(story, "submit", by=reporter)
    workflow.move(story, "request_changes", by=editor, comment="Name the director.")
    workflow.move(story, "submit", by=reporter, comment="Director named.")
    workflow.move(story, "approve", by=editor)
    workflow.move(story, "publish", by=editor)
    assert story.is_public()
    steps = [
        (e.actor.username, e.from_state, e.to_state, e.comment) for e in story.workflow_events.order_by("at", "id")
    ]
    assert steps == [
        ("riley", "draft", "in_review", ""),
        ("eden", "in_review", "changes_requested", "Name the director."),
        ("riley", "changes_requested", "in_review", "Director named."),
        ("eden", "in_review", "approved", ""),
        ("eden", "approved", "published", ""),
    ]
    assert story.first_published_at == story.last_published_at == story.publish_at


def test_request_changes_requires_a_comment(make_draft, editor):
    story = make_draft(state=State.IN_REVIEW)
    with pytest.raises(ValidationError, match="comment is required"):
        workflow.move(story, "request_changes", by=editor, comment="  ")
    story.refresh_from_db()
    assert story.state == State.IN_REVIEW


def test_a_scheduled_story_is_public_only_from_its_time(make_draft, editor):
    story = make_draft(state=State.APPROVED)
    at = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    workflow.move(story, "schedule", by=editor, at=at)
    story.refresh_from_db()
    assert story.state == State.PUBLISHED and story.publish_at == at
    assert workflow.status(story) == workflow.SCHEDULED
    assert workflow.status_label(story).startswith("scheduled for ")
    assert not Article.objects.public().filter(pk=story.pk).exists()
    assert Article.objects.public(at=at).filter(pk=story.pk).exists()


def test_publishing_a_scheduled_story_early_dates_it_now(make_draft, editor):
    story = make_draft(state=State.APPROVED)
    workflow.move(story, "schedule", by=editor, at=timezone.now() + timedelta(days=2))
    workflow.move(story, "publish", by=editor)
    assert story.first_published_at == story.last_published_at == story.publish_at <= timezone.now()


def test_unpublishing_a_scheduled_story_forgets_times_that_never_came(make_draft, editor):
    story = make_draft(state=State.APPROVED)
    workflow.move(story, "schedule", by=editor, at=timezone.now() + timedelta(days=2))
    workflow.move(story, "unpublish", by=editor)
    story.refresh_from_db()
    assert (story.first_published_at, story.last_published_at) == (None, None)


def test_schedule_refuses_a_time_in_the_past(make_draft, editor):
    story = make_draft(state=State.APPROVED)
    with pytest.raises(ValidationError, match="in the future"):
        workflow.move(story, "schedule", by=editor, at=timezone.now() - timedelta(minutes=1))


def test_a_scheduled_story_can_be_published_now(make_draft, editor):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=2))
    workflow.move(story, "publish", by=editor)
    assert story.is_public()


def test_unpublish_takes_the_story_down_and_republishing_keeps_its_date(make_draft, editor):
    story = make_draft(state=State.APPROVED)
    workflow.move(story, "publish", by=editor)
    address = story.get_absolute_url()
    workflow.move(story, "unpublish", by=editor)
    assert not Article.objects.public().filter(pk=story.pk).exists()
    workflow.move(story, "publish", by=editor)
    assert story.get_absolute_url() == address


def test_publish_reports_every_problem_at_once(make_draft, editor, make_person, make_film):
    credit = Credit.objects.create(person=make_person(name=""), film=make_film(), role=Credit.Role.ACTOR)
    story = make_draft(state=State.APPROVED, dek="", body="<p> </p>", section=None)
    story.authors.clear()
    story.lead_image = SimpleUploadedFile("lead.gif", b"GIF89a", content_type="image/gif")
    story.save()
    story.article_credits.create(credit=credit, position=1)
    Article.objects.filter(pk=story.pk).update(headline="")

    with pytest.raises(ValidationError) as refusal:
        workflow.move(story, "publish", by=editor)

    assert refusal.value.messages == [
        "The headline is missing.",
        "The dek is missing.",
        "The body is empty.",
        "The section is missing.",
        "The byline is empty: add at least one author.",
        "The lead image has no alt text.",
        f"Linked credit {credit} has no person name.",
    ]
    story.refresh_from_db()
    assert story.state == State.APPROVED


def test_a_story_without_a_lead_image_needs_no_alt_text(make_draft):
    story = make_draft(lead_image_alt="")
    assert workflow.publish_problems(story) == []


def test_duplicate_slug_is_reported(make_draft):
    story = make_draft()
    other = make_draft()
    # The database forbids a shared slug; a story copied in some other way must still be caught before it goes out.
    other.slug = story.slug
    assert workflow.publish_problems(other) == [f"The slug “{story.slug}” is already used by “{story.headline}”."]


def test_reporter_edits_only_own_stories_while_draft_or_sent_back(make_draft, reporter, other_reporter, editor):
    for state in State.values:
        story = make_draft(state=state)
        assert workflow.may_edit(story, reporter) == (state in {"draft", "changes_requested"})
        assert not workflow.may_edit(story, other_reporter)
        assert workflow.may_edit(story, editor)


def test_byline_makes_a_story_the_reporters_own(make_draft, reporter, other_reporter):
    story = make_draft(by=other_reporter)
    assert not workflow.may_edit(story, reporter)
    story.authors.add(reporter)
    assert workflow.may_edit(story, reporter)


def test_correction_on_a_draft_is_refused(make_draft, editor):
    with pytest.raises(ValidationError, match="Only a published story"):
        corrections.add(make_draft(), by=editor, note="No.")


def test_roles_come_from_the_data_migration_with_their_permissions(roles):
    reporters = {p.codename for p in roles["Reporters"].permissions.all()}
    editors = {p.codename for p in roles["Editors"].permissions.all()}
    assert {"add_article", "change_article", "view_article", "add_articlecredit", "add_credit"} <= reporters
    assert not reporters & {"can_publish", "can_review", "can_edit_any", "can_correct", "delete_article"}
    assert {"can_publish", "can_review", "can_edit_any", "can_correct", "delete_article", "view_user"} <= editors


def test_demo_accounts_join_the_roles(roles, settings):
    from io import StringIO

    from django.contrib.auth.models import User
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=StringIO())
    assert User.objects.get(username="editor").has_perm("articles.can_publish")
    reporter = User.objects.get(username="reporter")
    assert reporter.has_perm("articles.add_article") and not reporter.has_perm("articles.can_publish")


def test_events_are_newest_first(make_draft, reporter):
    story = make_draft()
    workflow.move(story, "submit", by=reporter)
    workflow.move(story, "return_to_draft", by=reporter, comment="Not ready.")
    assert [e.action for e in WorkflowEvent.objects.filter(article=story)] == ["return_to_draft", "submit"]


def test_a_story_cannot_be_published_or_scheduled_past_its_expiry(make_draft, editor):
    story = make_draft(state=State.APPROVED, expire_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="expiry time"):
        workflow.move(story, "publish", by=editor)
    story = make_draft(state=State.APPROVED, expire_at=timezone.now() + timedelta(hours=1))
    with pytest.raises(ValidationError, match="expiry time"):
        workflow.move(story, "schedule", by=editor, at=timezone.now() + timedelta(days=2))
    story.refresh_from_db()
    assert story.state == State.APPROVED


# Every message reads as a sentence an editor would say, never a state name pasted into a template.


@pytest.mark.parametrize(
    ("state", "name", "message"),
    [
        (State.CHANGES_REQUESTED, "request_changes", "This story is already back with its reporter."),
        (State.IN_REVIEW, "submit", "This story is already waiting for review."),
        (State.APPROVED, "approve", "This story is already approved."),
        (State.DRAFT, "unpublish", "You cannot unpublish this story now: it is a draft."),
        (State.PUBLISHED, "publish", "This story is already live."),
        (State.UNPUBLISHED, "unpublish", "This story has already been taken down."),
        (State.DRAFT, "approve_publish", "You cannot approve and publish this story now: it is a draft."),
    ],
)
def test_refusals_say_where_the_story_is_in_words(make_draft, editor, state, name, message):
    publish_at = timezone.now() - timedelta(hours=1) if state == State.PUBLISHED else None
    story = make_draft(state=state, publish_at=publish_at)
    with pytest.raises(ValidationError) as refusal:
        workflow.move(story, name, by=editor, comment="Why", at=timezone.now() + timedelta(days=1))
    assert refusal.value.messages == [message]


def test_a_permission_refusal_names_the_person_by_display_name(make_draft, reporter):
    story = make_draft(state=State.IN_REVIEW)
    with pytest.raises(PermissionDenied, match="^Riley Reporter may not publish this story.$"):
        workflow.move(story, "publish", by=reporter)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("request_changes", "Changes requested: the story is back with its reporter."),
        ("submit", "Submitted for review: the story is with the editors now."),
        ("unpublish", "Unpublished: the story is off every public page."),
    ],
)
def test_success_messages_are_sentences(name, said, make_draft):
    assert workflow.said(workflow.MOVES[name], make_draft()) == said


def test_scheduled_message_gives_the_time_in_the_newsroom_format(make_draft):
    story = make_draft(state=State.PUBLISHED, publish_at=datetime(2024, 2, 8, 15, 0, tzinfo=UTC))
    said = workflow.said(workflow.MOVES["schedule"], story)
    assert said == "Scheduled: the story goes live at Feb 8, 2024, 10:00 EST."


# Approve and publish / approve and schedule: one click for an editor, two lines of history.


def test_approve_and_publish_records_the_approval_then_the_publication(make_draft, editor):
    story = make_draft(state=State.IN_REVIEW)
    workflow.move(story, "approve_publish", by=editor, comment="Clean copy.")
    story.refresh_from_db()
    assert story.is_public()
    events = list(story.workflow_events.order_by("id").values_list("action", "from_state", "to_state", "comment"))
    assert events == [
        ("approve", State.IN_REVIEW, State.APPROVED, "Clean copy."),
        ("publish", State.APPROVED, State.PUBLISHED, ""),
    ]


def test_approve_and_schedule_needs_a_time_and_goes_live_then(make_draft, editor):
    story = make_draft(state=State.IN_REVIEW)
    with pytest.raises(ValidationError, match="Choose the publication date and time"):
        workflow.move(story, "approve_schedule", by=editor)
    at = timezone.now() + timedelta(days=1)
    workflow.move(story, "approve_schedule", by=editor, at=at)
    story.refresh_from_db()
    assert workflow.status(story) == workflow.SCHEDULED
    assert story.publish_at == at.replace(second=0, microsecond=0)
    assert [e.action for e in story.workflow_events.order_by("id")] == ["approve", "schedule"]


def test_approve_and_publish_checks_the_story_like_publish(make_draft, editor):
    story = make_draft(state=State.IN_REVIEW, dek="")
    with pytest.raises(ValidationError, match="The dek is missing."):
        workflow.move(story, "approve_publish", by=editor)
    story.refresh_from_db()
    assert story.state == State.IN_REVIEW and not story.workflow_events.exists()


def test_an_editor_who_may_publish_but_not_review_cannot_approve_and_publish(make_draft, make_user):
    from django.contrib.auth.models import Permission

    publisher = make_user("pat")
    publisher.user_permissions.add(
        *Permission.objects.filter(codename__in=["can_publish", "change_article", "view_article"])
    )
    story = make_draft(state=State.IN_REVIEW)
    assert "approve_publish" not in [m.name for m in workflow.available_moves(story, publisher)]
    with pytest.raises(PermissionDenied):
        workflow.move(story, "approve_publish", by=publisher)


def test_seconds_typed_are_dropped_when_scheduling(make_draft, editor):
    story = make_draft(state=State.APPROVED)
    at = (timezone.now() + timedelta(days=1)).replace(second=37, microsecond=5)
    workflow.move(story, "schedule", by=editor, at=at)
    story.refresh_from_db()
    assert story.publish_at == at.replace(second=0, microsecond=0)
