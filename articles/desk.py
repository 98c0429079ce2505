"""The editor's desk on the admin index: what needs someone's attention, one query per list."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import Article, WorkflowEvent

DESK_LENGTH = 10


def desk(user):
    """Lists of stories for this user's desk; a reporter sees only their own stories."""
    now = timezone.now()
    stories = (
        Article.objects.for_staff(user)
        .select_related("section", "updated_by")
        .annotate(
            last_comment=Subquery(
                WorkflowEvent.objects.filter(article=OuterRef("pk"), from_state__gt="")
                .exclude(comment="")
                .order_by("-at", "-id")
                .values("comment")[:1]
            )
        )
    )
    return {
        "awaiting_review": list(stories.filter(state=Article.State.IN_REVIEW).order_by("updated_at")[:DESK_LENGTH]),
        "changes_requested": list(
            stories.filter(state=Article.State.CHANGES_REQUESTED).order_by("-updated_at")[:DESK_LENGTH]
        ),
        "scheduled": list(stories.scheduled(at=now).order_by("publish_at")[:DESK_LENGTH]),
        "my_drafts": list(
            stories.owned_by(user).filter(state=Article.State.DRAFT).order_by("-updated_at")[:DESK_LENGTH]
        ),
        "recently_published": list(stories.public(at=now).order_by("-publish_at")[:DESK_LENGTH]),
    }
