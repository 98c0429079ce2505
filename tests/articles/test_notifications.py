"""Who is told what: on the desk and by email, read back from a real SMTP server; never at the cost of a save."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import assignment, corrections, workflow
from articles.models import Article, Notification, NotificationSetting

from ..conftest import free_port

State = Article.State


def desk_of(user):
    return [n.text for n in Notification.objects.filter(recipient=user, read_at__isnull=True)]


@pytest.fixture
def moved(django_capture_on_commit_callbacks):
    """workflow.move as a committed edit: emails go out once the move's transaction commits."""

    def move(story, name, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.move(story, name, **kwargs)

    return move


def test_editors_hear_of_a_submission_by_email_and_on_their_desk(smtp_server, moved, make_draft, reporter, editor):
    story = make_draft()
    moved(story, "submit", by=reporter)
    [(subject, body)] = smtp_server.to(editor.email)
    assert story.headline in subject
    assert f"“{story.headline}” was sent for review by Riley Reporter." in body
    assert f"/admin/articles/article/{story.pk}/change/" in body
    assert desk_of(editor) == [f"“{story.headline}” was sent for review by Riley Reporter."]
    assert smtp_server.to(reporter.email) == [] and desk_of(reporter) == []  # nobody hears of what they did


def test_the_reporter_is_told_changes_were_requested_with_the_comment(smtp_server, moved, make_draft, reporter, editor):
    story = make_draft(state=State.IN_REVIEW)
    moved(story, "request_changes", by=editor, comment="Say when filming starts.")
    [(_, body)] = smtp_server.to(reporter.email)
    assert "was sent back to its reporter by Eden Editor" in body
    assert "“Say when filming starts.”" in body


@pytest.mark.parametrize(
    ("start", "name", "said"),
    [
        (State.IN_REVIEW, "approve", "was approved by Eden Editor."),
        (State.APPROVED, "publish", "was published by Eden Editor."),
        (State.APPROVED, "schedule", "was scheduled by Eden Editor. It goes live at"),
        (State.IN_REVIEW, "approve_publish", "was approved and published by Eden Editor."),
        (State.PUBLISHED, "unpublish", "was unpublished by Eden Editor."),
    ],
)
def test_the_reporter_is_told_of_each_step_to_readers(
    smtp_server, moved, make_draft, reporter, editor, start, name, said
):
    story = make_draft(
        state=start, publish_at=timezone.now() - timedelta(hours=1) if start == State.PUBLISHED else None
    )
    at = timezone.now() + timedelta(days=1) if workflow.MOVES[name].needs_time else None
    moved(story, name, by=editor, at=at)
    [(_, body)] = smtp_server.to(reporter.email)
    assert said in body
    assert smtp_server.to(editor.email) == []


def test_the_reporter_is_told_of_a_correction(
    smtp_server, django_capture_on_commit_callbacks, make_draft, reporter, editor
):
    story = make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        corrections.add(story, by=editor, note="The film opens in May, not June.")
    [(_, body)] = smtp_server.to(reporter.email)
    assert "Eden Editor added a correction" in body and "May, not June" in body


def test_the_assignee_hears_of_every_move_of_the_story(smtp_server, moved, make_draft, make_user, reporter, editor):
    desk_chief = make_user("dana", "Editors", last_name="Desk")
    story = make_draft()
    assignment.assign(story, to=desk_chief, by=editor)
    moved(story, "submit", by=reporter)
    moved(story, "return_to_draft", by=reporter)
    bodies = [body for _, body in smtp_server.to(desk_chief.email)]
    assert any("sent for review by Riley Reporter" in body for body in bodies)
    assert any("taken back to draft by Riley Reporter" in body for body in bodies)
    assert "Eden Editor assigned" in desk_of(desk_chief)[-1]


def test_each_person_chooses_what_they_get_and_how(smtp_server, moved, make_draft, make_user, reporter, editor):
    desk_only = make_user("dana", "Editors")
    NotificationSetting.objects.create(user=editor, kind="submitted", by_email=False, on_desk=False)
    NotificationSetting.objects.create(user=desk_only, kind="submitted", by_email=False, on_desk=True)
    moved(make_draft(), "submit", by=reporter)
    assert smtp_server.to(editor.email) == [] and desk_of(editor) == []
    assert smtp_server.to(desk_only.email) == [] and len(desk_of(desk_only)) == 1


def test_email_goes_only_once_the_move_has_committed(
    smtp_server, django_capture_on_commit_callbacks, make_draft, reporter, editor
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        workflow.move(make_draft(), "submit", by=reporter)
    assert smtp_server.messages == []
    for callback in after_commit:
        callback()
    assert len(smtp_server.messages) == 1


def test_a_mail_server_that_is_down_never_fails_the_move(settings, moved, make_draft, reporter, editor, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    story = make_draft()
    with caplog.at_level(logging.ERROR, logger="articles.notifications"):
        moved(story, "submit", by=reporter)
    story.refresh_from_db()
    assert story.state == State.IN_REVIEW
    assert "Could not email 1 notification" in caplog.text
    assert len(desk_of(editor)) == 1  # the desk still has it


def test_the_desk_lists_unread_notifications_and_opening_one_reads_it(client, make_draft, reporter, editor):
    story = make_draft()
    workflow.move(story, "submit", by=reporter)
    client.force_login(editor)
    desk = client.get(reverse("admin:index")).content.decode()
    assert "For you (1 unread)" in desk
    [notification] = Notification.objects.filter(recipient=editor)
    response = client.get(reverse("admin:articles_article_notification", args=[notification.pk]))
    assert response.url == reverse("admin:articles_article_change", args=[story.pk])
    assert "Nothing new for you." in client.get(reverse("admin:index")).content.decode()


def test_mark_all_read(client, make_draft, reporter, editor):
    workflow.move(make_draft(), "submit", by=reporter)
    workflow.move(make_draft(), "submit", by=reporter)
    client.force_login(editor)
    client.post(reverse("admin:articles_article_notifications_read"))
    assert desk_of(editor) == []


def test_nobody_opens_anyone_elses_notification(client, make_draft, reporter, editor, other_reporter):
    workflow.move(make_draft(), "submit", by=reporter)
    client.force_login(other_reporter)
    [notification] = Notification.objects.filter(recipient=editor)
    assert client.get(reverse("admin:articles_article_notification", args=[notification.pk])).status_code == 404


def test_the_settings_screen_keeps_each_choice(client, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_notifications")
    assert client.get(url).status_code == 200
    client.post(url, {"desk:submitted": "on", "email:assigned": "on"})
    choices = {c.kind: (c.on_desk, c.by_email) for c in NotificationSetting.objects.filter(user=editor)}
    assert choices["submitted"] == (True, False)
    assert choices["assigned"] == (False, True)
    assert choices["published"] == (False, False)
