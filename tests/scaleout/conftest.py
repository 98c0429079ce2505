"""Two real app servers, as production runs them: gunicorn with production settings, one PostgreSQL database (the
suite's test database) and one Redis, each server on its own "machine" (its own connections-graph directory).

The servers start once for the module and are killed with their whole process group when it ends, whatever
happened; each test gets fresh data (the seed story, an editor, a graph built on both machines) and an empty
cache.
"""

import ctypes
import itertools
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection

from tests.conftest import free_port

from .client import Client

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/4"
STARTUP_SECONDS = 30
API_RATE_LIMIT = 30  # per client address and minute, on the servers: low enough to reach in a test
WORKERS = 2  # per server: several processes per server too, as in production


@dataclass(frozen=True)
class Server:
    url: str
    graph_dir: Path
    process: subprocess.Popen
    log: Path


@dataclass(frozen=True)
class TwoServers:
    a: Server
    b: Server
    cache_prefix: str

    def __iter__(self):
        return iter((self.a, self.b))


def _die_with_the_suite():
    """In the server's master process: a pytest killed outright (SIGKILL, a CI timeout) takes its servers along."""
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux's C library: the fixture's own teardown still stops the servers
        pass


def _database_url():
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _production_env(**extra):
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def _collect_static(root):
    """Production settings serve static files from collectstatic's manifest, as `make serve` prepares them."""
    env = _production_env(SECRET_KEY="collectstatic-only", DATABASE_URL="sqlite:///:memory:", STATIC_ROOT=str(root))
    return subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip


def _start(name, *, env, tmp):
    port = free_port()
    log = tmp / f"{name}.log"
    graph_dir = tmp / f"graph-{name}"
    command = [
        sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(WORKERS), "--graceful-timeout", "2",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**env, "CONNECTIONS_DIR": str(graph_dir)}, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=_die_with_the_suite,
        )  # fmt: skip
    return Server(url=f"http://127.0.0.1:{port}", graph_dir=graph_dir, process=process, log=log)


def _wait_until_answering(server):
    probe = Client(address="192.0.2.1")
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            if probe.get(server.url, "/robots.txt").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn at {server.url} did not answer:\n{server.log.read_text()[-3000:]}")


def _stop(server):
    """The whole process group (gunicorn's master and its workers), politely, then not."""
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=5)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


@pytest.fixture(scope="module")
def two_servers(django_db_setup, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("two-servers")
    cache_prefix = f"two-servers-{uuid.uuid4().hex}"
    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(50),  # one key for both, as a deployment shares it: sessions, signing
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=_database_url(),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=cache_prefix,
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PROXY_COUNT="1",  # the test speaks as the load balancer: X-Forwarded-For names the reader
        API_RATE_LIMIT=str(API_RATE_LIMIT),
        LOG_LEVEL="ERROR",
    )
    servers = []
    collecting = _collect_static(tmp / "static")  # while the servers start: they read the manifest on first use
    try:
        for name in ("a", "b"):
            servers.append(_start(name, env=env, tmp=tmp))
        assert collecting.wait(timeout=120) == 0, collecting.stderr.read().decode()
        for server in servers:
            _wait_until_answering(server)
        yield TwoServers(a=servers[0], b=servers[1], cache_prefix=cache_prefix)
    finally:
        collecting.kill()
        collecting.wait()
        for server in servers:
            _stop(server)
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(match=f"{cache_prefix}:*"):
            store.delete(key)


def _workers(server):
    pid = server.process.pid
    return set(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def _fresh_workers(servers):
    """gunicorn replaces its workers on SIGHUP. Between tests the database is flushed, which renumbers the content
    types the old workers cached (the next admin save would log against a missing one): production never does that."""
    old = [_workers(server) for server in servers]
    for server in servers:
        os.kill(server.process.pid, signal.SIGHUP)
    deadline = time.monotonic() + STARTUP_SECONDS
    for server, before in zip(servers, old, strict=True):
        while time.monotonic() < deadline:
            now = _workers(server)
            if len(now) >= WORKERS and not now & before:
                break
            time.sleep(0.05)
        _wait_until_answering(server)


@pytest.fixture
def shared_state(transactional_db, settings, two_servers):
    """This process commits to the servers' database and reads and writes their cache, as a third app server or a
    worker would; the servers start the test with new workers."""
    _fresh_workers(two_servers)
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": two_servers.cache_prefix,
        }
    }
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(match=f"{two_servers.cache_prefix}:*"):  # the previous test's pages and graph
        store.delete(key)


@pytest.fixture
def site(shared_state, settings, two_servers, seed):
    """The seed story on both servers, with the graph built on each machine as `build_graph` would build it."""
    for server in two_servers:
        settings.CONNECTIONS_DIR = server.graph_dir
        call_command("build_graph", verbosity=0)
    return seed


class QuickToCheck(PBKDF2PasswordHasher):
    """Production's hasher with few rounds: the servers check a password at the rounds its hash names, so the
    test's failed logins cost little; a successful login upgrades the hash, as it would an old one."""

    iterations = 1000


@pytest.fixture
def real_passwords(settings):
    """Users made here are checked by the servers, which know production's hashers only."""
    settings.PASSWORD_HASHERS = [f"{QuickToCheck.__module__}.{QuickToCheck.__qualname__}"]


@pytest.fixture
def editor_client(shared_state, real_passwords, editor):
    return Client(address="192.0.2.20")


_readers = itertools.count(1)


@pytest.fixture
def reader():
    """An anonymous reader, at an address of their own (the API counts each address's requests)."""
    return Client(address=f"198.51.100.{next(_readers)}")
