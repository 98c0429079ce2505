"""The queue: failed tasks come back later (a bounded number of times) and editors see why; a real worker process
runs tasks; the task of a worker that dies mid-run is run by another."""

import os
import signal
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import jobs, tasks
from core.models import Job, WorkerBeat
from core.workers import requeue_abandoned

from . import support
from .conftest import wait_for


def due_now():
    """Let time pass until the retries are due."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now() - timedelta(seconds=1))


def test_a_failed_task_is_retried_later_with_backoff_and_editors_see_why(run_queue):
    support.ATTEMPTS.clear()
    job = jobs.start(kind="test", title="Flaky")
    tasks.enqueue(support.fails_twice, job_id=job.pk)

    run_queue()
    job.refresh_from_db()
    assert job.state == Job.State.RETRYING
    assert job.error == "ConnectionError: the mail server is away"
    [retry] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert timedelta(seconds=8) < retry.run_after - timezone.now() <= timedelta(seconds=10)
    run_queue()  # not due yet: nothing runs
    assert support.ATTEMPTS == [job.pk]

    due_now()
    run_queue()
    [retry] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert timedelta(seconds=18) < retry.run_after - timezone.now() <= timedelta(seconds=20)  # backoff doubles

    due_now()
    run_queue()
    job.refresh_from_db()
    assert (job.state, job.error, job.attempts, job.report) == (Job.State.DONE, "", 3, {"attempts": 3})
    assert DBTaskResult.objects.failed().count() == 2  # each failed attempt kept, with its traceback
    assert "ConnectionError" in DBTaskResult.objects.failed().first().traceback


def test_retries_are_bounded(run_queue):
    job = jobs.start(kind="test", title="Broken")
    tasks.enqueue(support.always_fails, job_id=job.pk)
    run_queue()
    due_now()
    run_queue()
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.FAILED, 2)
    assert job.finished_at is not None
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_an_error_a_retry_cannot_mend_fails_at_once(run_queue):
    job = jobs.start(kind="test", title="Wrong file")
    tasks.enqueue(support.refuses_its_input, job_id=job.pk)
    run_queue()
    job.refresh_from_db()
    assert (job.state, job.error) == (Job.State.FAILED, "ValueError: not an IMDb file")
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_a_task_enqueued_in_a_transaction_that_rolls_back_never_runs(run_queue):
    job = jobs.start(kind="test", title="Rolled back")
    try:
        with transaction.atomic():
            tasks.enqueue(support.says_where_it_ran, job_id=job.pk)
            raise RuntimeError("the save failed")
    except RuntimeError:
        pass
    assert not DBTaskResult.objects.exists()


def test_running_tasks_of_a_silent_worker_go_back_to_the_queue(database_queue):
    now = timezone.now()
    WorkerBeat.objects.create(worker_id="alive", beat_at=now)
    WorkerBeat.objects.create(worker_id="dead", beat_at=now - timedelta(minutes=5))
    job = jobs.start(kind="test", title="Orphan")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    orphan = support.says_where_it_ran.enqueue(job_id=job.pk).db_result
    busy = support.says_where_it_ran.enqueue(job_id=None).db_result
    DBTaskResult.objects.filter(pk=orphan.pk).update(status=TaskResultStatus.RUNNING, worker_ids=["dead"])
    DBTaskResult.objects.filter(pk=busy.pk).update(status=TaskResultStatus.RUNNING, worker_ids=["dead", "alive"])

    assert requeue_abandoned() == 1
    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert (orphan.status, busy.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and "stopped" in job.step


def test_a_worker_process_runs_a_queued_task(start_worker):
    start_worker()
    job = jobs.start(kind="test", title="Where")
    tasks.enqueue(support.says_where_it_ran, job_id=job.pk)
    job = wait_for(job, state=Job.State.DONE)
    assert job.report["pid"] != os.getpid()


def test_the_task_of_a_worker_killed_mid_run_is_finished_by_another(start_worker, tmp_path):
    first = start_worker(lease=2)
    job = jobs.start(kind="test", title="Interrupted")
    tasks.enqueue(support.hangs_the_first_time, job_id=job.pk, marker=str(tmp_path / "started"))
    wait_for(job, state=Job.State.RUNNING)
    os.kill(first.pid, signal.SIGKILL)  # no clean shutdown: the task stays RUNNING in the table
    first.wait()

    second = start_worker(lease=2)
    job = wait_for(job, state=Job.State.DONE, seconds=40)
    assert job.report["pid"] == second.pid
    assert job.attempts == 2
    [result] = DBTaskResult.objects.all()
    assert result.status == TaskResultStatus.SUCCESSFUL and len(result.worker_ids) == 2


def test_a_task_that_keeps_killing_its_workers_fails_instead_of_going_round(database_queue):
    job = jobs.start(kind="test", title="Too big")
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    deadly = support.says_where_it_ran.enqueue(job_id=job.pk).db_result
    DBTaskResult.objects.filter(pk=deadly.pk).update(status=TaskResultStatus.RUNNING, worker_ids=["a", "b", "c"])

    requeue_abandoned()
    deadly.refresh_from_db()
    job.refresh_from_db()
    assert deadly.status == TaskResultStatus.FAILED
    assert (job.state, job.error) == (
        Job.State.FAILED,
        "WorkerLost: the worker running it stopped 3 times (out of memory, or killed)",
    )
