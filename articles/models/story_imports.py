"""A story imported from raw text, and the credits it suggests for the editor to confirm or reject."""

from django.conf import settings
from django.db import models

from films.models import Credit, Film
from people.models import Person, Relationship


class StoryImport(models.Model):
    """One run of the importer over raw text, with the draft it made."""

    raw_text = models.TextField(help_text="The text as pasted or uploaded.")
    file_name = models.CharField(max_length=255, blank=True)
    article = models.OneToOneField(
        "articles.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="story_import"
    )
    mentions = models.JSONField(
        default=dict, blank=True, help_text="People and titles found in the text, as the importer saw them."
    )
    unmatched = models.JSONField(
        default=list, blank=True, help_text="Names, titles and outlets in the text that the database lacks."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    job = models.ForeignKey(
        "core.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The background job reading a long text (a short one is read as it is submitted).",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "story import"

    def __str__(self):
        return str(self.article) if self.article_id else f"Import {self.pk}"


class CreditSuggestion(models.Model):
    """A credit the importer thinks the story mentions; linked to the story only once an editor confirms it."""

    class Status(models.TextChoices):
        PENDING = "pending", "to review"
        CONFIRMED = "confirmed", "confirmed"
        REJECTED = "rejected", "rejected"

    story_import = models.ForeignKey(StoryImport, on_delete=models.CASCADE, related_name="suggestions")
    credit = models.ForeignKey(
        Credit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The credit the database holds; empty when confirming would create it.",
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+", verbose_name="title")
    role = models.CharField(max_length=30, choices=Credit.Role.choices)
    character = models.CharField(max_length=300, blank=True)
    evidence = models.CharField(max_length=500, blank=True, help_text="Where the story says so.")
    highlights = models.JSONField(default=list, blank=True, help_text="Names and titles to mark in the evidence.")
    strength = models.CharField(
        max_length=6,
        choices=[("strong", "strong"), ("weak", "weak")],
        default="strong",
        help_text="Strong: the story names both in one sentence or paragraph. Weak: only in the same story.",
    )
    alternatives = models.JSONField(
        default=list, blank=True, help_text="Other titles written the same way: [{film, label}], to switch to."
    )
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "credit suggestion"

    def __str__(self):
        if self.role in Credit.ACTING_ROLES:
            return f"{self.person.name}{f' as {self.character}' if self.character else ''} in {self.film}"
        return f"{self.person.name}, {Credit.Role(self.role).label} of {self.film}"

    @property
    def action(self):
        if self.credit_id is None:
            return "new credit"
        if self.character and not self.credit.character:
            return "adds the character"
        return "credit on file"


class SourceSuggestion(models.Model):
    """An outlet the story credits that is not linked yet (often not on file: confirming creates it)."""

    story_import = models.ForeignKey(StoryImport, on_delete=models.CASCADE, related_name="source_suggestions")
    name = models.CharField(max_length=200)
    credited_as = models.CharField(max_length=300, blank=True)
    source = models.ForeignKey("articles.Source", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    status = models.CharField(
        max_length=10, choices=CreditSuggestion.Status.choices, default=CreditSuggestion.Status.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "source suggestion"

    def __str__(self):
        return f"{self.name} ({self.credited_as})" if self.credited_as else self.name


class RelationshipSuggestion(models.Model):
    """A relationship the story states ("his wife X", "married since 2003") that the database lacks."""

    story_import = models.ForeignKey(StoryImport, on_delete=models.CASCADE, related_name="relationship_suggestions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Relationship.Kind.choices)
    since_year = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=CreditSuggestion.Status.choices, default=CreditSuggestion.Status.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "relationship suggestion"

    def __str__(self):
        since = f" since {self.since_year}" if self.since_year else ""
        return f"{self.person} and {self.other}: {Relationship.Kind(self.kind).label}{since}"
