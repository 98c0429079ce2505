"""How the newsroom files its stories: sections, tags, and the publications and agencies stories cite."""

from django.db import models

from core.links import slug_url
from core.models import SlugManager


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
