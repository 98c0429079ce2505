"""The production settings (DEBUG off, the environment's cache and database) plus the bare view's URL.

bench/compare.py sets the environment: a throwaway SQLite database, REDIS_URL with a key prefix of its own.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
