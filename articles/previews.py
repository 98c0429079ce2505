"""Shareable preview links: signed, expiring, revocable, each good for one story only."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.times import newsroom_time

from .models import PreviewLink, WorkflowEvent

SALT = "articles.preview-link"
DEFAULT_LIFETIME = timedelta(days=3)
# The admin offers at most 30 days; the signature's own age limit backs the stored expiry up.
MAX_LIFETIME = timedelta(days=30)


def token_for(link):
    return signing.dumps({"link": link.pk, "story": link.article_id}, salt=SALT)


def url_for(link):
    return reverse("articles:preview", kwargs={"pk": link.article_id, "token": token_for(link)})


@transaction.atomic
def create_link(article, *, by, lifetime=DEFAULT_LIFETIME, note=""):
    link = PreviewLink.objects.create(
        article=article, created_by=by, expires_at=timezone.now() + lifetime, note=note.strip()
    )
    WorkflowEvent.objects.create(
        article=article,
        action=WorkflowEvent.Action.PREVIEW_LINK_CREATED,
        actor=by,
        comment=f"Preview link #{link.pk} made{f' for {link.note}' if link.note else ''}, "
        f"valid until {newsroom_time(link.expires_at)}.",
    )
    return link


@transaction.atomic
def revoke_link(link, *, by):
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        WorkflowEvent.objects.create(
            article=link.article,
            action=WorkflowEvent.Action.PREVIEW_LINK_REVOKED,
            actor=by,
            comment=f"Preview link #{link.pk} revoked.",
        )
    return link


def open_link(*, pk, token):
    """The live link a token names for story pk, or None: bad signature, other story, expired or revoked."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_LIFETIME)
    except signing.BadSignature:
        return None
    if payload.get("story") != pk:
        return None
    link = PreviewLink.objects.filter(pk=payload.get("link"), article_id=pk).first()
    if link is None or not link.is_active():
        return None
    return link


def record_use(link):
    # bulk_create sends no post_save: a preview being read changes nothing readers see, so the page cache stays warm.
    WorkflowEvent.objects.bulk_create(
        [
            WorkflowEvent(
                article_id=link.article_id,
                action=WorkflowEvent.Action.PREVIEW_LINK_USED,
                comment=f"Preview link #{link.pk}{f' ({link.note})' if link.note else ''} opened.",
            )
        ]
    )
