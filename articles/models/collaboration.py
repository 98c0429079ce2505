"""A desk working together on a story: review steps per section, who a story is assigned to, its comment thread,
and who has its form open."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .parts import ArticleCredit
from .stories import Article
from .taxonomy import Section


class ReviewStep(models.Model):
    """A sign-off a section's stories need before the desk may approve them, e.g. "Legal review" by Legal."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="review_steps")
    name = models.CharField(max_length=100, help_text="As reviewers say it, e.g. “Legal review”.")
    group = models.ForeignKey(
        "auth.Group", on_delete=models.PROTECT, related_name="+", help_text="Whose members sign this step off."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Steps are taken in this order.")

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self):
        return self.name


class Assignment(models.Model):
    """The editor a story is assigned to: it comes first on their desk and they hear of every move it makes."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="assignment")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["assignee", "-at"], name="assignment_assignee_at")]

    def __str__(self):
        return f"{self.article} → {self.assignee}"


class StoryComment(models.Model):
    """One comment in a story's thread, kept for good; resolving it records who and when."""

    class Field(models.TextChoices):
        HEADLINE = "headline", "headline"
        DEK = "dek", "dek"
        BODY = "body", "body"
        SECTION = "section", "section"
        BYLINE = "authors", "byline"
        LEAD_IMAGE = "lead_image", "lead image"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField()
    field = models.CharField(max_length=20, choices=Field.choices, blank=True)
    # A linked credit the comment is about; if the credit is unlinked later the comment stays, unattached.
    credit = models.ForeignKey(ArticleCredit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    credit_label = models.CharField(max_length=300, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["article", "at"], name="story_comment_article_at")]

    def __str__(self):
        return self.text[:80]

    @property
    def about(self):
        """What the comment is tied to, as the thread says it: "headline", "credit Kevin Bacon as …", or ""."""
        if self.credit_label:
            return f"credit {self.credit_label}"
        return self.get_field_display()


class Presence(models.Model):
    """Someone has the story's form open: written by the form's poll, read by everyone else's."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="presence_one_per_user")]

    def __str__(self):
        return f"{self.user} on {self.article}"
