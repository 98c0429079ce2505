"""Admin response times over millions of credits on PostgreSQL.

    python bench/admin_scale.py [--credits 10000000] [--keep] [--rounds 9]

Builds a throwaway PostgreSQL database (bench_admin on DATABASE_URL's server, default
postgres://postgres@127.0.0.1:5432/postgres) holding N credits over N/10 people and N/20 titles,
plus the seed story, then times the admin pages an editor uses, as a logged-in superuser, in process. Prints,
per page, the median of --rounds visits (each round visits every page once) of the wall clock and of this
process's CPU (which other load on the machine disturbs little), the PostgreSQL backend's mean CPU (when the
server runs on this machine) and the query count, against the target: 50 ms for a page, 100 ms for a search, and
what each search found ("300 results", "more than 1000 results", or "cut short" when its time budget stopped it:
core.search.Budget). Three of the searches are held out from the tuning: two broad words and a short one.
Python's garbage collector runs as newsroom.wsgi sets it up for a worker (core/serving.py), unless
--python-gc-defaults.
For scale, it also times the naive alternative the budget was written against: a full COUNT(*).
"""

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "bench_admin"
FIRST = ["Anna", "Ben", "Carla", "Dev", "Emil", "Fatima", "Gus", "Hana", "Ivan", "Jo"]
LAST = ["Smith", "Garcia", "Okafor", "Nguyen", "Rossi", "Kowalski", "Haddad", "Larsen", "Mehta", "Silva"]


