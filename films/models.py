from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import pre_save
from django.dispatch import receiver

from core.bulk_writes import BulkWriteQuerySet
from core.hand_edits import HandEdited
from core.links import slug_url
from core.models import ImdbSlugManager, Job, Timestamped
from core.names import title_key
from core.validators import complete_image, imdb_title_id, wikidata_id
from people.models import RELEASED_HELP, Person


class Film(HandEdited, Timestamped):
    """A film or a TV series ("title" in newsroom speak)."""

    IMPORTED_FIELDS = ("title", "kind", "year", "end_year", "release_status")  # what an IMDb import keeps up to date

    class Kind(models.TextChoices):
        # Keys are IMDb's titleType values, so imports map one to one.
        MOVIE = "movie", "film"
        TV_SERIES = "tvSeries", "TV series"
        TV_MINI_SERIES = "tvMiniSeries", "TV miniseries"
        TV_MOVIE = "tvMovie", "TV film"
        TV_SPECIAL = "tvSpecial", "TV special"
        SHORT = "short", "short film"
        TV_SHORT = "tvShort", "TV short"
        VIDEO = "video", "video"

    class Status(models.TextChoices):
        ANNOUNCED = "announced", "announced"
        PRE_PRODUCTION = "pre_production", "in pre-production"
        IN_PRODUCTION = "in_production", "in production"
        POST_PRODUCTION = "post_production", "in post-production"
        RELEASED = "released", "released"
        CANCELLED = "cancelled", "cancelled"

    title = models.CharField(max_length=300, db_index=True)
    # The title as the suggestion engine looks it up (core.names.title_key); db_default lets bulk SQL inserts
    # leave it for films.keys.fill_title_keys().
    title_key = models.CharField(max_length=300, db_index=True, editable=False, default="", db_default="")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.MOVIE, db_index=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, db_index=True, help_text="Release or first-air year."
    )
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Last year on air, for series.")
    release_status = models.CharField(max_length=20, choices=Status.choices, default=Status.RELEASED, db_index=True)
    synopsis = models.TextField(blank=True)
    network = models.CharField("network or studio", max_length=200, blank=True)
    poster = models.ImageField(
        upload_to="films/",
        blank=True,
        width_field="poster_width",
        height_field="poster_height",
        validators=[complete_image],
    )
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Which version of the renditions exists (core.images.VERSION; 0: not made yet, pages show the original).
    poster_renditions = models.PositiveSmallIntegerField(default=0, editable=False)
    poster_credit = models.CharField(max_length=200, blank=True)
    poster_alt = models.CharField("poster alt text", max_length=300, blank=True)
    imdb_id = models.CharField("IMDb id", max_length=12, blank=True, validators=[imdb_title_id])
    wikidata_id = models.CharField("Wikidata id", max_length=16, blank=True, validators=[wikidata_id])
    is_released = models.BooleanField("released", default=True, db_default=True, help_text=RELEASED_HELP)

    objects = ImdbSlugManager()

    class Meta:
        ordering = ["title", "year"]
        verbose_name = "title"
        permissions = [("release_film", "Can release titles to the public site")]
        indexes = [
            # Story import finds titles in any letter case among every title on file.
            models.Index(Lower("title"), name="film_title_lower"),
            models.Index(fields=["id"], condition=Q(is_released=False), name="film_unreleased"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["imdb_id"], condition=~Q(imdb_id=""), name="film_unique_imdb_id"),
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~Q(wikidata_id=""), name="film_unique_wikidata_id"
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(year__isnull=True) | Q(end_year__gte=models.F("year")),
                name="film_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs):
        self.title_key = title_key(self.title)
        if (fields := kwargs.get("update_fields")) is not None and "title" in fields:
            kwargs["update_fields"] = {*fields, "title_key"}
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug, self.imdb_id) if self.imdb_id else (self.slug,)

    def get_absolute_url(self):
        return slug_url("films:detail", self.slug)

    @property
    def is_series(self):
        return self.kind in {self.Kind.TV_SERIES, self.Kind.TV_MINI_SERIES}

    @property
    def years_display(self):
        if not self.year:
            return self.get_release_status_display() if self.release_status != self.Status.RELEASED else ""
        if self.is_series and self.end_year and self.end_year != self.year:
            return f"{self.year}–{self.end_year}"
        return str(self.year)

    @property
    def same_as(self):
        links = []
        if self.imdb_id:
            links.append(f"https://www.imdb.com/title/{self.imdb_id}/")
        if self.wikidata_id:
            links.append(f"https://www.wikidata.org/wiki/{self.wikidata_id}")
        return links


