"""Who is told what about a story, on their desk and by email; each person chooses which kinds they get how.

    a story comes to the desk (submitted; or its last review step signed off)  → editors (can review)
    a story reaches a review step                                               → that step's group
    changes requested (with the comment), approved, scheduled, published,
    unpublished, corrected                                                      → its reporters (creator, byline)
    any move or correction of a story assigned to someone                       → the assignee
    a story assigned to someone by someone else                                 → the assignee
    a comment                                                                   → its reporters, the assignee and
                                                                                  everyone earlier in the thread
Nobody is told of what they did themselves, and nobody is told twice of one thing. Emails go from the task queue once
the change has committed (articles/tasks.py); a mail server that is down or refuses is logged and the sending retried
later, never a failed save.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from core import tasks
from core.times import newsroom_time
from core.users import display_name

from . import review_steps
from .models import Assignment, Notification, NotificationSetting

logger = logging.getLogger(__name__)

# Each kind as the preferences screen names it, in the order it lists them.
KINDS = {
    "submitted": "A story comes to the desk for review (editors)",
    "review_step": "A story reaches a review step your group signs off",
    "changes_requested": "Changes are requested on your story",
    "approved": "Your story is approved",
    "scheduled": "Your story is scheduled",
    "published": "Your story is published",
    "unpublished": "Your story is unpublished",
    "corrected": "A correction is added to your story",
    "assigned": "A story is assigned to you",
    "followed": "A story assigned to you moves",
    "commented": "A comment on your story, a story assigned to you, or a thread you are in",
}
# What a story's reporters hear of, by the last line of history a move writes.
REPORTER_KINDS = {
    "request_changes": "changes_requested",
    "approve": "approved",
    "schedule": "scheduled",
    "publish": "published",
    "unpublish": "unpublished",
}


def editors():
    return (
        get_user_model()
        .objects.with_perm(
            "articles.can_review", include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_staff=True)
    )


def reporters(article):
    authors = list(article.authors.all())
    return authors + [article.created_by] if article.created_by and article.created_by not in authors else authors


def assignee(article):
    assignment = Assignment.objects.filter(article=article).select_related("assignee").first()
    return [assignment.assignee] if assignment else []


def story_moved(article, step, *, by, comment="", signed=None):
    """Tell everyone concerned that a workflow move happened (called by workflow.move once it is recorded)."""
    text = f"“{article.headline}” was {step.done} by {display_name(by)}"
    text += f" ({signed.name})." if signed else "."
    if article.is_scheduled():
        text += f" It goes live at {newsroom_time(article.publish_at)}."
    if comment:
        text += f"\n\n“{comment}”"
    told = {}
    if step.name in ("submit", "sign_off"):
        waiting = review_steps.current_step(article)
        if waiting:
            members = waiting.group.user_set.filter(is_active=True, is_staff=True)
            _add(told, members, "review_step", f"{text}\n\nIt is waiting for {waiting.name}.")
        else:
            _add(told, editors(), "submitted", text)
    if step.records[-1] in REPORTER_KINDS:
        _add(told, reporters(article), REPORTER_KINDS[step.records[-1]], text)
    _add(told, assignee(article), "followed", text)
    deliver(article, told, by=by)


def story_corrected(article, *, by, note):
    text = f"{display_name(by)} added a correction to “{article.headline}”:\n\n“{note}”"
    told = {}
    _add(told, reporters(article), "corrected", text)
    _add(told, assignee(article), "followed", text)
    deliver(article, told, by=by)


def story_assigned(article, *, to, by):
    deliver(article, _add({}, [to], "assigned", f"{display_name(by)} assigned “{article.headline}” to you."), by=by)


def story_commented(comment):
    article = comment.article
    about = f" on the {comment.about}" if comment.about else ""
    text = f"{display_name(comment.author)} commented{about} in “{article.headline}”:\n\n“{comment.text}”"
    earlier = get_user_model().objects.filter(pk__in=article.comments.exclude(pk=comment.pk).values("author"))
    told = {}
    _add(told, [*reporters(article), *assignee(article), *earlier], "commented", text)
    deliver(article, told, by=comment.author)


def _add(told, users, kind, text):
    """The first reason someone is told wins: each person hears of one thing once."""
    for user in users:
        told.setdefault(user, (kind, text))
    return told


def deliver(article, told, *, by):
    """Desk notifications now, in the same transaction; emails after it commits."""
    told = {user: what for user, what in told.items() if user.pk != by.pk and user.is_active}
    if not told:
        return
    choices = {
        (choice.user_id, choice.kind): choice
        for choice in NotificationSetting.objects.filter(user__in=[user.pk for user in told])
    }
    desk, mails = [], []
    for user, (kind, text) in told.items():
        choice = choices.get((user.pk, kind))
        if choice is None or choice.on_desk:
            desk.append(Notification(recipient=user, article=article, kind=kind, text=text))
        if user.email and (choice is None or choice.by_email):
            mails.append((user.email, text))
    # bulk_create sends no post_save: a notification is nothing a reader's cached page shows.
    Notification.objects.bulk_create(desk)
    if mails:
        from .tasks import send_notifications  # the task module names this one's send()

        tasks.enqueue(send_notifications, url=article_url(article), headline=article.headline, mails=mails)


def article_url(article):
    return settings.SITE_URL + reverse("admin:articles_article_change", args=[article.pk])


def send(url, headline, mails):
    """One connection for the lot; a mail server that is down or refuses is logged and raised, for the queue to
    try again later."""
    settings_url = settings.SITE_URL + reverse("admin:articles_article_notifications")
    messages = [
        EmailMessage(
            subject=f"[{settings.SITE_NAME}] {headline}",
            body=f"{text}\n\nOpen the story: {url}\nChoose what you are told: {settings_url}\n",
            to=[address],
        )
        for address, text in mails
    ]
    try:
        with get_connection() as connection:
            connection.send_messages(messages)
    except OSError:  # smtplib's errors, refused connections and time-outs are all OSErrors
        logger.exception("Could not email %d notification(s) about “%s”", len(messages), headline)
        raise
