"""The editorial workflow: the states a story moves through, who may move it, and what each move records.

MOVES is the one table of allowed moves. Admin buttons, admin actions, management commands and tests all call
``workflow.move(story, "publish", by=user)`` (or add_correction); nothing else writes a story's state.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.html import strip_tags

from core.users import staff_has_perm

from .models import Article, Correction, WorkflowEvent

State = Article.State
# Not a stored state: a published story whose publish_at is still ahead. Moves may start from it.
SCHEDULED = "scheduled"
STATUS_LABELS = {**dict(State.choices), SCHEDULED: "scheduled"}
# The states in which a reporter may still edit their own story.
REPORTER_EDITABLE = {State.DRAFT, State.CHANGES_REQUESTED}


@dataclass(frozen=True)
class Move:
    name: str
    label: str  # the button an editor clicks
    done: str  # what the history says happened
    sources: frozenset
    target: str
    # Permission needed; None means "the story's own reporter, or anyone who may edit any story".
    permission: str | None
    publishes: bool = False  # publish-time validation applies
    needs_comment: bool = False
    needs_time: bool = False


MOVES = {
    move.name: move
    for move in [
        Move(
            "submit",
            "Submit for review",
            "submitted for review",
            frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
            State.IN_REVIEW,
            permission=None,
        ),
        Move(
            "return_to_draft",
            "Back to draft",
            "returned to draft",
            frozenset({State.IN_REVIEW, State.CHANGES_REQUESTED, State.UNPUBLISHED}),
            State.DRAFT,
            permission=None,
        ),
        Move(
            "request_changes",
            "Request changes",
            "changes requested",
            frozenset({State.IN_REVIEW, State.APPROVED}),
            State.CHANGES_REQUESTED,
            permission="articles.can_review",
            needs_comment=True,
        ),
        Move(
            "approve",
            "Approve",
            "approved",
            frozenset({State.IN_REVIEW}),
            State.APPROVED,
            permission="articles.can_review",
        ),
        Move(
            "publish",
            "Publish now",
            "published",
            frozenset({State.DRAFT, State.IN_REVIEW, State.APPROVED, State.UNPUBLISHED, SCHEDULED}),
            State.PUBLISHED,
            permission="articles.can_publish",
            publishes=True,
        ),
        Move(
            "schedule",
            "Schedule",
            "scheduled",
            frozenset({State.DRAFT, State.IN_REVIEW, State.APPROVED, State.UNPUBLISHED, SCHEDULED}),
            State.PUBLISHED,
            permission="articles.can_publish",
            publishes=True,
            needs_time=True,
        ),
        Move(
            "unpublish",
            "Unpublish",
            "unpublished",
            frozenset({State.PUBLISHED, SCHEDULED}),
            State.UNPUBLISHED,
            permission="articles.can_publish",
        ),
    ]
}


def status(article, *, at=None):
    """The story's state as an editor thinks of it: a published story with its time still ahead is "scheduled"."""
    if article.is_scheduled(at=at):
        return SCHEDULED
    return article.state


def status_label(article):
    label = STATUS_LABELS[status(article)]
    if label == SCHEDULED:
        local = timezone.localtime(article.publish_at)
        return f"scheduled for {formats.date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"
    return label


def may_edit(article, user):
    """Who may change a story's content: editors always, its reporter while it is a draft or sent back."""
    if staff_has_perm(user, "articles.can_edit_any"):
        return True
    if not staff_has_perm(user, "articles.change_article"):
        return False
    return article.pk is None or (article.state in REPORTER_EDITABLE and article.is_owned_by(user))


def may_view(article, user):
    """Who may see a story before readers do (preview, history): editors any story, reporters their own."""
    if not (staff_has_perm(user, "articles.view_article") or staff_has_perm(user, "articles.change_article")):
        return False
    return user.has_perm("articles.can_edit_any") or article.is_owned_by(user)


def may(user, move, article):
    if move.permission:
        return staff_has_perm(user, move.permission)
    if staff_has_perm(user, "articles.can_edit_any"):
        return True
    return staff_has_perm(user, "articles.change_article") and article.is_owned_by(user)


def available_moves(article, user):
    """The moves this user may take on this story now, in the table's order."""
    current = status(article)
    return [move for move in MOVES.values() if current in move.sources and may(user, move, article)]


def input_problems(action, *, comment="", at=None, note="", now=None):
    """What the editor must type for a move or a correction, as {input: message}: "comment", "at" or "note".

    The story form shows these beside its fields before saving; move() and add_correction() refuse with them.
    """
    problems = {}
    step = MOVES.get(action)
    if step and step.needs_comment and not comment.strip():
        problems["comment"] = f"Say what needs changing: a comment is required to {step.label.lower()}."
    if step and step.needs_time:
        if at is None:
            problems["at"] = f"Choose the publication date and time ({settings.TIME_ZONE})."
        elif at <= (now or timezone.now()):
            problems["at"] = "Choose a time in the future to schedule the story."
    if action == "correct" and not note.strip():
        problems["note"] = "Write the correction readers will see."
    return problems


