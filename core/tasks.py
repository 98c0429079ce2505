"""Background tasks on Django's task API (the django-tasks backport of Django 6's django.tasks).

Each app keeps its own tasks in its tasks.py, declared with @background; this module adds what the library leaves
out. Retries: a task that raises is enqueued again, a bounded number of times, later each time (the failed attempt
stays in the queue's table with its traceback). Jobs: a task given job_id= reports its state on that core.Job row, which
the admin screens show. Enqueueing: on the database backend a task row is written in the caller's transaction, so it
commits with the data it works on, or not at all; on other backends (the tests' immediate one) it waits for the commit.
A worker that dies mid-task: see core/workers.py.
"""

import functools
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from . import jobs

logger = logging.getLogger(__name__)

RETRIES = 3
BACKOFF_SECONDS = 30  # then 60, 120: a mail server or a storage bucket that is down has time to come back


def background(func=None, *, retries=RETRIES, backoff=BACKOFF_SECONDS, give_up_on=(), priority=0):
    """Make func a task that is retried `retries` times (after backoff, doubled each time) unless it raises one of
    give_up_on (errors a second attempt cannot mend, such as a file in the wrong format)."""

    def wrap(func):
        @functools.wraps(func)
        def attempt(*args, attempt=1, job_id=None, on_queue=None, **kwargs):
            if job_id is not None:
                kwargs["job"] = jobs.begin(job_id)
            try:
                value = func(*args, **kwargs)
            except Exception as error:
                again = attempt <= retries and not isinstance(error, give_up_on)
                if job_id is not None:
                    jobs.fail(job_id, error, again=again)
                if again:
                    logger.warning("%s failed (attempt %d), retrying: %s", func.__qualname__, attempt, error)
                    again_on = the_task.using(queue_name=on_queue) if on_queue else the_task
                    _retry(again_on, args, kwargs, attempt=attempt, job_id=job_id, on_queue=on_queue, backoff=backoff)
                raise
            if job_id is not None:
                jobs.finish(job_id, report=value)
            return value

        the_task = task(priority=priority)(attempt)
        return the_task

    return wrap(func) if func else wrap


def _retry(the_task, args, kwargs, *, attempt, job_id, on_queue, backoff):
    kwargs = {key: value for key, value in kwargs.items() if key != "job"}
    if job_id is not None:
        kwargs["job_id"] = job_id
    if on_queue is not None:
        kwargs["on_queue"] = on_queue
    if the_task.get_backend().supports_defer:
        the_task = the_task.using(run_after=timezone.now() + timedelta(seconds=backoff * 2 ** (attempt - 1)))
    the_task.enqueue(*args, attempt=attempt + 1, **kwargs)


def enqueue(the_task, *args, **kwargs):
    """Queue the_task with the current transaction: it runs only if, and once, that transaction commits."""
    if _transactional(the_task):
        return the_task.enqueue(*args, **kwargs)
    transaction.on_commit(functools.partial(the_task.enqueue, *args, **kwargs))
    return None


def enqueue_on_every_machine(the_task, *, kwargs_for):
    """Queue the_task once for each machine with a live worker, on that machine's own queue, for work on its local
    disk; kwargs_for(host) gives each one's arguments. With no worker heard from yet, once on the default queue
    (kwargs_for(None)). Returns the hosts."""
    from .workers import live_machines, machine_queue

    hosts = live_machines() if _transactional(the_task) else []
    for host in hosts:
        queue = machine_queue(host)
        enqueue(the_task.using(queue_name=queue), on_queue=queue, **kwargs_for(host))
    if not hosts:
        enqueue(the_task, **kwargs_for(None))
    return hosts


def _transactional(the_task):
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[the_task.backend], DatabaseBackend)
