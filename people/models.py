from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver

from core.hand_edits import HandEdited
from core.links import slug_url
from core.models import ImdbSlugManager, Timestamped
from core.names import name_key
from core.validators import complete_image, imdb_name_id, wikidata_id

# Whether readers may see a row is decided by articles/visibility.py; this flag is only the editor's half of it.
# The database default keeps rows the IMDb importer writes with plain SQL released too.
RELEASED_HELP = (
    "Shown to readers. Unticked, it stays off the public site until a published story links it. "
    "What a reporter adds starts unticked; imports and fixtures start ticked."
)


class Person(HandEdited, Timestamped):
    IMPORTED_FIELDS = ("name",)  # what an IMDb import keeps up to date

    name = models.CharField(max_length=200, db_index=True)
    # The name as the suggestion engine looks it up (core.names.name_key); db_default lets bulk SQL inserts
    # leave it for people.keys.fill_name_keys().
    name_key = models.CharField(max_length=200, db_index=True, editable=False, default="", db_default="")
    slug = models.SlugField(max_length=200, unique=True)
    birth_date = models.DateField(null=True, blank=True)
    bio = models.TextField("short bio", blank=True)
    headshot = models.ImageField(
        upload_to="people/",
        blank=True,
        width_field="headshot_width",
        height_field="headshot_height",
        validators=[complete_image],
    )
    headshot_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    headshot_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Which version of the renditions exists (core.images.VERSION; 0: not made yet, pages show the original).
    headshot_renditions = models.PositiveSmallIntegerField(default=0, editable=False)
    headshot_credit = models.CharField(max_length=200, blank=True)
    headshot_alt = models.CharField("headshot alt text", max_length=300, blank=True)
    imdb_id = models.CharField("IMDb id", max_length=12, blank=True, validators=[imdb_name_id])
    wikidata_id = models.CharField("Wikidata id", max_length=16, blank=True, validators=[wikidata_id])
    is_released = models.BooleanField("released", default=True, db_default=True, help_text=RELEASED_HELP)

    objects = ImdbSlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        permissions = [("release_person", "Can release people to the public site")]
        # The admin's "not released" list: few rows, found without scanning every person.
        indexes = [models.Index(fields=["id"], condition=Q(is_released=False), name="person_unreleased")]
        constraints = [
            models.UniqueConstraint(fields=["imdb_id"], condition=~Q(imdb_id=""), name="person_unique_imdb_id"),
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~Q(wikidata_id=""), name="person_unique_wikidata_id"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        if (fields := kwargs.get("update_fields")) is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "name_key"}
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug, self.imdb_id) if self.imdb_id else (self.slug,)

    def get_absolute_url(self):
        return slug_url("people:detail", self.slug)

    @property
    def same_as(self):
        """Authority links for schema.org sameAs."""
        links = []
        if self.imdb_id:
            links.append(f"https://www.imdb.com/name/{self.imdb_id}/")
        if self.wikidata_id:
            links.append(f"https://www.wikidata.org/wiki/{self.wikidata_id}")
        return links


class RelationshipQuerySet(models.QuerySet):
    def involving(self, person):
        return self.filter(Q(person=person) | Q(other=person))

    def get_by_natural_key(self, person_slug, other_slug, kind):
        return self.get(person__slug=person_slug, other__slug=other_slug, kind=kind)


class Relationship(models.Model):
    """A tie between two people, stored once and read from either side."""

    class Kind(models.TextChoices):
        SPOUSE = "spouse", "spouse"
        PARTNER = "partner", "partner"
        FORMER_SPOUSE = "former_spouse", "former spouse"
        SIBLING = "sibling", "sibling"
        PARENT = "parent", "parent"  # person is the parent of other

    class Precision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_as_other")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    since = models.DateField(null=True, blank=True)
    since_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY, help_text="How much of the date is known."
    )
    until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["since"]
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "kind"], name="relationship_unique"),
            models.CheckConstraint(condition=~Q(person=models.F("other")), name="relationship_two_people"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="relationship_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.person} and {self.other} ({self.get_kind_display()})"

    def natural_key(self):
        return (self.person.slug, self.other.slug, self.kind)

    natural_key.dependencies = ["people.person"]

    def partner_of(self, person):
        return self.other if person.pk == self.person_id else self.person

    @property
    def since_display(self):
        formats = {"year": "%Y", "month": "%B %Y", "day": "%B %-d, %Y"}
        return self.since.strftime(formats[self.since_precision]) if self.since else ""


@receiver(pre_save, sender=Person)
def _key_fixture_rows(sender, instance, raw, **kwargs):
    """loaddata saves raw, past save(): key those rows here too."""
    if raw:
        instance.name_key = name_key(instance.name)
