"""Public pages against their baselines, measured side by side in one run (`make bench`).

    python bench/compare.py [--rounds 30] [--requests 40] [--wrk-rounds 3] [--wrk-seconds 5] [--skip-wrk]
                            [--wrk-only] [--djangos-handler]

1. In process, CPU milliseconds per request (bench/inproc.py: GETs through the WSGI handler, timed with
   time.process_time, so other processes on the machine disturb it little): the bare 20 KB view
   (bench/bare.py), the Wagtail 8 reference article page with 16 credits (with its own Python and settings,
   when the shared harness is set up: see README), and our story, person, title, section and home pages
   uncached plus a page-cache hit (through newsroom.wsgi, the production entry point), with production
   settings: DEBUG off, the cache on Redis. Each page has one warm worker process for the whole run; a round
   times one short batch of every page in a rotated order, so a slow phase of a shared machine (its speed
   moves by half within minutes) falls on every page alike. Ratios are taken round by round, between batches
   seconds apart, and the median over rounds is reported with its spread.
2. Through gunicorn (2 sync workers) loaded by wrk: requests per second of the bare view and of a story page
   served from the page cache with Redis (newsroom.wsgi: the worker's own copy, kept fresh by the feed).
Budgets (DESIGN.md): a story page costs at most a third of Wagtail's; person, title, section and home pages no
more than the story page; a page-cache hit serves at least 85 % of the bare view's rate.
"""

import argparse
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BENCH_SHARED", ROOT.parent / "shared" / "bench"))
VENVS = Path(os.environ.get("BENCH_VENVS", "/tmp/bench-venvs"))
WAGTAIL_PYTHON = VENVS / "django52-wagtail" / "bin" / "python"
WAGTAIL_DB = VENVS / "state" / "django52-wagtail.sqlite3"
WAGTAIL_PATH = "/news/kevin-bacon-and-kyra-sedgwick-join-hands/"
SEED_STORY = "/news/2024/02/07/kevin-bacon-and-kyra-sedgwick-join-hands-after-20-years/"


def our_env(tmp, prefix, redis_url, *, page_cache):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "STATIC_ROOT": f"{tmp}/static",
        "MEDIA_ROOT": f"{tmp}/media",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "LOG_LEVEL": "ERROR",
    }


def prepare_content(env):
    """The benchmark database (bench/content.py) in env's DATABASE_URL; returns the story and section paths."""
    prepared = subprocess.run([sys.executable, "-m", "bench.content"], env=env, cwd=ROOT, capture_output=True,
                              text=True)  # fmt: skip
    if prepared.returncode:
        sys.exit(f"Preparing the benchmark database failed:\n{prepared.stderr[-3000:]}")
    return json.loads(prepared.stdout.splitlines()[-1])


def wagtail_available():
    return (SHARED / "tools" / "inproc.py").exists() and WAGTAIL_PYTHON.exists() and WAGTAIL_DB.exists()