def publish_problems(article, *, at=None):
    """Everything that stops a story being published (at `at`, default now), all at once, in form order."""
    problems = []
    if not article.headline.strip():
        problems.append("The headline is missing.")
    if not article.dek.strip():
        problems.append("The dek is missing.")
    if not strip_tags(article.body).strip():
        problems.append("The body is empty.")
    if not article.section_id:
        problems.append("The section is missing.")
    if not article.authors.exists():
        problems.append("The byline is empty: add at least one author.")
    if article.lacks_alt_text():
        problems.append("The lead image has no alt text.")
    duplicate = Article.objects.filter(slug=article.slug).exclude(pk=article.pk).first()
    if duplicate:
        problems.append(f"The slug “{article.slug}” is already used by “{duplicate.headline}”.")
    incomplete = article.article_credits.filter(Q(credit__person__name="") | Q(credit__film__title="")).select_related(
        "credit__person", "credit__film"
    )
    for link in incomplete:
        missing = "person" if not link.credit.person.name.strip() else "title"
        problems.append(f"Linked credit {link.credit} has no {missing} name.")
    going_live = at or timezone.now()
    if article.expire_at and article.expire_at <= going_live:
        expiry = timezone.localtime(article.expire_at).strftime("%B %-d, %Y, %H:%M %Z")
        problems.append(f"The expiry time ({expiry}) is not after the publication time: readers would never see it.")
    return problems


def _record(article, *, action, by, from_state="", to_state="", comment="", at=None):
    return WorkflowEvent.objects.create(
        article=article,
        action=action,
        actor=by,
        at=at or timezone.now(),
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )


@transaction.atomic
def move(article, name, *, by, comment="", at=None):
    """Take one move from the table; refuses with PermissionDenied or ValidationError, changing nothing."""
    step = MOVES[name]
    # Lock the row so two editors clicking at once cannot both move it.
    locked = Article.objects.select_for_update().filter(pk=article.pk)
    article.refresh_from_db(from_queryset=locked)
    now = timezone.now()
    current = status(article, at=now)
    if current not in step.sources:
        raise ValidationError(f"A story that is {STATUS_LABELS[current]} cannot be {step.done}.")
    if not may(by, step, article):
        raise PermissionDenied(f"{by.get_username()} may not {step.label.lower()} “{article.headline}”.")
    comment = comment.strip()
    missing = input_problems(name, comment=comment, at=at, now=now)
    if missing:
        raise ValidationError(list(missing.values()))
    if step.publishes:
        problems = publish_problems(article, at=at if step.needs_time else now)
        if problems:
            raise ValidationError(problems)

    fields = ["state", "updated_by"]
    from_state = article.state
    article.state = step.target
    article.updated_by = by
    if step.name == "schedule":
        article.publish_at = at
        fields.append("publish_at")
    elif step.name == "publish":
        # Republishing keeps the story's original date (and so its address); a first publication is dated now.
        if not (article.first_published_at and article.publish_at and article.publish_at <= now):
            article.publish_at = now
        fields.append("publish_at")
    if step.publishes:
        # A time still ahead (a schedule) is replaced by the new one; one already passed is history and stays.
        if article.first_published_at is None or article.first_published_at > now:
            article.first_published_at = article.publish_at
        article.last_published_at = article.publish_at
        fields += ["first_published_at", "last_published_at"]
    elif step.name == "unpublish":
        # A scheduled story taken down never went out: forget the times it would have.
        if article.first_published_at and article.first_published_at > now:
            article.first_published_at = None
        if article.last_published_at and article.last_published_at > now:
            article.last_published_at = article.first_published_at
        fields += ["first_published_at", "last_published_at"]
    article.save(update_fields=fields)
    when = f" for {timezone.localtime(at):%Y-%m-%d %H:%M %Z}" if step.name == "schedule" else ""
    _record(
        article,
        action=step.name,
        by=by,
        from_state=from_state,
        to_state=article.state,
        comment=comment or (f"Scheduled{when}" if when else ""),
        at=now,
    )
    return article


@transaction.atomic
def add_correction(article, *, by, note, at=None):
    """A dated correction shown under a published story; the story's dateModified moves with it."""
    if not staff_has_perm(by, "articles.can_correct"):
        raise PermissionDenied(f"{by.get_username()} may not correct stories.")
    if article.state != State.PUBLISHED:
        raise ValidationError("Only a published story can be corrected; edit a draft directly.")
    note = note.strip()
    missing = input_problems("correct", note=note)
    if missing:
        raise ValidationError(list(missing.values()))
    at = at or timezone.now()
    correction = Correction.objects.create(article=article, note=note, at=at, by=by)
    article.updated_by = by
    article.save(update_fields=["updated_by"])
    _record(article, action="correct", by=by, from_state=article.state, to_state=article.state, comment=note, at=at)
    return correction
