"""Pieces shared by every app's models."""

from django.conf import settings
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


class Job(models.Model):
    """Background work an editor started or waits on (an IMDb import, a story import's parsing, a graph rebuild):
    its state, progress and report, written by the task as it runs, read by the admin screens that poll it."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        RETRYING = "retrying", "Failed, will be retried"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40, db_index=True)
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.BigIntegerField(default=0, help_text="Units of work done (bytes read, rows parsed…).")
    total = models.BigIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True, help_text="What the task is doing now.")
    counts = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    inputs = models.JSONField(default=dict, blank=True, help_text="Stored file names and options the task reads.")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="core_job_newest")]
        verbose_name = "background job"

    def __str__(self):
        return self.title

    @property
    def percent(self):
        if self.state == self.State.DONE:
            return 100
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)


class WorkerBeat(models.Model):
    """The last time each task worker (`manage.py db_worker`) said it is alive (core/workers.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=200, blank=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} on {self.host}"
