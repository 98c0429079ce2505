"""Settings for the test suite: production settings with a throwaway key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-not-a-secret-0123456789abcdefghijklmnop")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CONNECTIONS_DIR = BASE_DIR / ".test-graph"  # noqa: F405  (none built: each test's graph is read from its database)
PAGE_CACHE_SECONDS = 0  # tests that exercise the page cache turn it on themselves
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared memory: concurrent-save tests need SQLite to wait for a held lock, as it does in use.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405

# A second Newsroom database, for the story-bundle tests: export from one, loaddata into the other.
DATABASES["bundle_target"] = {**DATABASES["default"], "TEST": {}}  # noqa: F405
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["bundle_target"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_bundle_target"}  # noqa: F405

# Tasks run in process, when the transaction that enqueued them commits; tests of the queue itself switch to the
# database backend and run a worker (tests/tasks/).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
if os.environ.get("TASKS_BACKEND") == "database":  # a real worker process started by a test (tests/tasks/)
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
