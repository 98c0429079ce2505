"""Pieces shared by every app's models."""

from django.db import models
from django.utils import timezone

from .bulk_writes import BulkWriteQuerySet


class SlugQuerySet(BulkWriteQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugManager(models.Manager.from_queryset(SlugQuerySet)):
    """Manager for models whose natural key is their slug (fixtures merge on it)."""


class ImdbSlugQuerySet(SlugQuerySet):
    def get_by_natural_key(self, slug, imdb_id=""):
        """The IMDb id first, when the key carries one: another newsroom may know the same person by another slug."""
        if imdb_id:
            found = self.filter(imdb_id=imdb_id).first()
            if found is not None:
                return found
            return self.get(slug=slug, imdb_id="")  # a slug held under another IMDb id is someone else
        return self.get(slug=slug)


class ImdbSlugManager(models.Manager.from_queryset(ImdbSlugQuerySet)):
    """For people and titles: natural key (slug, IMDb id), fixtures merge on either."""


class Timestamped(models.Model):
    """created_at/updated_at set by save(), so fixtures keep the times they carry (loaddata skips save())."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)
