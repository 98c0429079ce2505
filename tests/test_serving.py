"""A worker started from the production entry points runs the garbage collector as core/serving.py sets it up:
start-up's objects frozen out of every collection, the youngest generation collected every 50,000 allocations."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.serving import MIDDLE, YOUNGEST

ROOT = Path(__file__).resolve().parent.parent
REPORT = "import gc, json; print(json.dumps([gc.get_freeze_count(), gc.get_threshold()]))"


@pytest.mark.parametrize("entry", ["newsroom.wsgi", "newsroom.asgi"])
def test_a_worker_freezes_start_up_and_collects_the_youngest_less_often(entry):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings_test"}
    before = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {REPORT}"], env=env, cwd=ROOT,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    after = subprocess.run(
        [sys.executable, "-c", f"import {entry}; {REPORT}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    frozen_before, threshold_before = json.loads(before.stdout.splitlines()[-1])
    frozen, threshold = json.loads(after.stdout.splitlines()[-1])
    assert (frozen_before, threshold_before[:2]) == (0, [700, 10]), "Python's defaults until the entry point loads"
    assert frozen > 50_000, "modules, classes and the URLconf are out of the collector's way"
    assert threshold[:2] == [YOUNGEST, MIDDLE]
    urlconf = subprocess.run(
        [sys.executable, "-c", f"import sys, {entry}; print('newsroom.urls' in sys.modules)"], env=env, cwd=ROOT,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert urlconf.stdout.split()[-1] == "True", "the URLconf is loaded before the freeze"
