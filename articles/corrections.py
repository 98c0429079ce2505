"""Corrections on a published story: added, reworded or withdrawn by editors, every change a line of its history.

Readers see each correction dated under the story ("Updated Feb 8" once reworded); a withdrawn one leaves the page
but stays in the history with its wording.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.users import display_name, staff_has_perm

from .models import Article, Correction, WorkflowEvent
from .workflow import input_problems, record


def _check(by, article):
    if not staff_has_perm(by, "articles.can_correct"):
        raise PermissionDenied(f"{display_name(by)} may not correct stories.")
    if article.state != Article.State.PUBLISHED:
        raise ValidationError("Only a published story can be corrected; edit a draft directly.")


def _touch(article, *, by, action, comment, at):
    # The story's dateModified and cached pages follow its corrections.
    article.updated_by = by
    article.save(update_fields=["updated_by"])
    record(article, action=action, by=by, from_state=article.state, to_state=article.state, comment=comment, at=at)


@transaction.atomic
def add(article, *, by, note, at=None):
    """A dated correction shown under a published story; the story's dateModified moves with it."""
    _check(by, article)
    note = note.strip()
    missing = input_problems("correct", note=note)
    if missing:
        raise ValidationError(list(missing.values()))
    at = at or timezone.now()
    correction = Correction.objects.create(article=article, note=note, at=at, by=by)
    _touch(article, by=by, action=WorkflowEvent.Action.CORRECT, comment=note, at=at)
    return correction


@transaction.atomic
def update(correction, *, by, note, at=None):
    """Reword a correction: readers see the new wording marked as updated; the history keeps the old one."""
    _check(by, correction.article)
    note = note.strip()
    missing = input_problems("correct", note=note)
    if missing:
        raise ValidationError(list(missing.values()))
    if correction.withdrawn_at:
        raise ValidationError("This correction was withdrawn; add a new one instead.")
    if note == correction.note:
        return correction
    at = at or timezone.now()
    before = correction.note
    correction.note, correction.updated_at = note, at
    correction.save(update_fields=["note", "updated_at"])
    _touch(
        correction.article,
        by=by,
        action=WorkflowEvent.Action.CORRECTION_UPDATED,
        comment=f"Was: “{before}”\nNow: “{note}”",
        at=at,
    )
    return correction


@transaction.atomic
def withdraw(correction, *, by, at=None):
    """Take a correction off the story page; its wording stays in the story's history."""
    _check(by, correction.article)
    if correction.withdrawn_at:
        return correction
    at = at or timezone.now()
    correction.withdrawn_at = at
    correction.save(update_fields=["withdrawn_at"])
    _touch(
        correction.article,
        by=by,
        action=WorkflowEvent.Action.CORRECTION_WITHDRAWN,
        comment=f"Withdrawn: “{correction.note}”",
        at=at,
    )
    return correction
