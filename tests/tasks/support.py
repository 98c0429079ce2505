"""Tasks the queue's tests enqueue (importable by a worker process: tasks are found by their module path)."""

import os
import time
from pathlib import Path

from core.tasks import background

ATTEMPTS = []


@background(retries=2, backoff=10)
def fails_twice(*, job):
    """Fails on its first two attempts, succeeds on the third."""
    ATTEMPTS.append(job.pk)
    if len(ATTEMPTS) <= 2:
        raise ConnectionError("the mail server is away")
    return {"attempts": len(ATTEMPTS)}


@background(retries=1, backoff=10)
def always_fails(*, job):
    raise ConnectionError("the mail server is away for good")


@background(retries=3, give_up_on=(ValueError,))
def refuses_its_input(*, job):
    raise ValueError("not an IMDb file")


@background
def says_where_it_ran(*, job):
    return {"pid": os.getpid()}


@background
def hangs_the_first_time(*, job, marker):
    """The first worker to run it stops here (and is killed by the test); the next one finishes it."""
    job.update(step="running", force=True)
    if not Path(marker).exists():
        Path(marker).write_text("started")
        time.sleep(120)
    return {"pid": os.getpid()}
