"""Notification emails go through the queue: a mail server that is down gets the email later, the move stands."""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles import workflow
from articles.models import Article

from ..conftest import free_port
from .test_queue import due_now


def test_an_email_the_mail_server_refused_is_sent_on_a_later_attempt(
    settings, smtp_server, run_queue, make_draft, reporter, editor
):
    listening = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # the mail server is down for a while
    story = make_draft()
    workflow.move(story, "submit", by=reporter)
    run_queue()
    assert smtp_server.messages == []
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1  # the retry, later

    settings.EMAIL_PORT = listening
    due_now()
    run_queue()
    [(subject, _)] = smtp_server.to(editor.email)
    assert story.headline in subject
    story.refresh_from_db()
    assert story.state == Article.State.IN_REVIEW