class CreditQuerySet(BulkWriteQuerySet):
    def get_by_natural_key(self, film_slug, person_slug, role, character):
        return self.get(film__slug=film_slug, person__slug=person_slug, role=role, character=character)


class Credit(models.Model):
    """One person's work on one title: person x title x role x character, in billing order."""

    class Role(models.TextChoices):
        # IMDb principals categories, plus creator.
        ACTOR = "actor", "actor"
        ACTRESS = "actress", "actress"
        SELF = "self", "self"
        DIRECTOR = "director", "director"
        WRITER = "writer", "writer"
        CREATOR = "creator", "creator"
        PRODUCER = "producer", "producer"
        COMPOSER = "composer", "composer"
        CINEMATOGRAPHER = "cinematographer", "cinematographer"
        EDITOR = "editor", "editor"
        PRODUCTION_DESIGNER = "production_designer", "production designer"
        CASTING_DIRECTOR = "casting_director", "casting director"
        ARCHIVE_FOOTAGE = "archive_footage", "archive footage"
        ARCHIVE_SOUND = "archive_sound", "archive sound"

    ACTING_ROLES = (Role.ACTOR, Role.ACTRESS)  # the roles that play a character
    CAST_ROLES = (*ACTING_ROLES, Role.SELF, Role.ARCHIVE_FOOTAGE, Role.ARCHIVE_SOUND)

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits", verbose_name="title")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.ACTOR)
    character = models.CharField(max_length=300, blank=True, help_text="For cast: the character's name.")
    billing = models.PositiveIntegerField(default=0, help_text="Billing order on the title; lower comes first.")
    is_released = models.BooleanField("released", default=True, db_default=True, help_text=RELEASED_HELP)

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["film_id", "billing", "id"]  # by column, not by the title's own ordering (no join)
        permissions = [("release_credit", "Can release credits to the public site")]
        constraints = [
            models.UniqueConstraint(fields=["film", "person", "role", "character"], name="credit_unique"),
        ]
        indexes = [
            models.Index(fields=["film", "billing"], name="credit_film_billing"),
            models.Index(fields=["person", "role"], name="credit_person_role"),
            # Story suggestions: the credits of the people a sentence names on titles it names.
            models.Index(fields=["person", "film"], name="credit_person_film"),
            models.Index(fields=["role"], name="credit_role"),
            models.Index(fields=["character"], name="credit_character"),
            models.Index(fields=["id"], condition=Q(is_released=False), name="credit_unreleased"),
        ]

    def __str__(self):
        if self.role in self.ACTING_ROLES:
            as_character = f" as {self.character}" if self.character else ""
            return f"{self.person.name}{as_character} in {self.film}"
        return f"{self.person.name}, {self.get_role_display()} of {self.film}"

    def natural_key(self):
        return (self.film.slug, self.person.slug, self.role, self.character)

    natural_key.dependencies = ["films.film", "people.person"]

    @property
    def is_cast(self):
        return self.role in self.CAST_ROLES


class ImportCheckpoint(Timestamped):
    """How far an IMDb dataset import got through one file, so an interrupted import resumes there."""

    dataset = models.CharField(max_length=20)
    file_name = models.CharField(max_length=255)
    file_size = models.BigIntegerField()
    file_mtime = models.BigIntegerField(help_text="Modification time, seconds since the epoch.")
    options = models.CharField(max_length=500, blank=True, help_text="The filters the import ran with.")
    lines_done = models.PositiveBigIntegerField(default=0, help_text="Lines of the file already written.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "file_name", "file_size", "file_mtime", "options"], name="import_checkpoint_unique"
            )
        ]

    def __str__(self):
        state = "finished" if self.finished_at else f"{self.lines_done:,} lines in"
        return f"{self.file_name} ({state})"


@receiver(pre_save, sender=Film)
def _key_fixture_rows(sender, instance, raw, **kwargs):
    """loaddata saves raw, past save(): key those rows here too."""
    if raw:
        instance.title_key = title_key(instance.title)


class ImdbImport(Job):
    """An IMDb import started from the admin (upload the files, watch progress, read the report): a background job.
    Its own permissions say who may start one (add) or see them (view)."""

    KIND = "imdb_import"

    class Meta:
        proxy = True
        verbose_name = "IMDb import"
