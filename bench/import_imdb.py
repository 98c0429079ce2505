"""Benchmark: `manage.py import_imdb` on generated IMDb files, beside the physical limit of the machine.

    python bench/import_imdb.py [--people 100000 --titles 50000 --principals 1000000] [--keep DIR]

Generates name.basics / title.basics / title.principals (.tsv.gz, the published layout), then:
  * the limit: a raw COPY of the three files into bare PostgreSQL tables, one join building the
    credits and two indexes on them (no Django, no checks);
  * the import into a freshly migrated SQLite file and a fresh PostgreSQL database, each in its own
    process, timed from outside, its peak memory read from the kernel (wait4 rusage).
It prints rows/s, peak memory and the ratio to the limit (targets: ≤ 4× on PostgreSQL, ≤ 8× on
SQLite, < 300 MB), and drops the databases it created.
"""

import argparse
import gzip
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "bench_import"
PG_LIMIT_DATABASE = "bench_import_limit"

FIRST = "Kevin Kyra Michael Ava Noah Mia Liam Zoe Omar Ines Ravi Yuki Lena Pablo Sofia Jonas Chloé Björn".split()
LAST = "Bacon Sedgwick Weithorn James Stone Ortiz Nakamura Okafor Novak Rossi Dubois Kaur Müller Silva".split()
WORDS = "the of night house river last little help space oddity king queens woodsman blue red city".split()
CATEGORIES = ["actor"] * 8 + ["actress"] * 6 + ["director", "writer", "writer", "producer", "composer", "editor"]
KINDS = ["movie"] * 6 + ["tvSeries", "tvMiniSeries", "tvMovie", "short", "video"]