class Worker:
    """One page's in-process timer (bench/inproc.py --serve), kept running so batches can alternate between pages."""

    def __init__(self, label, command, env, cwd):
        self.label = label
        self.errors = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe nobody reads while the worker runs
        self.process = subprocess.Popen([*command, "--serve", "--label", label], env=env, cwd=cwd, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors)  # fmt: skip
        self.first = self.read()
        if not self.first["status"].startswith("200"):
            sys.exit(f"{label}: {self.first['path']} answered {self.first['status']}")

    def read(self):
        while line := self.process.stdout.readline():
            if line.startswith("{"):
                return json.loads(line)
        self.process.wait()
        self.errors.seek(0)
        sys.exit(f"{self.label}: measurement failed\n{self.errors.read()[-2000:]}")

    def time(self, n):
        """CPU ms per request over n requests."""
        self.process.stdin.write(f"{n}\n")
        self.process.stdin.flush()
        return self.read()["cpu_ms"]

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.errors.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk_rate(env, path, seconds, app):
    """Requests per second through gunicorn (2 sync workers, no access log) under wrk -t1 -c16."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--worker-class", "sync", "--backlog", "2048", "--log-level", "warning"],
        env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}{path}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit(f"gunicorn did not answer {url}: {server.stderr.read1(4000).decode() if server.stderr else ''}")
        subprocess.run(["wrk", "-t1", "-c16", "-d1s", url], capture_output=True)  # warm both workers
        out = subprocess.run(["wrk", "-t1", "-c16", f"-d{seconds}s", url], capture_output=True, text=True).stdout
        if "Non-2xx" in out:
            sys.exit(f"{url} answered errors under load:\n{out}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


def median(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="rounds of in-process batches, one per page")
    parser.add_argument("--requests", type=int, default=40, help="requests per uncached page and round")
    parser.add_argument("--wrk-rounds", type=int, default=3)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--skip-wrk", action="store_true")
    parser.add_argument("--wrk-only", action="store_true", help="only the gunicorn + wrk comparison")
    parser.add_argument(
        "--djangos-handler",
        action="store_true",
        help="time our uncached pages through Django's own WSGI handler rather than newsroom.wsgi",
    )
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    client = redis.Redis.from_url(redis_url)
    try:
        client.ping()
    except redis.RedisError as error:
        sys.exit(f"The benchmark measures the production cache path and needs Redis at {redis_url}: {error}")
    prefix = f"bench-{secrets.token_hex(4)}"

    with tempfile.TemporaryDirectory() as tmp:
        uncached = our_env(tmp, prefix, redis_url, page_cache=False)
        cached = our_env(tmp, prefix, redis_url, page_cache=True)
        bare_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.bare", "PYTHONPATH": str(ROOT)}
        paths = prepare_content(uncached)
        ours = [sys.executable, "-m", "bench.inproc"]
        # Our pages through newsroom.wsgi, the project's WSGI handler in production (with the page cache off, every
        # request is a miss it hands to Django; each worker's garbage collector is tuned, core/serving.py), unless
        # --djangos-handler; Wagtail's through its own harness, as its reference site is served.
        app = [] if args.djangos_handler else ["--app", "newsroom.wsgi.application"]
        targets = {  # label: (command, environment, working directory, requests per round as a share of --requests)
            "bare": ([*ours, "--path", "/"], bare_env, ROOT, 8),
            "story": ([*ours, "--path", paths["story"], *app], uncached, ROOT, 1),
            "seed story": ([*ours, "--path", SEED_STORY, *app], uncached, ROOT, 1),
            "person": ([*ours, "--path", "/people/kevin-bacon/", *app], uncached, ROOT, 1),
            "title": ([*ours, "--path", "/titles/connescence/", *app], uncached, ROOT, 1),
            "section": ([*ours, "--path", paths["section"], *app], uncached, ROOT, 1),
            "home": ([*ours, "--path", "/", *app], uncached, ROOT, 1),
            "story, cache hit": (
                [*ours, "--path", paths["story"], "--app", "newsroom.wsgi.application"],
                cached,
                ROOT,
                8,
            ),
        }
        if args.wrk_only:
            targets = {}
        elif wagtail_available():
            # bench/inproc.py is the reference harness's tools/inproc.py with --serve; -P keeps bench/ off its path.
            command = [str(WAGTAIL_PYTHON), "-P", str(ROOT / "bench" / "inproc.py"), "--host", "localhost",
                       "--path", WAGTAIL_PATH]  # fmt: skip
            wagtail_env = {**os.environ, "BENCH_WAGTAIL_DB": str(WAGTAIL_DB), "PYTHONPATH": str(SHARED / "sites" / "wagtail"),
                           "DJANGO_SETTINGS_MODULE": "wagtailbench.settings.production"}  # fmt: skip
            targets["wagtail"] = (command, wagtail_env, SHARED / "sites" / "wagtail", 1)
        else:
            print(f"Wagtail reference NOT measured: set it up with `PINS=django52 bash {SHARED}/setup.sh` (README).")

        results = {label: [] for label in targets}
        rates = {"bare": [], "story, cache hit": []}
        workers = {}
        try:
            for label, (command, env, cwd, _share) in targets.items():
                workers[label] = Worker(label, command, env, cwd)
                print("+", end="", flush=True, file=sys.stderr)
            for round_number in range(args.rounds if targets else 0):
                order = list(targets)
                shift = round_number % len(order)
                for label in order[shift:] + order[:shift]:
                    results[label].append(workers[label].time(args.requests * targets[label][3]))
                print(".", end="", flush=True, file=sys.stderr)
            for worker in workers.values():
                worker.close()
            for round_number in range(0 if args.skip_wrk else args.wrk_rounds):
                pairs = [
                    ("bare", bare_env, "/", "django.core.wsgi:get_wsgi_application()"),
                    ("story, cache hit", cached, paths["story"], "newsroom.wsgi:application"),
                ]
                for label, env, path, app in pairs if round_number % 2 == 0 else pairs[::-1]:
                    rates[label].append(wrk_rate(env, path, args.wrk_seconds, app))
                    print("w", end="", flush=True, file=sys.stderr)
            print(file=sys.stderr)
        finally:
            for worker in workers.values():
                worker.close()
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)
    report(results, {label: worker.first["queries"] for label, worker in workers.items()}, rates, args)


def ratio_per_round(results, label, baseline):
    """The median over rounds of label's CPU against baseline's in the same round, with its min and max."""
    return median([mine / theirs for mine, theirs in zip(results[label], results[baseline], strict=True)])


def report(results, queries, rates, args):
    if args.wrk_only:
        return report_rates(rates, args)
    cpu = {label: median(runs) for label, runs in results.items()}
    bare = cpu["bare"][0]
    print(f"\nIn process, CPU ms per request: median of {args.rounds} rounds (min-max), DEBUG off, cache on Redis")
    print(f"{'page':<34} {'CPU ms':>8} {'min-max':>15} {'queries':>7} {'x bare':>8}")
    for label, (mid, low, high) in cpu.items():
        print(f"{label:<34} {mid:>8.3f} {f'{low:.3f}-{high:.3f}':>15} {queries[label]:>7} {mid / bare:>8.1f}")
    print()
    if "wagtail" in cpu:
        ratio, low, high = ratio_per_round(results, "wagtail", "story")
        print(f"story page (16 credits) vs Wagtail 8 (16 credits): {ratio:.2f}x cheaper (round by round "
              f"{low:.2f}-{high:.2f}; target >= 3): {'OK' if ratio >= 3 else 'MISSED'}")  # fmt: skip
    else:
        print("story page vs Wagtail 8: not measured (the reference site is not set up here)")
    ratio, low, high = ratio_per_round(results, "seed story", "story")
    print(f"seed story page (15 credits, tags, sources, quotes) vs story page: {ratio:.2f}x ({low:.2f}-{high:.2f})")
    for label in ("person", "title", "section", "home"):
        ratio, low, high = ratio_per_round(results, label, "story")
        print(f"{label} page vs story page: {ratio:.2f}x (round by round {low:.2f}-{high:.2f}; target <= 1): "
              f"{'OK' if ratio <= 1 else 'MISSED'}")  # fmt: skip
    report_rates(rates, args)


def report_rates(rates, args):
    if rates["bare"]:
        bare_rate, hit_rate = median(rates["bare"]), median(rates["story, cache hit"])
        print(f"\nThrough gunicorn (2 sync workers) and wrk -t1 -c16 -d{args.wrk_seconds}s, requests/s, median of "
              f"{len(rates['bare'])} (min-max)")  # fmt: skip
        for label, (mid, low, high) in (("bare 20 KB view", bare_rate), ("story page, cache hit (Redis)", hit_rate)):
            print(f"{label:<34} {mid:>8.0f} {f'{low:.0f}-{high:.0f}':>15}")
        ratio = hit_rate[0] / bare_rate[0]
        print(
            f"cache hit vs bare view: {ratio:.0%} of its rate (target >= 85 %): {'OK' if ratio >= 0.85 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
