"""The editorial workflow: the states a story moves through, who may move it, and what each move records.

MOVES is the one table of allowed moves. Admin buttons, admin actions, management commands and tests all call
``workflow.move(story, "publish", by=user)`` (corrections.py adds, updates and withdraws corrections); nothing else writes a story's state.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from core.times import newsroom_time, to_the_minute
from core.users import display_name, staff_has_perm

from .models import Article, WorkflowEvent
from .models.stories import story_url

State = Article.State
# Not a stored state: a published story whose publish_at is still ahead. Moves may start from it.
SCHEDULED = "scheduled"
STATUS_LABELS = {**dict(State.choices), SCHEDULED: "scheduled"}
# The states in which a reporter may still edit their own story.
REPORTER_EDITABLE = {State.DRAFT, State.CHANGES_REQUESTED}


# Where a story is, as an editor would say it: "This story is back with its reporter."
WHERE = {
    State.DRAFT: "is a draft",
    State.IN_REVIEW: "is waiting for review",
    State.CHANGES_REQUESTED: "is back with its reporter",
    State.APPROVED: "is approved",
    State.PUBLISHED: "is live",
    SCHEDULED: "is scheduled to go live",
    State.UNPUBLISHED: "has been taken down",
}


@dataclass(frozen=True)
class Move:
    name: str
    label: str  # the button an editor clicks
    sources: frozenset
    target: str
    # Permissions needed, all of them; empty means "the story's own reporter, or anyone who may edit any story".
    permissions: tuple
    verb: str  # "approve this story": what a refusal says cannot be done
    done: str  # "approved": the story was not {done}
    said: str  # what the editor is told afterwards; {story} is "the story" or its headline, {at} its go-live time
    # The history lines it writes: one per step, so "Approve and publish" reads as an approval then a publication.
    steps: tuple = ()
    publishes: bool = False  # publish-time validation applies
    needs_comment: bool = False
    needs_time: bool = False

    @property
    def records(self):
        return self.steps or (self.name,)


MOVES = {
    move.name: move
    for move in [
        Move(
            "submit",
            "Submit for review",
            frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
            State.IN_REVIEW,
            permissions=(),
            verb="submit this story for review",
            done="sent for review",
            said="Submitted for review: {story} is with the editors now.",
        ),
        Move(
            "return_to_draft",
            "Back to draft",
            frozenset({State.IN_REVIEW, State.CHANGES_REQUESTED, State.UNPUBLISHED}),
            State.DRAFT,
            permissions=(),
            verb="take this story back to draft",
            done="taken back to draft",
            said="Back to draft: {story} can be written and edited again.",
        ),
        Move(
            "request_changes",
            "Request changes",
            frozenset({State.IN_REVIEW, State.APPROVED}),
            State.CHANGES_REQUESTED,
            permissions=("articles.can_review",),
            verb="request changes on this story",
            done="sent back to its reporter",
            said="Changes requested: {story} is back with its reporter.",
            needs_comment=True,
        ),
        Move(
            "approve",
            "Approve",
            frozenset({State.IN_REVIEW}),
            State.APPROVED,
            permissions=("articles.can_review",),
            verb="approve this story",
            done="approved",
            said="Approved: {story} is ready to publish or schedule.",
        ),
        Move(
            "approve_publish",
            "Approve and publish",
            frozenset({State.IN_REVIEW}),
            State.PUBLISHED,
            permissions=("articles.can_review", "articles.can_publish"),
            verb="approve and publish this story",
            done="approved and published",
            said="Approved and published: {story} is live for readers now.",
            steps=("approve", "publish"),
            publishes=True,
        ),
        Move(
            "approve_schedule",
            "Approve and schedule",
            frozenset({State.IN_REVIEW}),
            State.PUBLISHED,
            permissions=("articles.can_review", "articles.can_publish"),
            verb="approve and schedule this story",
            done="approved and scheduled",
            said="Approved and scheduled: {story} goes live at {at}.",
            steps=("approve", "schedule"),
            publishes=True,
            needs_time=True,
        ),
        Move(
            "publish",
            "Publish now",
            frozenset({State.DRAFT, State.IN_REVIEW, State.APPROVED, State.UNPUBLISHED, SCHEDULED}),
            State.PUBLISHED,
            permissions=("articles.can_publish",),
            verb="publish this story",
            done="published",
            said="Published: {story} is live for readers now.",
            publishes=True,
        ),
        Move(
            "schedule",
            "Schedule",
            frozenset({State.DRAFT, State.IN_REVIEW, State.APPROVED, State.UNPUBLISHED, SCHEDULED}),
            State.PUBLISHED,
            permissions=("articles.can_publish",),
            verb="schedule this story",
            done="scheduled",
            said="Scheduled: {story} goes live at {at}.",
            publishes=True,
            needs_time=True,
        ),
        Move(
            "unpublish",
            "Unpublish",
            frozenset({State.PUBLISHED, SCHEDULED}),
            State.UNPUBLISHED,
            permissions=("articles.can_publish",),
            verb="unpublish this story",
            done="unpublished",
            said="Unpublished: {story} is off every public page.",
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
        return f"scheduled for {newsroom_time(article.publish_at)}"
    return label


def said(step, article, *, story="the story"):
    """What the editor is told after a move, e.g. "Changes requested: the story is back with its reporter."."""
    return step.said.format(story=story, at=newsroom_time(article.publish_at))


def _refusal(step, current):
    """Why a move is not possible from where the story is, in words: "This story is already live."."""
    arrives = SCHEDULED if step.target == State.PUBLISHED and step.needs_time else step.target
    if current == arrives:
        verb, rest = WHERE[current].split(" ", 1)
        return f"This story {verb} already {rest}."
    return f"You cannot {step.verb} now: it {WHERE[current]}."


def publication_date_of(article, *, at=None, now=None):
    """The time a publication gives the story (and so the date in its address): a schedule's `at`; a story
    published before keeps its original time when republished; a first publication is dated now."""
    now = now or timezone.now()
    if at is not None:
        return at
    if article.first_published_at and article.publish_at and article.publish_at <= now:
        return article.publish_at
    return now


def address_when_published(article):
    """The public address the story has, or will have if it is published now (or at its scheduled time)."""
    when = article.publish_at if article.is_scheduled() else publication_date_of(article)
    return story_url(timezone.localdate(when), article.slug)


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
    if move.permissions:
        return all(staff_has_perm(user, permission) for permission in move.permissions)
    if staff_has_perm(user, "articles.can_edit_any"):
        return True
    return staff_has_perm(user, "articles.change_article") and article.is_owned_by(user)


def may_delete(article, user):
    """Editors delete as their permission allows; a reporter deletes only their own story that never went out."""
    if staff_has_perm(user, "articles.can_edit_any"):
        return staff_has_perm(user, "articles.delete_article")
    never_published = article.first_published_at is None and article.state not in {State.PUBLISHED, State.UNPUBLISHED}
    return staff_has_perm(user, "articles.change_article") and never_published and article.is_owned_by(user)


def available_moves(article, user):
    """The moves this user may take on this story now, in the table's order."""
    current = status(article)
    return [move for move in MOVES.values() if current in move.sources and may(user, move, article)]


