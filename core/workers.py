"""Nothing is lost when a worker dies mid-task: a lease kept alive by a heartbeat.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so a worker killed
mid-task (a machine lost, an out-of-memory kill, a deploy that does not wait) would leave it RUNNING for ever. Each
worker therefore beats (a WorkerBeat row) every lease/4 seconds from a thread beside its task loop; any worker, at
start and with every beat, puts back in the queue the running tasks whose worker has not beaten for a whole lease.
A task can so run twice (its worker was only cut off from the database for a lease): tasks are written to be
repeatable (renditions skip what exists, imports resume from their checkpoint, a rebuild is whole).
"""

import hashlib
import logging
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import jobs
from .models import WorkerBeat

logger = logging.getLogger(__name__)

# A task whose worker died under it this many times is taken to be what kills them (memory, a crash in C code):
# it fails, for an editor to see, instead of taking down every worker in turn.
MAX_WORKERS_LOST = 3


def machine_queue(host=None):
    """The queue only this machine's worker reads, for work on its own disk (the connections graph's arrays)."""
    host = host or socket.gethostname()
    return "machine-" + hashlib.sha1(host.encode()).hexdigest()[:16]


def live_machines():
    """Hosts with a worker heard from within a lease."""
    beats = WorkerBeat.objects.filter(beat_at__gte=timezone.now() - lease())
    return sorted(set(beats.values_list("host", flat=True)))


def lease():
    return timedelta(seconds=settings.TASK_WORKER_LEASE_SECONDS)


def beat(worker_id):
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id, defaults={"beat_at": timezone.now(), "host": socket.gethostname()}
    )


def requeue_abandoned():
    """Running tasks whose worker has been silent for a lease go back to the queue; returns how many."""
    now = timezone.now()
    alive = set(WorkerBeat.objects.filter(beat_at__gte=now - lease()).values_list("worker_id", flat=True))
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        abandoned = [
            task for task in running.only("id", "worker_ids", "args_kwargs") if not alive & set(task.worker_ids[-1:])
        ]
        if not abandoned:
            return 0
        deadly = [task for task in abandoned if len(task.worker_ids) >= MAX_WORKERS_LOST]
        again = [task for task in abandoned if task not in deadly]
        DBTaskResult.objects.filter(pk__in=[task.pk for task in again]).update(
            status=TaskResultStatus.READY, started_at=None
        )
        jobs.requeued([task.args_kwargs["kwargs"].get("job_id") for task in again])
        if deadly:
            _give_up(deadly, now=now)
    WorkerBeat.objects.filter(beat_at__lt=now - 10 * lease()).delete()  # workers long gone
    logger.warning("Requeued %d task(s) abandoned by a worker that stopped", len(abandoned))
    return len(abandoned)


def _give_up(tasks, *, now):
    message = f"WorkerLost: the worker running it stopped {MAX_WORKERS_LOST} times (out of memory, or killed)"
    DBTaskResult.objects.filter(pk__in=[task.pk for task in tasks]).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="core.workers.WorkerLost",
        traceback=message,
    )
    for task in tasks:
        if job_id := task.args_kwargs["kwargs"].get("job_id"):
            jobs.fail(job_id, WorkerLost(message.removeprefix("WorkerLost: ")), again=False)


class WorkerLost(Exception):
    """Recorded on a task whose workers kept dying under it."""


class Heartbeat(threading.Thread):
    """Beats for worker_id and requeues abandoned tasks until stopped (a daemon: it dies with its worker)."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        while True:
            try:
                close_old_connections()
                beat(self.worker_id)
                requeue_abandoned()
            except Exception:  # a database that is away for a moment: beat again next time
                logger.exception("Worker %s could not beat", self.worker_id)
            finally:
                connection.close()  # this thread's own connection
            if self.stopped.wait(lease().total_seconds() / 4):
                return

    def stop(self):
        self.stopped.set()
        WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
