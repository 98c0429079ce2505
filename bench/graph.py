"""The connections graph at scale: every figure of issue 12's Scale section, against PostgreSQL on the same credits.

    python bench/graph.py [--scale 1.0] [--shape skewed|uniform] [--pairs 1000] [--keep] [--build-only]

Fills a throwaway PostgreSQL database (bench_graph on DATABASE_URL's server, default
postgres://postgres@127.0.0.1:5432/postgres) with a generated credits graph (bench/graph_data.py says how and why:
at --scale 1.0 1M people, 500k titles, 10M credits; "skewed" has power-law hubs of thousands, "uniform" is the
anchors' data), then prints: the degree distribution the graph holds; the build from the database; its size on
disk; the memory of two worker processes that map it; one shortest chain (p50/p95/max, warm: the path figure),
then the same pairs with the counts the page gives, capped and exact; "not connected";
worked together per pair; the whole /connections/ page in process (which also counts the chains, up to
CONNECTIONS_COUNT_UP_TO, and shows four); how soon a saved credit reaches answers; answers
during a full rebuild; and the same questions asked of PostgreSQL (a recursive CTE for chains, a self-join for
shared titles). Times are wall-clock and in-process CPU (time.process_time, robust to other load on the machine).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.admin_scale import server_url, with_database  # noqa: E402

BENCH_DB = os.environ.get("BENCH_GRAPH_DB", "bench_graph")  # another name keeps a big fill while trying small ones
TARGETS = {"build": 10_000, "chain": 1.0, "together": 1.0, "page": 10.0, "memory": 300}

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
TOGETHER_SQL = """
SELECT f.id, f.title, f.year, a.role, b.role FROM films_credit a
JOIN films_credit b ON b.film_id = a.film_id JOIN films_film f ON f.id = a.film_id
WHERE a.person_id = %s AND b.person_id = %s ORDER BY f.year DESC NULLS FIRST"""


def timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    found = function(*args)
    return found, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def spread(times):
    times = np.sort(np.asarray(times, dtype=float))
    if not len(times):
        return "no samples"
    return f"p50 {np.percentile(times, 50):.3f}, p95 {np.percentile(times, 95):.3f}, max {times[-1]:.1f} ms"


def memory():
    rollup = Path("/proc/self/smaps_rollup").read_text().splitlines()
    return {line.split(":")[0]: int(line.split()[1]) / 1024 for line in rollup if line.endswith("kB")}


def sample_pairs(graph, rng, n):
    """n pairs of people with credits; and n pairs who share a title (a random title's two random people)."""
    with_credits = np.flatnonzero(np.diff(graph.indptr[: graph.people + 1]) > 0)
    pairs = rng.choice(with_credits, size=(n, 2))
    sharing = []
    for title in rng.integers(graph.people, graph.base_nodes, size=n * 2):
        people, _ = graph.neighbours(int(title))
        if len(people) >= 2 and len(sharing) < n:
            sharing.append(rng.choice(people, size=2, replace=False))
    return pairs, sharing


def worker(directory, pairs):
    """One gunicorn-like worker: maps the graph, answers chains and boxes, reports its memory."""
    from articles.connections import store
    from articles.connections.graph import Graph
    from articles.connections.paths import shortest_chains
    from articles.connections.together import worked_together

    before = memory()
    graph = Graph(store.load(directory))
    chains, sharing = sample_pairs(graph, np.random.default_rng(7), pairs)
    for a, b in chains:
        shortest_chains(graph, int(a), int(b))
    for a, b in sharing:
        worked_together(graph, [int(a), int(b)])
    print("ready", flush=True)
    sys.stdin.readline()  # measured when every worker is ready, so shared pages are shared at that moment
    after = memory()
    print(json.dumps({key: after[key] - before[key] for key in ("Rss", "Pss")} | {"total": after["Rss"]}), flush=True)
    sys.stdin.readline()  # alive until every worker has measured


def rebuild_worker():
    from articles.connections.freshness import rebuild

    rebuild()


def report_degrees(graph):
    degree = np.diff(graph.indptr)
    for what, part in (("person (titles)", degree[: graph.people]), ("title (people)", degree[graph.people :])):
        print(
            f"  {what}: max {part.max():,}, p99.9 {np.percentile(part, 99.9):,.0f}, p99 {np.percentile(part, 99):,.0f}, "
            f"median {np.median(part):,.0f}, mean {part.mean():.1f}; {(part >= 1000).sum():,} with >= 1,000"
        )
    sizes = np.bincount(graph.component_array)
    print(f"  components: {len(sizes):,}; the largest holds {sizes.max() / len(graph.component_array):.1%} of nodes")


def backend_cpu_sampler():
    """A process that adds up the CPU of every PostgreSQL backend serving a connection to the bench database (the
    build reads on several connections) until its stdin closes, then prints the seconds. It samples /proc every
    20 ms, apart from this process so the build's own CPU figure stays clean; a backend that exits loses at most its
    last 20 ms."""
    return subprocess.Popen(
        [sys.executable, __file__, "--sample-backends", BENCH_DB],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def sample_backends(database):
    tick, marker, seen = os.sysconf("SC_CLK_TCK"), f" {database} ".encode(), {}

    def scan():
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    title = Path(f"/proc/{entry.name}/cmdline").read_bytes().replace(b"\0", b" ")
                    if title.startswith(b"postgres:") and marker in title and b"autovacuum" not in title:
                        fields = Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()
                        seen[entry.name] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
                except OSError:
                    pass

    scan()
    before = dict(seen)
    print("sampling", flush=True)
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    while not done.wait(0.02):
        scan()
    scan()
    print(f"{sum(seen.values()) - sum(before.values()):.3f}", flush=True)


def measure_build(directory):
    from articles.connections import store
    from articles.connections.build import build

    sampler = backend_cpu_sampler()
    sampler.stdout.readline()
    base, wall, cpu = timed(build)
    server = float(sampler.communicate("")[0])
    store.save(base, directory)
    print(
        f"build from PostgreSQL: {wall / 1000:.1f} s wall; CPU {cpu / 1000:.1f} s in process + {server:.1f} s in the "
        f"PostgreSQL backends = {cpu / 1000 + server:.1f} s (target <= 10 s); load average {os.getloadavg()[0]:.1f}"
    )
    print(f"on disk: {store.disk_size(directory) / 1e6:.0f} MB", flush=True)
    return wall


def measure_workers(directory, count=2):
    command = [sys.executable, __file__, "--worker", str(directory), "--pairs", "300"]
    processes = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in range(count)
    ]
    for process in processes:
        while (line := process.stdout.readline()).strip() != "ready":
            if not line:
                raise SystemExit(f"a worker exited with {process.wait()} before mapping the graph")
    for process in processes:
        process.stdin.write("\n")
        process.stdin.flush()
    pss = 0
    for number, process in enumerate(processes, 1):
        found = json.loads(process.stdout.readline())
        pss += found["Pss"]
        print(
            f"worker {number} after mapping the graph, 300 chains and 300 boxes: RSS +{found['Rss']:.0f} MB, "
            f"proportional share +{found['Pss']:.0f} MB (process {found['total']:.0f} MB)"
        )
    for process in processes:
        process.communicate("\n")
    print(f"graph memory of {count} workers together (sum of proportional shares): {pss:.0f} MB (target <= 300 MB)")
    return pss


def measure_chains(graph, pairs):
    """Path p95 is one shortest chain (what a Bacon number or a path query needs); counting is timed apart."""
    from django.conf import settings

    from articles.connections.paths import shortest_chains

    def one_chain(a, b):
        return shortest_chains(graph, a, b, limit=1, count_up_to=0)

    cap = settings.CONNECTIONS_COUNT_UP_TO
    asks = {
        "one shortest chain (no count)": one_chain,
        f"the page's answer: 4 chains, count up to {cap}": lambda a, b: shortest_chains(graph, a, b, count_up_to=cap),
        "4 chains and an exact count of all": lambda a, b: shortest_chains(graph, a, b),
    }
    figures = {}
    for name, ask in asks.items():
        for a, b in pairs[:50]:  # warm
            ask(int(a), int(b))
        walls, cpus, lengths, capped = [], [], {}, 0
        for a, b in pairs:
            found, wall, cpu = timed(ask, int(a), int(b))
            walls.append(wall), cpus.append(cpu)
            hops = found.hops if found else None
            lengths[hops] = lengths.get(hops, 0) + 1
            capped += bool(found and not found.exact)
        print(f"{name}, {len(pairs)} pairs, warm: wall {spread(walls)}; CPU {spread(cpus)}")
        figures[name] = (float(np.percentile(cpus, 95)), float(np.percentile(walls, 95)))
        if ask is not one_chain:
            print(f"  lengths (people steps): {dict(sorted(lengths.items(), key=str))}; counts past the cap: {capped}")
    components = graph.component_array[: graph.people]
    lonely = np.flatnonzero(components != np.bincount(graph.component_array).argmax())
    if len(lonely):
        rng = np.random.default_rng(3)
        apart = [(int(rng.choice(lonely)), int(pairs[i][0])) for i in range(min(200, len(pairs)))]
        times = [timed(one_chain, a, b)[1] for a, b in apart]
        print(f"not connected (outside the largest component), {len(apart)} pairs: {spread(times)}")
    return figures["one shortest chain (no count)"]


def measure_together(graph, sharing):
    from articles.connections.together import worked_together

    for a, b in sharing[:50]:  # warm (the first call works out the URL shapes)
        worked_together(graph, [int(a), int(b)])
    walls, cpus = [], []
    for a, b in sharing:
        _, wall, cpu = timed(worked_together, graph, [int(a), int(b)])
        walls.append(wall), cpus.append(cpu)
    print(
        f"worked together box per pair ({len(sharing)} pairs sharing a title): wall {spread(walls)}; CPU {spread(cpus)}"
    )
    return float(np.percentile(cpus, 95))


def measure_page(client, graph, pairs):
    def get(a, b):
        url = f"/connections/?from=person-{graph.db_id(int(a))}&to=person-{graph.db_id(int(b))}"
        response = client.get(url)
        assert response.status_code == 200, url

    get(*pairs[0])
    walls, cpus = [], []
    for a, b in pairs[:200]:
        _, wall, cpu = timed(get, a, b)
        walls.append(wall), cpus.append(cpu)
    print(
        f"/connections/ page in process, 4 chains and the count up to the cap ({len(walls)} pairs): "
        f"wall {spread(walls)}; CPU {spread(cpus)}"
    )
    return float(np.percentile(cpus, 50)), float(np.percentile(walls, 95))


def measure_freshness(graph, pairs):
    """A credit saved between two unconnected-by-one-step people: how long until the next request's answer has it."""
    from articles import connections
    from films.models import Credit, Film
    from people.models import Person

    a, b = (Person.objects.get(pk=graph.db_id(int(node))) for node in pairs[-1])
    connections.connect(a, b)
    film = Film.objects.create(title="Bench Reunion", slug=f"bench-reunion-{time.time_ns()}", year=2026)
    started = time.perf_counter()
    Credit.objects.create(person=a, film=film, role="actor")
    Credit.objects.create(person=b, film=film, role="actor")
    answer = connections.connect(a, b)
    took = (time.perf_counter() - started) * 1000
    print(f"a credit saved reaches answers: {took:.0f} ms from the save to the next answer (hops now {answer.hops})")
    film.delete()
    connections.connect(a, b)


def measure_rebuild_while_serving(directory, graph, pairs):
    """A full rebuild in another process (as the task queue runs it) while this one keeps answering chains."""
    from articles.connections import store
    from articles.connections.paths import shortest_chains

    served = store.current_version(directory)
    command = [sys.executable, __file__, "--rebuild", str(directory)]
    process = subprocess.Popen(command, env={**os.environ, "CONNECTIONS_DIR": str(directory)})
    times, at = [], 0
    while process.poll() is None:
        a, b = pairs[at % len(pairs)]
        times.append(timed(shortest_chains, graph, int(a), int(b))[1])
        at += 1
    switched = store.current_version(directory) != served
    print(
        f"during a full rebuild in another process: {len(times):,} chains answered from the served graph, "
        f"{spread(times)}; new version on disk afterwards: {switched}"
    )


def measure_postgres(graph, pairs, sharing):
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
                cte.append(10_000.0)
        cursor.execute("SELECT max(id) + 1 FROM people_person")
        nobody = cursor.fetchone()[0]
        start = time.perf_counter()
        try:
            cursor.execute(PATH_CTE, {"s": graph.db_id(int(pairs[0][0])), "d": nobody})
            cursor.fetchone()
            unreachable = f"{(time.perf_counter() - start) * 1000:.0f} ms"
        except Exception:  # noqa: BLE001
            unreachable = "timeout at 10 s"
        together = []
        for a, b in sharing[:100]:
            start = time.perf_counter()
            cursor.execute(TOGETHER_SQL, [graph.db_id(int(a)), graph.db_id(int(b))])
            cursor.fetchall()
            together.append((time.perf_counter() - start) * 1000)
    print(f"PostgreSQL recursive CTE, same credits, 20 pairs: {spread(cte)}; no path: {unreachable}")
    print(f"PostgreSQL shared titles (self-join), {len(together)} pairs: {spread(together)}", flush=True)


def prepare_database(args):
    import psycopg

    label = f"{args.shape} {args.scale}"
    admin_url = server_url().replace("postgres://", "postgresql://")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [BENCH_DB]
        ).fetchone()
        if args.keep and found and found[0] == label:
            return False
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return True


