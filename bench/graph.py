"""The connections graph at scale, against a PostgreSQL recursive CTE on the same credits.

    python bench/graph.py [--scale 1.0] [--pairs 1000] [--keep]

Fills a throwaway PostgreSQL database (bench_graph on DATABASE_URL's server, default
postgres://postgres@127.0.0.1:5432/postgres) with a skewed, power-law credits graph: at --scale 1.0 1M people,
500k titles and 10M credits, where a few people hold thousands of credits and a few titles (long-running series)
thousands of people. Then prints: the build from the database (articles.connections.build, the visibility rule
included), its size on disk, resident and proportional memory of two worker processes that map it, shortest-chain
p50/p95 warm, worked-together per pair, the whole /connections/ page in process, and the recursive CTE.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.admin_scale import server_url, with_database  # noqa: E402

BENCH_DB = "bench_graph"
ROLES = np.array(["actor", "actress", "director", "writer", "producer", "composer", "editor", "self"])
ROLE_WEIGHTS = np.array([0.38, 0.27, 0.07, 0.1, 0.1, 0.03, 0.03, 0.02])

PATH_CTE = """
WITH RECURSIVE walk(person_id, depth, path) AS (
    SELECT %(s)s::bigint, 0, ARRAY[%(s)s::bigint]
  UNION ALL
    SELECT c2.person_id, w.depth + 1, w.path || c2.person_id
    FROM walk w
    JOIN films_credit c1 ON c1.person_id = w.person_id
    JOIN films_credit c2 ON c2.film_id = c1.film_id
    WHERE w.depth < 6 AND c2.person_id <> ALL (w.path)
)
SELECT depth FROM walk WHERE person_id = %(d)s LIMIT 1"""


def skewed(rng, n, size, exponent):
    """size draws from 0..n-1 with Zipf-like weights 1/(rank+1)^exponent, ranks shuffled over the ids."""
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    cumulative = np.cumsum(weights)
    draws = np.searchsorted(cumulative, rng.random(size) * cumulative[-1])
    return rng.permutation(n)[draws]


def generate(scale, rng):
    people, titles, credits = int(1_000_000 * scale), int(500_000 * scale), int(10_000_000 * scale)
    person = skewed(rng, people, credits, 0.9)
    film = skewed(rng, titles, credits, 0.7)
    role = rng.choice(len(ROLES), size=credits, p=ROLE_WEIGHTS)
    key = np.unique((film.astype(np.int64) * people + person) * len(ROLES) + role)  # the credit_unique constraint
    role, rest = key % len(ROLES), key // len(ROLES)
    return people, titles, rest % people, rest // people, role


def fill(scale, rng):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    people, titles, person, film, role = generate(scale, rng)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO people_person (id, name, slug, bio, headshot, headshot_credit, headshot_alt, imdb_id,
                   wikidata_id, created_at, updated_at, edited_fields)
               SELECT n, 'Person ' || n, 'person-' || n, '', '', '', '', '', '', now(), now(), '[]'
               FROM generate_series(1, %s) AS n""",
            [people],
        )
        cursor.execute(
            """INSERT INTO films_film (id, title, slug, kind, year, release_status, synopsis, network, poster,
                   poster_credit, poster_alt, imdb_id, wikidata_id, created_at, updated_at, edited_fields)
               SELECT n, 'Title ' || n, 'title-' || n, 'movie', 1950 + n %% 75, 'released', '', '', '', '', '', '', '',
                      now(), now(), '[]'
               FROM generate_series(1, %s) AS n""",
            [titles],
        )
        lines = "\n".join(
            f"{f}\t{p}\t{r}\t\t0"
            for f, p, r in zip((film + 1).tolist(), (person + 1).tolist(), ROLES[role].tolist(), strict=True)
        )
        raw = connection.connection.cursor()
        with raw.copy("COPY films_credit (film_id, person_id, role, character, billing) FROM STDIN") as copy:
            copy.write(lines + "\n")
        cursor.execute("VACUUM ANALYZE")
    print(
        f"filled {people:,} people, {titles:,} titles, {len(person):,} credits "
        f"(largest filmography {np.bincount(person).max():,}, largest title {np.bincount(film).max():,}) "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def percentiles(times):
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]


def rss_and_pss():
    rollup = Path("/proc/self/smaps_rollup").read_text().splitlines()
    values = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in rollup if line.endswith("kB")}
    return values["Rss"], values["Pss"]


