"""A background job's row (core.Job) as its task runs: begun, progress, finished or failed.

Progress is written with UPDATE … WHERE id, no save() and so no signals: a poll of the job screen every second
must not touch the page cache or revisions. Writes are spaced (PROGRESS_EVERY) so a fast loop costs nothing.
"""

import time

from django.utils import timezone

from .models import Job

PROGRESS_EVERY = 0.5  # seconds between two progress writes of one job
MAX_ERROR = 4000  # characters of an error kept on the row (the whole traceback stays in the queue's table)


def start(*, kind, title, by=None, inputs=None):
    """A new job row, waiting for its task (enqueue it with job_id=job.pk)."""
    return Job.objects.create(kind=kind, title=title, started_by=by, inputs=inputs or {})


def begin(job_id):
    job = Job.objects.get(pk=job_id)
    job.state, job.attempts, job.error = Job.State.RUNNING, job.attempts + 1, ""
    job.updated_at = timezone.now()
    job.save(update_fields=["state", "attempts", "error", "updated_at"])
    return Progress(job)


def finish(job_id, *, report=None):
    now = timezone.now()
    changes = {"state": Job.State.DONE, "updated_at": now, "finished_at": now, "step": ""}
    if isinstance(report, dict):
        changes["report"] = report
    Job.objects.filter(pk=job_id).update(**changes)


def fail(job_id, error, *, again):
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:MAX_ERROR]
    state = Job.State.RETRYING if again else Job.State.FAILED
    Job.objects.filter(pk=job_id).update(state=state, error=message, updated_at=now, finished_at=None if again else now)


def requeued(job_ids):
    """Jobs whose task went back to the queue because its worker stopped answering."""
    Job.objects.filter(pk__in=job_ids, state=Job.State.RUNNING).update(
        state=Job.State.QUEUED, step="The worker running it stopped; waiting for another", updated_at=timezone.now()
    )


class Progress:
    """Handed to a task as job=: it reports how far it is, what it is doing and running counts."""

    def __init__(self, job):
        self.job = job
        self.last = 0.0

    @property
    def pk(self):
        return self.job.pk

    @property
    def inputs(self):
        return self.job.inputs

    def update(self, *, done=None, total=None, step=None, counts=None, force=False):
        for name, value in (("done", done), ("total", total), ("step", step), ("counts", counts)):
            if value is not None:
                setattr(self.job, name, value)
        now = time.monotonic()
        if not force and now - self.last < PROGRESS_EVERY:
            return
        self.last = now
        Job.objects.filter(pk=self.job.pk).update(
            done=self.job.done,
            total=self.job.total,
            step=self.job.step[:200],
            counts=self.job.counts,
            updated_at=timezone.now(),
        )
