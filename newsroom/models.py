"""Pieces shared by every app's models."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone


@lru_cache(maxsize=20_000)
def slug_url(viewname, slug):
    """reverse() for pages addressed by a slug, memoised: a story page asks for the same few dozen addresses,
    and each reverse() costs about 20 µs."""
    return reverse(viewname, kwargs={"slug": slug})


@receiver(setting_changed)
def _forget_urls(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        slug_url.cache_clear()


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugManager(models.Manager.from_queryset(SlugQuerySet)):
    """Manager for models whose natural key is their slug (fixtures merge on it)."""


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