def input_problems(action, *, comment="", at=None, note="", now=None):
    """What the editor must type for a move or a correction, as {input: message}: "comment", "at" or "note".

    The story form shows these beside its fields before saving; move() and corrections.add() refuse with them.
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
        problems.append(
            f"The expiry time ({newsroom_time(article.expire_at)}) is not after the publication time: "
            "readers would never see it."
        )
    return problems


def record(article, *, action, by, from_state="", to_state="", comment="", at=None):
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
    at = to_the_minute(at)
    # Lock the row so two editors clicking at once cannot both move it.
    locked = Article.objects.select_for_update().filter(pk=article.pk)
    article.refresh_from_db(from_queryset=locked)
    now = timezone.now()
    current = status(article, at=now)
    if current not in step.sources:
        raise ValidationError(_refusal(step, current))
    if not may(by, step, article):
        raise PermissionDenied(f"{display_name(by)} may not {step.verb}.")
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
    if step.publishes:
        # Republishing keeps the story's original date (and so its address); a first publication is dated now.
        article.publish_at = publication_date_of(article, at=at if step.needs_time else None, now=now)
        fields.append("publish_at")
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
    for action in step.records:
        record(
            article,
            action=action,
            by=by,
            from_state=from_state,
            to_state=MOVES[action].target,
            comment=comment or (f"Goes live at {newsroom_time(at)}" if action == "schedule" else ""),
            at=now,
        )
        # The editor's comment belongs to the first step (the approval); the next line of history starts fresh.
        from_state, comment = MOVES[action].target, ""
    return article
