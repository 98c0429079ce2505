from functools import lru_cache

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from core.links import slug_url
from core.models import SlugManager, Timestamped
from films.models import Credit, Film
from people.models import Person


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in the site's navigation.")

    objects = SlugManager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return slug_url("articles:section", self.slug)


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return slug_url("articles:tag", self.slug)


class Source(models.Model):
    """A publication or agency a story cites: People, Deadline, IANS."""

    class Kind(models.TextChoices):
        MAGAZINE = "magazine", "magazine"
        TRADE = "trade", "trade publication"
        WIRE = "wire", "news agency"
        NEWSPAPER = "newspaper", "newspaper"
        BROADCASTER = "broadcaster", "broadcaster"
        OTHER = "other", "other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField(blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


def story_url(day, slug):
    """A story's dated address, memoised per script prefix (story lists ask for dozens); see core.links."""
    return _story_url(get_script_prefix(), day, slug)


@lru_cache(maxsize=20_000)
def _story_url(script_prefix, day, slug):
    return reverse(
        "articles:detail",
        kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}", "slug": slug},
    )


@receiver(setting_changed)
def _forget_story_urls(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _story_url.cache_clear()


class ArticleQuerySet(models.QuerySet):
    def public(self, *, at=None):
        """The one definition of what a reader may see: published, past publish_at, not expired."""
        at = at or timezone.now()
        return self.filter(state=Article.State.PUBLISHED, publish_at__lte=at).filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=at)
        )

    def scheduled(self, *, at=None):
        """Published, with the publication time still ahead: the one definition of "scheduled"."""
        return self.filter(state=Article.State.PUBLISHED, publish_at__gt=at or timezone.now())

    def owned_by(self, user):
        """A reporter's own stories: the one definition of "mine" (they created it or are in its byline)."""
        bylined = Article.authors.through.objects.filter(user=user).values("article")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))

    def about_person(self, person):
        """Stories that credit or link the person (one row per story)."""
        through_credit = ArticleCredit.objects.filter(article=OuterRef("pk"), credit__person=person)
        direct = Article.linked_people.through.objects.filter(article=OuterRef("pk"), person=person)
        return self.filter(Exists(through_credit) | Exists(direct))

    def about_title(self, film):
        """Stories that credit or link the title (one row per story)."""
        through_credit = ArticleCredit.objects.filter(article=OuterRef("pk"), credit__film=film)
        direct = Article.linked_films.through.objects.filter(article=OuterRef("pk"), film=film)
        return self.filter(Exists(through_credit) | Exists(direct))

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(Timestamped):
    """A story."""

    class State(models.TextChoices):
        DRAFT = "draft", "draft"
        IN_REVIEW = "in_review", "in review"
        CHANGES_REQUESTED = "changes_requested", "changes requested"
        APPROVED = "approved", "approved"
        PUBLISHED = "published", "published"
        UNPUBLISHED = "unpublished", "unpublished"

    headline = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    dek = models.CharField("dek", max_length=500, blank=True, help_text="The subheading under the headline.")
    body = models.TextField(blank=True, help_text="HTML; sanitised to an allow-list when shown.")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, null=True, blank=True, related_name="articles")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="bylined_articles", verbose_name="byline"
    )
    sources = models.ManyToManyField(Source, through="ArticleSource", blank=True, related_name="articles")
    linked_people = models.ManyToManyField(
        Person, blank=True, related_name="linked_articles", help_text="People the story is about beyond its credits."
    )
    linked_films = models.ManyToManyField(
        Film, blank=True, related_name="linked_articles", help_text="Titles the story is about beyond its credits."
    )

    lead_image = models.ImageField(
        upload_to="articles/%Y/%m/", blank=True, width_field="lead_image_width", height_field="lead_image_height"
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_caption = models.CharField(max_length=500, blank=True)
    lead_image_credit = models.CharField(max_length=200, blank=True)
    lead_image_alt = models.CharField("lead image alt text", max_length=300, blank=True)

    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    publish_at = models.DateTimeField("publication time", null=True, blank=True)
    expire_at = models.DateTimeField("expiry time", null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # Who saved last: the concurrent-edit refusal names them.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = "story"
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["state", "publish_at"], name="article_state_publish_at"),
            models.Index(fields=["section", "state", "publish_at"], name="article_section_publish_at"),
        ]
        permissions = [
            ("can_review", "Can review stories: approve or request changes"),
            ("can_publish", "Can publish, schedule and unpublish stories"),
            ("can_edit_any", "Can edit any story in any state, revert revisions and share previews"),
            ("can_correct", "Can add corrections to published stories"),
        ]

    def __str__(self):
        return self.headline

    def natural_key(self):
        return (self.slug,)

    @property
    def local_publish_date(self):
        return timezone.localdate(self.publish_at or self.created_at or timezone.now())

    def get_absolute_url(self):
        return story_url(self.local_publish_date, self.slug)

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": "Describe the lead image for readers who cannot see it (alt text is required)."}
            )

    def is_scheduled(self, *, at=None):
        """The instance form of ArticleQuerySet.scheduled()."""
        at = at or timezone.now()
        return self.state == self.State.PUBLISHED and self.publish_at is not None and self.publish_at > at

    def is_owned_by(self, user):
        """The instance form of ArticleQuerySet.owned_by(): a story not yet saved belongs to whoever writes it."""
        if self.pk is None:
            return True
        return self.created_by_id == user.pk or self.authors.filter(pk=user.pk).exists()

    def is_public(self, *, at=None):
        at = at or timezone.now()
        return (
            self.state == self.State.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= at
            and (self.expire_at is None or self.expire_at > at)
        )


class ArticleSourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, source_slug):
        return self.get(article__slug=article_slug, source__slug=source_slug)


class ArticleSource(models.Model):
    """How a story credits one of its sources ("reports People magazine")."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="source_links")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="article_links")
    credited_as = models.CharField(
        max_length=300, blank=True, help_text='As the story credits it, e.g. "reports People magazine".'
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArticleSourceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "source"], name="article_source_unique")]

    def __str__(self):
        return self.credited_as or str(self.source)

    def natural_key(self):
        return (self.article.slug, self.source.slug)

    natural_key.dependencies = ["articles.article", "articles.source"]


class ArticleCreditQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, film_slug, person_slug, role, character):
        return self.get(
            article__slug=article_slug,
            credit__film__slug=film_slug,
            credit__person__slug=person_slug,
            credit__role=role,
            credit__character=character,
        )


class ArticleCredit(models.Model):
    """One of a story's linked credits, in the order the story presents them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_credits")
    credit = models.ForeignKey(Credit, on_delete=models.PROTECT, related_name="article_links")
    position = models.PositiveSmallIntegerField(default=0)

    objects = ArticleCreditQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "linked credit"
        constraints = [models.UniqueConstraint(fields=["article", "credit"], name="article_credit_unique")]

    def __str__(self):
        return str(self.credit)

    def natural_key(self):
        return (self.article.slug, *self.credit.natural_key())

    natural_key.dependencies = ["articles.article", "films.credit"]


class QuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, article_slug, position):
        return self.get(article__slug=article_slug, position=position)


class Quote(models.Model):
    """A quotation the story carries, with who said it and where."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speakers = models.ManyToManyField(Person, blank=True, related_name="quotes")
    speaker_name = models.CharField(
        max_length=200, blank=True, help_text="When the speaker is not a person in the database (a synopsis, a studio)."
    )
    context = models.CharField(max_length=300, blank=True, help_text='e.g. "in a statement to Deadline".')
    source = models.ForeignKey(Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes")
    position = models.PositiveSmallIntegerField(default=0)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["article", "position"], name="quote_unique_position")]

    def __str__(self):
        return self.text[:80]

    def natural_key(self):
        return (self.article.slug, self.position)

    natural_key.dependencies = ["articles.article"]

    @property
    def attribution(self):
        """Reads the prefetched speakers; the view prefetches them with the quotes."""
        names = [person.name for person in self.speakers.all()]
        return " and ".join(names) if names else self.speaker_name


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


class Correction(models.Model):
    """A dated correction note on a published story, shown to readers under the story."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return self.note[:80]


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


# Every admin save keeps a revision of the story with its linked credits, sources and quotes.
reversion.register(ArticleCredit)
reversion.register(ArticleSource)
reversion.register(Quote)
reversion.register(Article, follow=["article_credits", "source_links", "quotes"])

# Story imports and their credit suggestions live in their own module; importing it here registers them.
from .import_models import CreditSuggestion, RelationshipSuggestion, SourceSuggestion, StoryImport  # noqa: E402,F401  (story import, issue 5)
