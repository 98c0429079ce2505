import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database_queue(settings, transactional_db):
    """The production queue (tasks are rows in the test database) instead of the suite's in-process one."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def run_queue(database_queue):
    """Run every task that is due, in this process, as a worker would."""

    def run():
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()

    return run


def database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    login = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(database_queue):
    """Start `manage.py db_worker` processes on the test database; each is killed at the end of the test."""
    started = []

    def start(*, lease=60):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "database",
            "TASK_WORKER_LEASE_SECONDS": str(lease),
        }
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.kill()
        process.wait()


def wait_for(job, *, state, seconds=30):
    """The job's row once it reaches state (fails the test after seconds)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state == state:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job.pk} still {job.state} after {seconds} s (step: {job.step!r}, error: {job.error!r})")
