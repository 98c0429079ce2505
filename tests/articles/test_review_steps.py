"""Review steps per section: a Legal review before the desk's approval, taken in order, each sign-off in History."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import review_steps, workflow
from articles.models import Article, Notification, ReviewStep

State = Article.State
IN_REVIEW_MOVES = [move.name for move in workflow.MOVES.values() if State.IN_REVIEW in move.sources]
ROLES = ["own reporter", "other reporter", "editor", "superuser", "legal reviewer", "staff without a role"]
# While Legal review is pending: only Legal (and a superuser) sign off; the desk may send it back but not approve.
ALLOWED_WHILE_PENDING = {
    "submit": set(),
    "return_to_draft": {"own reporter", "editor", "superuser"},
    "request_changes": {"editor", "superuser"},
    "sign_off": {"legal reviewer", "superuser"},
    "approve": set(),
    "approve_publish": set(),
    "approve_schedule": set(),
    "publish": set(),
    "schedule": set(),
}
# Once Legal signed it off the desk's moves are today's, and there is nothing left to sign off.
ALLOWED_AFTER_SIGN_OFF = {
    **ALLOWED_WHILE_PENDING,
    "sign_off": set(),
    **{
        name: {"editor", "superuser"}
        for name in ["approve", "approve_publish", "approve_schedule", "publish", "schedule"]
    },
}


@pytest.fixture
def legal(make_user, section):
    group = Group.objects.create(name="Legal")
    group.permissions.add(Permission.objects.get(codename="view_article"))
    step = ReviewStep.objects.create(section=section, name="Legal review", group=group)
    reviewer = make_user("lee", last_name="Legal")
    reviewer.groups.add(group)
    return {"group": group, "step": step, "reviewer": reviewer}


@pytest.fixture
def actor(reporter, other_reporter, editor, superuser, make_user, legal):
    return {
        "own reporter": lambda: reporter,
        "other reporter": lambda: other_reporter,
        "editor": lambda: editor,
        "superuser": lambda: superuser,
        "legal reviewer": lambda: legal["reviewer"],
        "staff without a role": lambda: make_user("sam"),
    }


def submitted(make_draft, reporter):
    story = make_draft()
    workflow.move(story, "submit", by=reporter)
    return story


def check(story, user, name, allowed):
    at = timezone.now() + timedelta(hours=2) if workflow.MOVES[name].needs_time else None
    comment = "Tighten the lede." if name == "request_changes" else ""
    offered = [move.name for move in workflow.available_moves(story, user)]
    if allowed:
        assert name in offered
        workflow.move(story, name, by=user, comment=comment, at=at)
        assert story.workflow_events.first().actor == user
    else:
        assert name not in offered
        before = story.workflow_events.count()
        with pytest.raises((PermissionDenied, ValidationError)):
            workflow.move(story, name, by=user, comment=comment, at=at)
        assert story.workflow_events.count() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", IN_REVIEW_MOVES)
def test_permission_matrix_while_legal_review_is_pending(actor, make_draft, reporter, role, name):
    story = submitted(make_draft, reporter)
    check(story, actor[role](), name, role in ALLOWED_WHILE_PENDING[name])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", IN_REVIEW_MOVES)
def test_permission_matrix_after_legal_signed_off(actor, make_draft, reporter, legal, role, name):
    story = submitted(make_draft, reporter)
    workflow.move(story, "sign_off", by=legal["reviewer"])
    check(story, actor[role](), name, role in ALLOWED_AFTER_SIGN_OFF[name])


def test_approving_waits_for_legal_and_says_so(make_draft, reporter, editor, legal):
    story = submitted(make_draft, reporter)
    with pytest.raises(ValidationError, match="Legal review has not signed it off"):
        workflow.move(story, "approve", by=editor)


def test_a_draft_cannot_be_published_past_its_sections_steps(make_draft, editor, legal):
    with pytest.raises(ValidationError, match="Legal review has not signed it off"):
        workflow.move(make_draft(), "publish", by=editor)


def test_steps_go_in_order_and_history_names_each_approver(make_draft, make_user, reporter, editor, legal, section):
    standards = Group.objects.create(name="Standards")
    ReviewStep.objects.create(section=section, name="Standards review", group=standards, position=1)
    checker = make_user("sol", last_name="Standards")
    checker.groups.add(standards)
    story = submitted(make_draft, reporter)
    assert review_steps.current_step(story).name == "Legal review"
    with pytest.raises(PermissionDenied):
        workflow.move(story, "sign_off", by=checker)  # not their turn yet
    workflow.move(story, "sign_off", by=legal["reviewer"])
    assert review_steps.current_step(story).name == "Standards review"
    workflow.move(story, "sign_off", by=checker)
    assert review_steps.current_step(story) is None
    workflow.move(story, "approve", by=editor)
    signed = [
        (e.review_step.name, e.actor) for e in story.workflow_events.filter(action="sign_off").order_by("at", "id")
    ]
    assert signed == [("Legal review", legal["reviewer"]), ("Standards review", checker)]


def test_resubmitting_starts_the_steps_again(make_draft, reporter, editor, legal):
    story = submitted(make_draft, reporter)
    workflow.move(story, "sign_off", by=legal["reviewer"])
    workflow.move(story, "request_changes", by=editor, comment="Cut the second quote.")
    workflow.move(story, "submit", by=reporter)
    assert review_steps.current_step(story) == legal["step"]


def test_legal_is_told_when_a_story_reaches_them_and_the_desk_once_they_signed(make_draft, reporter, editor, legal):
    story = submitted(make_draft, reporter)
    [waiting] = Notification.objects.filter(recipient=legal["reviewer"])
    assert "It is waiting for Legal review." in waiting.text
    assert not Notification.objects.filter(recipient=editor).exists()
    workflow.move(story, "sign_off", by=legal["reviewer"])
    [ready] = Notification.objects.filter(recipient=editor)
    assert ready.text == f"“{story.headline}” was signed off by Lee Legal (Legal review)."


def test_a_reviewer_reads_the_story_and_signs_off_from_its_form(client, make_draft, reporter, legal):
    story = submitted(make_draft, reporter)
    client.force_login(legal["reviewer"])
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    desk = client.get(reverse("admin:articles_article_collaborate", args=[story.pk]), {"panel": "1"}).content.decode()
    assert 'value="sign_off"' in page and "Legal review (Legal): <em>not signed off yet</em>" in desk
    client.post(reverse("admin:articles_article_workflow", args=[story.pk]), {"_workflow": "sign_off"})
    history = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert "Signed off Legal review" in history and "Lee Legal" in history


def test_a_reviewer_does_not_see_stories_outside_review(client, make_draft, legal):
    story = make_draft()
    client.force_login(legal["reviewer"])
    assert client.get(reverse("admin:articles_article_change", args=[story.pk])).status_code == 302
