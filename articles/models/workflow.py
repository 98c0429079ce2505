"""A story's record: its workflow events, the corrections readers see, and shareable preview links."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .stories import Article


class WorkflowEvent(models.Model):
    """One line of a story's history: a move between states, a correction, a revert, a preview link made or used."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "submitted for review"
        RETURN_TO_DRAFT = "return_to_draft", "returned to draft"
        REQUEST_CHANGES = "request_changes", "changes requested"
        APPROVE = "approve", "approved"
        PUBLISH = "publish", "published"
        SCHEDULE = "schedule", "scheduled"
        UNPUBLISH = "unpublish", "unpublished"
        CORRECT = "correct", "correction added"
        CORRECTION_UPDATED = "correction_updated", "correction updated"
        CORRECTION_WITHDRAWN = "correction_withdrawn", "correction withdrawn"
        REVERT = "revert", "reverted to a revision"
        PREVIEW_LINK_CREATED = "preview_link_created", "preview link made"
        PREVIEW_LINK_REVOKED = "preview_link_revoked", "preview link revoked"
        PREVIEW_LINK_USED = "preview_link_used", "preview link opened"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="workflow_events")
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    from_state = models.CharField(max_length=20, choices=Article.State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=Article.State.choices, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["article", "-at"], name="workflow_event_article_at")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class CorrectionQuerySet(models.QuerySet):
    def shown(self):
        """The corrections readers see: a withdrawn one stays in the story's history only."""
        return self.filter(withdrawn_at__isnull=True)


class Correction(models.Model):
    """A dated correction note on a published story, shown to readers under the story until withdrawn."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Readers are told when a correction's wording changed ("Updated Feb 8"); the old wording is in the history.
    updated_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return self.note[:80]

    @property
    def last_changed(self):
        return max(t for t in (self.at, self.updated_at) if t)


class PreviewLink(models.Model):
    """A shareable, expiring, revocable link to read one unpublished story; its token is signed (see previews.py)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, help_text='Who it is for, e.g. "the studio\'s lawyer".')

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, *, at=None):
        return self.revoked_at is None and self.expires_at > (at or timezone.now())