SERVER_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def server_url():
    return SERVER_URL


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database():
    import psycopg

    with psycopg.connect(server_url().replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")


def drop_database():
    import psycopg

    with psycopg.connect(server_url().replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def fill(credits):
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("loaddata", "connescence", verbosity=0)
    people, films = credits // 10, credits // 20
    first = "ARRAY[" + ",".join(f"'{n}'" for n in FIRST) + "]"
    last = "ARRAY[" + ",".join(f"'{n}'" for n in LAST) + "]"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Bulk load as a restore does: foreign-key triggers off (the rows are consistent by construction) and the
        # secondary indexes built once afterwards rather than updated row by row.
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            """SELECT indexname, indexdef FROM pg_indexes
               WHERE tablename IN ('people_person', 'films_film', 'films_credit')
                 AND indexname NOT IN (SELECT conname FROM pg_constraint)"""
        )
        secondary = cursor.fetchall()
        for name, _ in secondary:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(
            f"""INSERT INTO people_person (name, slug, bio, headshot, headshot_credit, headshot_alt, imdb_id,
                   wikidata_id, edited_fields, headshot_renditions, created_at, updated_at)
                SELECT ({first})[1 + n %% 10] || ' ' || ({last})[1 + (n / 10) %% 10] || ' ' || n, 'bench-person-' || n,
                       '', '', '', '', '', '', '[]', 0, now(), now()
                FROM generate_series(0, %s) AS n""",
            [people - 1],
        )
        cursor.execute(
            """INSERT INTO films_film (title, slug, kind, year, release_status, synopsis, network, poster, poster_credit,
                   poster_alt, imdb_id, wikidata_id, edited_fields, poster_renditions, created_at, updated_at)
               SELECT 'Picture ' || n, 'bench-title-' || n, 'movie', 1950 + n %% 75, 'released', '', '', '', '', '', '',
                      '', '[]', 0, now(), now()
               FROM generate_series(0, %s) AS n""",
            [films - 1],
        )
        cursor.execute("SELECT min(id) FROM people_person WHERE slug LIKE 'bench-person-%%'")
        (first_person,) = cursor.fetchone()
        cursor.execute("SELECT min(id) FROM films_film WHERE slug LIKE 'bench-title-%%'")
        (first_film,) = cursor.fetchone()
        # With the triggers off, each credit's search text (films/migrations/0015) is written here, from the names
        # above: person n is FIRST[n % 10] LAST[n / 10 % 10] n, title n is "Picture n".
        cursor.execute(
            f"""INSERT INTO films_credit (film_id, person_id, role, character, billing, search_text)
               SELECT %s + film, %s + person, role, character, billing,
                      UPPER(({first})[1 + person %% 10] || ' ' || ({last})[1 + (person / 10) %% 10] || ' ' || person
                            || E'\\n' || 'Picture ' || film || E'\\n' || character)
               FROM (SELECT i %% %s AS film, i / 10 AS person, i %% 20 AS billing,
                      (ARRAY['actor','actor','actor','director','writer','producer','composer','editor'])[1 + i %% 8]
                      AS role, CASE WHEN i %% 8 < 3 THEN 'Character ' || i ELSE '' END AS character
                     FROM generate_series(0, %s) AS i) AS credit""",
            [first_film, first_person, films, credits - 1],
        )
        for _, definition in secondary:
            cursor.execute(definition)
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("VACUUM ANALYZE")
    print(f"filled {people:,} people, {films:,} titles, {credits:,} credits in {time.perf_counter() - started:.0f} s")


def backend_cpu_ms():
    """CPU ms used so far by this connection's PostgreSQL backend (same machine only; parallel workers not counted)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def timed(client, pages, rounds):
    """Per page: median wall-clock ms (the budget), median CPU ms of this process (steady under load), the database
    backend's mean CPU ms (the kernel counts it in ticks, too coarse for a median) and the query count.

    Each round visits every page once, so a burst of load elsewhere on the machine spreads over all pages rather
    than landing on one page's runs.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _, url in pages:
        client.get(url)
    walls, cpus, backends, queries = ({url: [] for _, url in pages} for _ in range(4))
    found = {}
    for _ in range(rounds):
        for _, url in pages:
            backend_before = backend_cpu_ms()
            with CaptureQueriesContext(connection) as ctx:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                walls[url].append((time.perf_counter() - start) * 1000)
                cpus[url].append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            backend_after = backend_cpu_ms()
            if backend_before is not None:
                backends[url].append(backend_after - backend_before)
            queries[url] = len(ctx.captured_queries)
            found[url] = what_was_found(response) if "q=" in url or "term=" in url else ""
    return {
        url: (
            statistics.median(walls[url]),
            statistics.median(cpus[url]),
            statistics.mean(backends[url]) if backends[url] else None,
            queries[url],
            found[url],
        )
        for _, url in pages
    }


def what_was_found(response):
    """What a search page says it found ("300 results", "more than 1000 results", "the first 51 results found…"), or
    how many an autocomplete answered; "" for other pages."""
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        answer = json.loads(body)
        return f"{len(answer['results'])} answered" + (", more" if answer["pagination"]["more"] else "")
    said = re.search(r'<span class="small quiet">([^(<]*?)\s*\(', body)
    return re.sub(r":.*", " (cut short)", said.group(1)) if said else ""


LONG_STORY_CREDITS = 100


def story_with_credits(story, n):
    """A copy of the seed story (its sources and quotes too) linking n credits of the filled table, made once."""
    from articles.models import Article, ArticleCredit, ArticleSource, Quote
    from films.models import Credit

    slug = f"bench-story-with-{n}-credits"
    existing = Article.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    copy = Article.objects.get(pk=story.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.slug, copy.headline = slug, f"A story linking {n} credits"
    copy.save()
    copy.authors.set(story.authors.all())
    ArticleCredit.objects.bulk_create(
        ArticleCredit(article=copy, credit_id=pk, position=i)
        for i, pk in enumerate(Credit.objects.order_by("pk").values_list("pk", flat=True)[:n], 1)
    )
    for part in (*ArticleSource.objects.filter(article=story), *Quote.objects.filter(article=story)):
        speakers = list(part.speakers.all()) if isinstance(part, Quote) else None
        part.pk, part.article = None, copy
        part.save()
        if speakers is not None:
            part.speakers.set(speakers)
    return copy


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--credits", type=int, default=10_000_000)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the bench database")
    parser.add_argument("--rounds", type=int, default=9, help="visits of every page (the median is reported)")
    parser.add_argument(
        "--python-gc-defaults",
        action="store_true",
        help="leave Python's garbage collector as it starts, rather than as newsroom.wsgi tunes it for a worker",
    )
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="bench-only-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=with_database(server_url(), BENCH_DB),
        PAGE_CACHE_SECONDS="0",
    )
    reuse = args.keep and os.environ.get("BENCH_REUSE") == "1"
    if not reuse:
        recreate_database()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from people.models import Person

    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    try:
        if reuse:
            call_command("migrate", verbosity=0)  # indexes added since the fill
        else:
            fill(args.credits)
        user, _ = get_user_model().objects.get_or_create(username="bench-chief", is_staff=True, is_superuser=True)
        if not args.python_gc_defaults:
            from core.serving import tune_garbage_collection

            tune_garbage_collection()  # as newsroom.wsgi does in each gunicorn worker
        client = Client()
        client.force_login(user)
        story = Article.objects.get(slug="kevin-bacon-and-kyra-sedgwick-join-hands-after-20-years")
        bacon = Person.objects.get(slug="kevin-bacon")
        long_story = story_with_credits(story, LONG_STORY_CREDITS)
        search = "/admin/autocomplete/?app_label=articles&model_name=articlecredit&field_name=credit&term="
        pages = [
            ("credit list", "/admin/films/credit/"),
            ("credit list, role filter", "/admin/films/credit/?role__exact=director"),
            ("credit search 'bacon connescence'", "/admin/films/credit/?q=bacon+connescence"),
            ("credit search 'character 4242'", "/admin/films/credit/?q=character+4242"),
            ("credit search 'character'", "/admin/films/credit/?q=character"),
            ("credit search 'anna'", "/admin/films/credit/?q=anna"),
            ("credit search 'anna 4242'", "/admin/films/credit/?q=anna+4242"),
            ("credit search 'smith 12'", "/admin/films/credit/?q=smith+12"),
            ("credit search 'picture 123'", "/admin/films/credit/?q=picture+123"),
            ("credit search 'anna smith 77'", "/admin/films/credit/?q=anna+smith+77"),
            ("credit autocomplete 'bacon conn'", search + "bacon+conn"),
            ("credit autocomplete 'character 4242'", search + "character+4242"),
            ("person list", "/admin/people/person/"),
            ("person search 'okafor 77'", "/admin/people/person/?q=okafor+77"),
            ("person search 'kevin bacon'", "/admin/people/person/?q=kevin+bacon"),
            ("person search 'anna smith'", "/admin/people/person/?q=anna+smith"),
            ("title list", "/admin/films/film/"),
            ("title list, kind filter", "/admin/films/film/?kind__exact=movie"),
            ("story list", "/admin/articles/article/"),
            ("story form (15 linked credits)", f"/admin/articles/article/{story.pk}/change/"),
            (f"story form ({LONG_STORY_CREDITS} linked credits)", f"/admin/articles/article/{long_story.pk}/change/"),
            ("person form (Kevin Bacon)", f"/admin/people/person/{bacon.pk}/change/"),
        ]  # fmt: skip
        collector = "Python's defaults" if args.python_gc_defaults else "as newsroom.wsgi tunes it (core/serving.py)"
        print(f"\ngarbage collection: {collector}")
        print(f"load average before: {' '.join(f'{n:.1f}' for n in os.getloadavg())} on {os.cpu_count()} CPUs")
        print(f"{'admin page':<40} {'median ms':>10} {'CPU ms':>7} {'DB CPU':>7} {'queries':>8}  target     found")
        figures = timed(client, pages, args.rounds)
        for label, url in pages:
            ms, cpu, backend, queries, found = figures[url]
            budget = 100 if "search" in label or "autocomplete" in label else 50
            backend = "-" if backend is None else f"{backend:.0f}"
            verdict = "OK" if ms <= budget else "OVER"
            print(f"{label:<40} {ms:>10.1f} {cpu:>7.1f} {backend:>7} {queries:>8}  {budget} ms {verdict:<4}  {found}")
        print(f"load average after: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
        with connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute("SELECT count(*) FROM films_credit")
            print(f"\nfor scale, one full COUNT(*) of films_credit: {(time.perf_counter() - start) * 1000:.0f} ms")
    finally:
        connection.close()
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
