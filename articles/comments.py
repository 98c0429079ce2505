"""A story's comment thread: every comment kept with its author and time, tied to a field or a linked credit if
the writer chose, and resolved (by whom, when) rather than deleted."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.users import display_name

from . import notifications
from .models import StoryComment
from .workflow import may_view


@transaction.atomic
def add(article, *, by, text, field="", credit=None):
    """Anyone who may see the story before readers do may comment on it; the people concerned are told."""
    if not may_view(article, by):
        raise PermissionDenied(f"{display_name(by)} may not comment on this story.")
    text = text.strip()
    if not text:
        raise ValidationError("Write the comment first.")
    if credit is not None and credit.article_id != article.pk:
        raise ValidationError("That credit is not linked to this story.")
    comment = StoryComment.objects.create(
        article=article,
        author=by,
        text=text,
        field=field,
        credit=credit,
        credit_label=str(credit.credit) if credit else "",
    )
    notifications.story_commented(comment)
    return comment


@transaction.atomic
def resolve(comment, *, by):
    if not may_view(comment.article, by):
        raise PermissionDenied(f"{display_name(by)} may not resolve comments on this story.")
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), by
        comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
