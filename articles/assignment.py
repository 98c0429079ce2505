"""Who a story is assigned to: an editor assigns it to an editor, or takes it; the assignee sees it first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.users import display_name, staff_has_perm

from . import notifications
from .models import Assignment, WorkflowEvent
from .workflow import record


def may_assign(user):
    return staff_has_perm(user, "articles.can_review")


def assignable():
    """Who a story may be assigned to: the editors, by name."""
    return sorted(notifications.editors(), key=display_name)


@transaction.atomic
def assign(article, *, to, by):
    """Assign the story to an editor (to=by takes it); the move is a line of history and the assignee is told."""
    if not may_assign(by):
        raise PermissionDenied(f"{display_name(by)} may not assign stories.")
    if not may_assign(to):
        raise ValidationError(f"{display_name(to)} is not an editor: only editors are assigned stories.")
    Assignment.objects.update_or_create(
        article=article, defaults={"assignee": to, "assigned_by": by, "at": timezone.now()}
    )
    comment = "Took it" if to == by else f"Assigned to {display_name(to)}"
    record(article, action=WorkflowEvent.Action.ASSIGN, by=by, comment=comment)
    if to != by:
        notifications.story_assigned(article, to=to, by=by)