def generate(directory, *, people, titles, principals, seed=5):
    """Write the three files in the published layout; returns their paths by dataset."""
    rng = random.Random(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {
        "names": directory / "name.basics.tsv.gz",
        "titles": directory / "title.basics.tsv.gz",
        "principals": directory / "title.principals.tsv.gz",
    }
    with gzip.open(paths["names"], "wt", encoding="utf-8", compresslevel=1) as out:
        out.write("nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n")
        for i in range(1, people + 1):
            born = str(rng.randint(1920, 2005)) if rng.random() < 0.6 else "\\N"
            out.write(
                f"nm{i:07d}\t{rng.choice(FIRST)} {rng.choice(LAST)}\t{born}\t\\N\tactor,producer\t"
                f"tt{rng.randint(1, titles):07d}\n"
            )
    with gzip.open(paths["titles"], "wt", encoding="utf-8", compresslevel=1) as out:
        out.write(
            "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
        )
        for i in range(1, titles + 1):
            kind = rng.choice(KINDS)
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).title()
            year = rng.randint(1950, 2025)
            end = str(year + rng.randint(0, 9)) if kind == "tvSeries" else "\\N"
            out.write(f"tt{i:07d}\t{kind}\t{title}\t{title}\t0\t{year}\t{end}\t{rng.randint(5, 180)}\tDrama\n")
    per_title = max(principals // max(titles, 1), 1)
    with gzip.open(paths["principals"], "wt", encoding="utf-8", compresslevel=1) as out:
        out.write("tconst\tordering\tnconst\tcategory\tjob\tcharacters\n")
        written = 0
        title = 0
        while written < principals:
            title += 1
            for ordering in range(1, per_title + 1):
                if written >= principals:
                    break
                category = rng.choice(CATEGORIES)
                characters = f'["{rng.choice(FIRST)}"]' if category in ("actor", "actress") else "\\N"
                out.write(
                    f"tt{(title - 1) % titles + 1:07d}\t{ordering}\tnm{rng.randint(1, people):07d}\t{category}"
                    f"\t\\N\t{characters}\n"
                )
                written += 1
    return paths


def run(command, *, env, label):
    """Run a child process; return (seconds, peak resident memory in MB of that child, its output)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        output = out.read().decode()
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{label} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def psql(database, sql):
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", f"{PG_SERVER}/{database}", "-c", sql], check=True)


def recreate_database(name):
    psql("postgres", f"DROP DATABASE IF EXISTS {name}")
    psql("postgres", f"CREATE DATABASE {name}")


def physical_limit(paths):
    """Raw COPY of the three files into bare tables, one join building the credits, two indexes."""
    import psycopg

    recreate_database(PG_LIMIT_DATABASE)
    try:
        with psycopg.connect(f"{PG_SERVER}/{PG_LIMIT_DATABASE}", autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE names (nconst text, name text, born int, died int, professions text, known text);"
                "CREATE TABLE titles (tconst text, kind text, title text, original text, adult int, start_year int,"
                " end_year int, minutes int, genres text);"
                "CREATE TABLE principals (tconst text, ordering int, nconst text, category text, job text,"
                " characters text)"
            )
            started = time.perf_counter()
            for table, dataset in (("names", "names"), ("titles", "titles"), ("principals", "principals")):
                with gzip.open(paths[dataset], "rb") as source, conn.cursor() as cursor:
                    source.readline()
                    with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                        while block := source.read(1 << 20):
                            copy.write(block)
            conn.execute(
                "CREATE TABLE credits AS SELECT p.tconst, p.nconst, p.category, p.characters, p.ordering"
                " FROM principals p JOIN titles t ON t.tconst = p.tconst JOIN names n ON n.nconst = p.nconst"
            )
            conn.execute("CREATE INDEX ON credits (tconst)")
            conn.execute("CREATE INDEX ON credits (nconst)")
            return time.perf_counter() - started
    finally:
        psql("postgres", f"DROP DATABASE IF EXISTS {PG_LIMIT_DATABASE}")


def django_import(data_dir, *, database_url, label):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url}
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    seconds, peak_mb, out = run(
        [python, "manage.py", "import_imdb", str(data_dir), "--no-progress"], env=env, label=label
    )
    return seconds, peak_mb, out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=50_000)
    parser.add_argument("--principals", type=int, default=1_000_000)
    parser.add_argument("--keep", help="Write the files here and keep them.")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="Run one database only.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    data_dir = Path(args.keep) if args.keep else work / "data"
    try:
        started = time.perf_counter()
        paths = generate(data_dir, people=args.people, titles=args.titles, principals=args.principals)
        rows = args.people + args.titles + args.principals
        print(
            f"generated {args.people:,} people, {args.titles:,} titles, {args.principals:,} principals "
            f"in {time.perf_counter() - started:.1f} s ({data_dir})"
        )
        limit = physical_limit(paths)
        print(f"\n{'':<34}{'seconds':>9}{'rows/s':>12}{'peak MB':>9}{'× limit':>9}{'target':>8}")
        print(f"{'limit: raw COPY + join + 2 indexes':<34}{limit:>9.2f}{rows / limit:>12,.0f}{'':>9}{1:>9.2f}")
        results = []
        if args.only in (None, "postgresql"):
            recreate_database(PG_DATABASE)
            try:
                results.append(
                    ("import_imdb, PostgreSQL", 4)
                    + django_import(data_dir, database_url=f"{PG_SERVER}/{PG_DATABASE}", label="PostgreSQL")
                )
            finally:
                psql("postgres", f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        if args.only in (None, "sqlite"):
            results.append(
                ("import_imdb, SQLite", 8)
                + django_import(data_dir, database_url=f"sqlite:///{work / 'bench.sqlite3'}", label="SQLite")
            )
        for label, target, seconds, peak_mb, _ in results:
            ratio = seconds / limit
            verdict = "ok" if ratio <= target and peak_mb < 300 else "MISSED"
            print(
                f"{label:<34}{seconds:>9.2f}{rows / seconds:>12,.0f}{peak_mb:>9.0f}{ratio:>9.2f}"
                f"{f'≤{target}×':>8} {verdict}"
            )
        for label, *_, out in results:
            print(f"\n{label}:\n{out.rstrip()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