def label_database(args):
    """Say what the filled database holds, for --keep to reuse (only once the fill finished)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE {BENCH_DB} IS '{args.shape} {args.scale}'")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1M people, 500k titles, 10M credits")
    parser.add_argument("--shape", choices=("skewed", "uniform"), default="skewed")
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="reuse the bench database if it holds this shape/scale")
    parser.add_argument("--build-only", action="store_true", help="time the build (and its size) and stop")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", help=argparse.SUPPRESS)
    parser.add_argument("--sample-backends", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sample_backends:
        return sample_backends(args.sample_backends)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=with_database(server_url(), BENCH_DB),
        PAGE_CACHE_SECONDS="0",
    )
    import django

    if args.worker or args.rebuild:
        django.setup()
        return worker(args.worker, args.pairs) if args.worker else rebuild_worker()
    fresh = prepare_database(args)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench.graph_data import fill

    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    if fresh:
        fill(args.scale, args.shape, np.random.default_rng(2024))
        label_database(args)
    else:
        call_command("migrate", verbosity=0)
    directory = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    settings.CONNECTIONS_DIR = directory
    try:
        measure(args, directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def measure(args, directory):
    from django.test import Client

    from articles.connections import store
    from articles.connections.freshness import current
    from articles.connections.graph import Graph

    print(f"== {args.shape} graph at scale {args.scale}", flush=True)
    build_ms = measure_build(directory)
    if args.build_only:
        return
    memory_mb = measure_workers(directory)  # before this process maps the graph too, which would share pages
    graph = Graph(store.load(directory))
    print("degree distribution the graph holds (distinct person-title edges):")
    report_degrees(graph)
    rng = np.random.default_rng(2024)
    pairs, sharing = sample_pairs(graph, rng, args.pairs)
    chain_cpu, chain_wall = measure_chains(graph, pairs)
    together_cpu = measure_together(graph, sharing)
    current.forget()
    page_cpu, page_wall = measure_page(Client(), graph, pairs)
    measure_freshness(graph, pairs)
    measure_rebuild_while_serving(directory, graph, pairs)
    measure_postgres(graph, pairs, sharing)
    print(
        f"summary ({args.shape}): build {build_ms / 1000:.1f} s (<= 10), one-chain p95 {chain_cpu:.2f} ms CPU / "
        f"{chain_wall:.2f} ms wall (<= 1), worked together p95 {together_cpu:.3f} ms CPU (<= 1), "
        f"/connections/ wall p95 {page_wall:.1f} ms (<= 10; CPU p50 {page_cpu:.1f} ms), "
        f"memory of 2 workers {memory_mb:.0f} MB (<= 300)"
    )


if __name__ == "__main__":
    main()
