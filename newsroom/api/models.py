"""What the ingest API keeps: the tokens wire services present, and the answer to each idempotency key."""

from django.conf import settings
from django.db import models


class IngestToken(models.Model):
    """A wire service's key to POST /api/v1/imports/. Only its SHA-256 is stored; the key is shown once, when made."""

    class Scope(models.TextChoices):
        INGEST = "ingest", "ingest: create draft stories from raw text"

    name = models.CharField(max_length=100, help_text='Who uses it, e.g. "IANS wire".')
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.INGEST)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        "key begins", max_length=12, editable=False, help_text="The key's first characters, to tell keys apart."
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ingest_tokens",
        editable=False,
        help_text="The service account that owns the drafts this token creates.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "ingest token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None


class IngestRequest(models.Model):
    """The answer given to one Idempotency-Key of one token, replayed when the wire service retries."""

    token = models.ForeignKey(IngestToken, on_delete=models.CASCADE, related_name="requests")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the request body the key was first used with.")
    story_import = models.ForeignKey(
        "articles.StoryImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response = models.JSONField(help_text="The body of the first answer.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="ingest_request_unique_key")]

    def __str__(self):
        return f"{self.token} · {self.key}"