def worker(directory, pairs):
    """One gunicorn-like worker: maps the graph, answers chains, reports its memory."""
    from articles.connections import store
    from articles.connections.graph import Graph
    from articles.connections.paths import shortest_chains

    before = rss_and_pss()
    graph = Graph(store.load(directory))
    rng = np.random.default_rng(7)
    with_credits = np.flatnonzero(np.diff(graph.base.indptr[: graph.people + 1]) > 0)
    for a, b in rng.choice(with_credits, size=(pairs, 2)):
        shortest_chains(graph, int(a), int(b))
    rss, pss = rss_and_pss()
    print(json.dumps({"rss_mb": rss - before[0], "pss_mb": pss - before[1], "rss_total_mb": rss}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M people, 500k titles, 10M credits")
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="reuse the bench database if it is there")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=with_database(server_url(), BENCH_DB),
        PAGE_CACHE_SECONDS="0",
    )
    import django

    if args.worker:
        django.setup()
        return worker(args.worker, args.pairs)

    import psycopg

    admin_url = server_url().replace("postgres://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not (args.keep and exists):
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    django.setup()
    from django.conf import settings
    from django.test import Client

    from articles.connections import store
    from articles.connections.build import build
    from articles.connections.freshness import current
    from articles.connections.graph import Graph
    from articles.connections.paths import shortest_chains
    from articles.connections.together import shared_titles

    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    rng = np.random.default_rng(2024)
    if not (args.keep and exists):
        fill(args.scale, rng)

    directory = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    settings.CONNECTIONS_DIR = directory
    started = time.perf_counter()
    base = build()
    built = time.perf_counter() - started
    store.save(base, directory)
    del base
    print(f"build from PostgreSQL (public credits, names, CSR, components): {built:.1f} s", flush=True)
    print(f"on disk: {store.disk_size(directory) / 1e6:.0f} MB", flush=True)

    command = [sys.executable, __file__, "--worker", str(directory), "--pairs", "300"]
    workers = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for number, process in enumerate(workers, 1):
        found = json.loads(process.communicate()[0].strip().splitlines()[-1])
        print(
            f"worker {number} after mapping and 300 chains: RSS +{found['rss_mb']:.0f} MB "
            f"(proportional share +{found['pss_mb']:.0f} MB), process total {found['rss_total_mb']:.0f} MB",
            flush=True,
        )

    graph = Graph(store.load(directory))
    with_credits = np.flatnonzero(np.diff(graph.base.indptr[: graph.people + 1]) > 0)
    pairs = rng.choice(with_credits, size=(args.pairs, 2))
    for a, b in pairs[:50]:  # warm
        shortest_chains(graph, int(a), int(b))
    times, lengths = [], {}
    for a, b in pairs:
        start = time.perf_counter()
        found = shortest_chains(graph, int(a), int(b))
        times.append((time.perf_counter() - start) * 1000)
        hops = found.hops if found else None
        lengths[hops] = lengths.get(hops, 0) + 1
    p50, p95, worst = percentiles(times)
    print(f"shortest chains with counts, {args.pairs} pairs: p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {worst:.1f} ms")
    print(f"  lengths (people steps): {dict(sorted(lengths.items(), key=str))}", flush=True)

    titles = rng.integers(graph.people, graph.base_nodes, size=args.pairs)
    together = []
    for title in titles:
        people, _ = graph.neighbours(int(title))
        if len(people) >= 2:
            a, b = rng.choice(people, size=2, replace=False)
            start = time.perf_counter()
            shared_titles(graph, int(a), int(b))
            together.append((time.perf_counter() - start) * 1000)
    p50, p95, worst = percentiles(together)
    print(f"worked together per pair ({len(together)} pairs): p50 {p50:.3f} ms, p95 {p95:.3f} ms", flush=True)

    current.forget()
    client = Client()
    client.get("/connections/?from=person-1&to=person-2")
    page_times = []
    for a, b in pairs[:200]:
        url = f"/connections/?from=person-{graph.db_id(int(a))}&to=person-{graph.db_id(int(b))}"
        start = time.perf_counter()
        response = client.get(url)
        page_times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    p50, p95, worst = percentiles(page_times)
    print(f"/connections/ page in process (200 pairs): p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '10s'")
        cte = []
        for a, b in pairs[:20]:
            start = time.perf_counter()
            try:
                cursor.execute(PATH_CTE, {"s": graph.db_id(int(a)), "d": graph.db_id(int(b))})
                cursor.fetchone()
                cte.append((time.perf_counter() - start) * 1000)
            except Exception:  # noqa: BLE001  (the statement timeout)
                connection.rollback() if not connection.get_autocommit() else None
                cte.append(10_000.0)
        cursor.execute("SELECT max(id) + 1 FROM people_person")
        start = time.perf_counter()
        try:
            cursor.execute(PATH_CTE, {"s": graph.db_id(int(pairs[0][0])), "d": cursor.fetchone()[0]})
            cursor.fetchone()
            unreachable = f"{(time.perf_counter() - start) * 1000:.0f} ms"
        except Exception:  # noqa: BLE001
            unreachable = "timeout at 10 s"
    p50, _, worst = percentiles(cte)
    print(
        f"PostgreSQL recursive CTE, same credits, 20 pairs: p50 {p50:.0f} ms, max {worst:.0f} ms; "
        f"no path: {unreachable}",
        flush=True,
    )


if __name__ == "__main__":
    main()
