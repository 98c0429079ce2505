"""The story itself, and the reads every surface shares: public(), scheduled(), owned_by(), about_person()..."""

from functools import lru_cache

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from core.models import Timestamped
from core.validators import complete_image
from films.models import Film
from people.models import Person

from .parts import ArticleCredit
from .taxonomy import Section, Source, Tag


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


def _one_level_out(value):
    """A reference to an outer query, seen from one subquery deeper (the Exists() the about_* methods add)."""
    return OuterRef(value) if isinstance(value, OuterRef) else value


def public_condition(*, at=None, through=""):
    """The condition behind ArticleQuerySet.public(), for a query that reaches stories through a relation
    (through="article"): one flat subquery instead of one nested in another, which the ORM builds far faster."""
    at = at or timezone.now()
    path = f"{through}__" if through else ""
    return Q(**{f"{path}state": Article.State.PUBLISHED, f"{path}publish_at__lte": at}) & (
        Q(**{f"{path}expire_at__isnull": True}) | Q(**{f"{path}expire_at__gt": at})
    )


class ArticleQuerySet(models.QuerySet):
    def public(self, *, at=None):
        """The one definition of what a reader may see: published, past publish_at, not expired."""
        return self.filter(public_condition(at=at))

    def scheduled(self, *, at=None):
        """Published, with the publication time still ahead: the one definition of "scheduled"."""
        return self.filter(state=Article.State.PUBLISHED, publish_at__gt=at or timezone.now())

    def next_visibility_change(self, *, at=None):
        """When a scheduled story next goes public or a public one expires; None if nothing is pending."""
        at = at or timezone.now()
        upcoming = self.aggregate(
            publish=Min("publish_at", filter=Q(pk__in=self.scheduled(at=at).values("pk"))),
            expire=Min("expire_at", filter=Q(state=Article.State.PUBLISHED, expire_at__gt=at)),
        )
        times = [t for t in upcoming.values() if t is not None]
        return min(times) if times else None

    def owned_by(self, user):
        """A reporter's own stories: the one definition of "mine" (they created it or are in its byline)."""
        bylined = Article.authors.through.objects.filter(user=user).values("article")
        return self.filter(Q(created_by=user) | Q(pk__in=bylined))

    def for_staff(self, user):
        """The stories a staff member works with in the admin: every story for an editor, their own for a reporter;
        a reviewer (Legal…) also those in review in the sections whose review steps their group signs off."""
        if user.has_perm("articles.can_edit_any"):
            return self
        reviewing = Article.objects.filter(state=Article.State.IN_REVIEW, section__review_steps__group__user=user)
        return self.owned_by(user) | self.filter(pk__in=reviewing.values("pk"))

    def about_person(self, person):
        """Stories that credit or link the person (one row per story); person may be OuterRef("pk") in a subquery."""
        person = _one_level_out(person)
        through_credit = ArticleCredit.objects.filter(article=OuterRef("pk"), credit__person=person)
        direct = Article.linked_people.through.objects.filter(article=OuterRef("pk"), person=person)
        return self.filter(Exists(through_credit) | Exists(direct))

    def about_title(self, film):
        """Stories that credit or link the title (one row per story); film may be OuterRef("pk") in a subquery."""
        film = _one_level_out(film)
        through_credit = ArticleCredit.objects.filter(article=OuterRef("pk"), credit__film=film)
        direct = Article.linked_films.through.objects.filter(article=OuterRef("pk"), film=film)
        return self.filter(Exists(through_credit) | Exists(direct))

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# Every admin save keeps a revision of the story with its linked credits, sources and quotes.
@reversion.register(follow=["article_credits", "source_links", "quotes"])
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
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        validators=[complete_image],
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Which version of the renditions exists (core.images.VERSION; 0: not made yet, pages show the original).
    lead_image_renditions = models.PositiveSmallIntegerField(default=0, editable=False)
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

    # When readers may see the story: a save that moves none of these changes no person's, title's or credit's
    # visibility, so the connections graph and the pages drawn from it (person pages) stay as they are.
    VISIBILITY_FIELDS = ("state", "publish_at", "expire_at")

    @classmethod
    def from_db(cls, db, field_names, values):
        story = super().from_db(db, field_names, values)
        story._loaded_visibility = story._visibility()
        return story

    def _visibility(self):
        # From __dict__: a deferred field must not cost a query (it counts as moved if it is set later).
        return tuple(self.__dict__.get(name, models.DEFERRED) for name in self.VISIBILITY_FIELDS)

    def visibility_moved(self, update_fields=None):
        """Whether the save under way may change what readers can see: a new story, or its state or times moved
        (and are among update_fields, when the save names them)."""
        if update_fields is not None and not set(self.VISIBILITY_FIELDS) & set(update_fields):
            return False
        loaded = getattr(self, "_loaded_visibility", None)
        return loaded is None or loaded != self._visibility()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # its post_save receivers compare with the values as read
        self._loaded_visibility = self._visibility()

    @property
    def local_publish_date(self):
        return timezone.localdate(self.publish_at or self.created_at or timezone.now())

    def get_absolute_url(self):
        return story_url(self.local_publish_date, self.slug)

    def get_preview_url(self):
        """Where staff who may see the story read it as readers will (the reader's site serves it)."""
        return reverse("articles:staff-preview", kwargs={"pk": self.pk})

    def lacks_alt_text(self):
        """Alt text describes an image; a story without a lead image has nothing to describe."""
        return bool(self.lead_image) and not self.lead_image_alt.strip()

    def clean(self):
        super().clean()
        if self.lacks_alt_text():
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
