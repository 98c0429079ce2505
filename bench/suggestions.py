"""Credit suggestions at IMDb scale: the engine against today's matcher, in the same run, on the same database.

    python bench/suggestions.py [--people 1000000] [--titles 500000] [--credits 10000000] [--rebuild]

Builds (once; reused while the sizes match) a SQLite file under bench/data/ holding the seed story, the test
suite's look-alike world, and synthetic IMDb-shaped data around it: namesakes and Jr./III variants of every real
person, same-name titles across years and kinds, and at least 100k titles that are common words or short
phrases ("Night", "Home", "Sunday Night"). Then, for a 1,000-word story and for each held-out story:

- CPU per story (median of 7, in process, SQLite queries included) and query count, engine vs baseline;
- recall and precision of the strong suggestions against each story's truth (baseline: all its suggestions);
- the engine keeps no in-memory index: memory is the process's peak RSS.

Budgets: <= 50 ms CPU for the 1,000-word story, a constant number of queries.
"""

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data"
STORIES = ROOT / "tests" / "articles" / "suggestions" / "stories"
SYLLABLES = "ka lo mi ran tes vor bel dan ith sar no lu ve ma rio zan tor hel bri cas pen da fi gor".split()
KINDS = ["movie"] * 6 + ["tvSeries"] * 2 + ["tvMovie", "tvMiniSeries", "tvSpecial", "short", "video"]
ROLES = ["actor"] * 12 + ["director", "writer", "producer", "self", "composer", "cinematographer", "editor"]


def setup(path):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="bench-only-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{path}",
    )
    import django

    django.setup()


def word(rng, parts=2):
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def build(path, *, people, titles, credits):
    """Schema by migrate, the real world through the ORM, the synthetic bulk through executemany."""
    from django.core.management import call_command

    from core.names import name_key, title_key
    from films.models import Film
    from people.models import Person
    from tests.articles.suggestions import world

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "connescence", verbosity=0)
    world.build()
    real_people = list(Person.objects.values_list("name", flat=True))
    real_titles = list(Film.objects.values_list("title", flat=True))
    rng = random.Random(7)
    from django.db import connection

    connection.close()  # the bulk goes through its own connection
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    now = "2024-01-01 00:00:00"

    names = []
    for name in real_people:  # namesakes and suffixed look-alikes of everyone the stories name
        names += [name, name, f"{name} Jr.", f"{name} III"]
    while len(names) < people:
        middle = f" {rng.choice('ABCDEFGHJKLMNPRST')}." if rng.random() < 0.1 else ""
        names.append(f"{word(rng)}{middle} {word(rng, 3)}")
    columns, blanks = _blank_columns(Person, ["created_at", "updated_at", "name", "name_key", "slug"])
    db.executemany(
        f"INSERT INTO people_person ({columns}) VALUES (?, ?, ?, ?, ?{blanks})",
        ((now, now, name, name_key(name), f"bench-p-{i}") for i, name in enumerate(names[:people])),
    )

    from articles.suggestions.normalise import COMMON_WORDS, is_common

    common = sorted(COMMON_WORDS)
    rows = []
    for title in real_titles:  # same-name titles across the years and kinds
        rows += [(title, rng.randint(1930, 2024), rng.choice(KINDS)) for _ in range(8)]
    while len(rows) < min(110_000, titles):  # common words and short phrases, as in real IMDb data
        phrase = rng.choice(common).capitalize()
        if rng.random() < 0.5:
            phrase += " " + rng.choice(common).capitalize()
        rows.append((phrase, rng.randint(1930, 2024), rng.choice(KINDS)))
    while len(rows) < titles:
        rows.append((" ".join(word(rng) for _ in range(rng.randint(1, 3))), rng.randint(1930, 2024), rng.choice(KINDS)))
    columns, blanks = _blank_columns(Film, ["created_at", "updated_at", "title", "title_key", "slug", "kind", "year"])
    db.executemany(
        f"INSERT INTO films_film ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?{blanks})",
        ((now, now, t, title_key(t), f"bench-t-{i}", kind, year) for i, (t, year, kind) in enumerate(rows[:titles])),
    )
    db.commit()
    person_ids = [r[0] for r in db.execute("SELECT id FROM people_person")]
    film_ids = [r[0] for r in db.execute("SELECT id FROM films_film")]
    real_ids = [r[0] for r in db.execute("SELECT id FROM people_person WHERE slug NOT LIKE 'bench-%'")]
    indexes = [
        r for r in db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='films_credit'")
    ]
    for index_name, _sql in indexes:
        if not index_name.startswith("sqlite_autoindex"):
            db.execute(f'DROP INDEX "{index_name}"')

    def credit_rows():
        seen = set()
        for n in range(credits):
            person = rng.choice(real_ids) if n % 200 == 0 else rng.choice(person_ids)  # the named are prolific
            film = rng.choice(film_ids)
            role = rng.choice(ROLES)
            if (film, person, role) in seen:
                continue
            seen.add((film, person, role))
            yield film, person, role, "", n % 20 + 1

    db.executemany(
        "INSERT OR IGNORE INTO films_credit (film_id, person_id, role, character, billing) VALUES (?, ?, ?, ?, ?)",
        credit_rows(),
    )
    for _name, sql in indexes:
        if sql:
            db.execute(sql)
    db.execute("ANALYZE")
    db.commit()
    db.close()
    common_titles = sum(1 for t, _, _ in rows[:titles] if is_common(title_key(t)))
    sizes = {"people": people, "titles": titles, "credits": credits, "common_titles": common_titles}
    (path.with_suffix(".json")).write_text(json.dumps(sizes))
    return time.perf_counter() - started


def _blank_columns(model, given):
    """The INSERT's column list: the given ones, then every other non-null column with its default as a literal."""
    import json as _json

    names, literals = list(given), []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.column in given or field.null:
            continue
        default = field.get_default()
        value = _json.dumps(default) if isinstance(default, list | dict) else default
        value = int(value) if isinstance(value, bool) else value
        names.append(field.column)
        literals.append("'" + str(value).replace("'", "''") + "'")
    return ", ".join(names), "".join(f", {literal}" for literal in literals)


def _common_titles(path):
    """How many titles are common words or phrases of them (counted once, kept beside the database)."""
    from articles.suggestions.normalise import is_common
    from films.models import Film

    meta = json.loads(path.with_suffix(".json").read_text())
    if "common_titles" not in meta:
        keys = Film.objects.values_list("title_key", flat=True).iterator(chunk_size=20000)
        meta["common_titles"] = sum(1 for key in keys if is_common(key))
        path.with_suffix(".json").write_text(json.dumps(meta))
    return meta["common_titles"]


def thousand_words():
    from articles.story_text import parse_story

    texts = [parse_story((STORIES / f"{name}.txt").read_text()).text for name in story_names()]
    words = " ".join(texts).split(" ")
    while len(words) < 1000:
        words += words
    return "\n".join(" ".join(words[i : i + 80]) for i in range(0, 1000, 80))


def story_names():
    return sorted(path.stem for path in STORIES.glob("*.txt"))


def measure(label, run, text):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run(text)  # warm
    times = []
    for _ in range(7):
        started = time.process_time()
        run(text)
        times.append(time.process_time() - started)
    with CaptureQueriesContext(connection) as queries:
        run(text)
    print(f"  {label:28} {statistics.median(times) * 1000:8.1f} ms CPU  {len(queries.captured_queries):3} queries")
    return statistics.median(times)


def engine(text):
    from articles.suggestions import suggest

    return suggest(text)


def baseline(text):
    from bench import legacy_suggestions as legacy

    mentions = legacy.find_mentions(text)
    return legacy.suggest_credits(text, mentions)


def scores():
    from articles.story_text import parse_story
    from articles.suggestions import suggest
    from bench import legacy_suggestions as legacy

    totals = {"engine": [0, 0, 0], "baseline": [0, 0, 0]}
    for name in story_names():
        parsed = parse_story((STORIES / f"{name}.txt").read_text())
        truth = {tuple(c) for c in json.loads((STORIES / f"{name}.truth.json").read_text())["credits"]}
        found = suggest(parsed.text, on=parsed.dateline).strong
        mine = {(s.film.slug, s.person.slug, str(s.role), s.character) for s in found}
        old = legacy.suggest_credits(parsed.text, legacy.find_mentions(parsed.text))
        theirs = {(s.film.slug, s.person.slug, str(s.role), s.character) for s in old}
        for key, got in (("engine", mine), ("baseline", theirs)):
            totals[key][0] += len(truth & got)
            totals[key][1] += len(truth)
            totals[key][2] += len(got)
    for key, (hits, wanted, made) in totals.items():
        precision = hits / made if made else 0
        print(f"  {key:10} recall {hits}/{wanted} = {hits / wanted:6.1%}   precision {hits}/{made} = {precision:6.1%}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--titles", type=int, default=500_000)
    parser.add_argument("--credits", type=int, default=10_000_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"suggestions-{args.people}-{args.titles}-{args.credits}.sqlite3"
    if args.rebuild and path.exists():
        path.unlink()
    fresh = not path.exists()
    setup(path)
    if not fresh:  # a database built by an earlier version of the schema catches up
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    if fresh:
        print(f"Building {path.name} …", flush=True)
        print(f"  built in {build(path, people=args.people, titles=args.titles, credits=args.credits):.0f} s")
    from films.models import Credit, Film
    from people.models import Person

    common = _common_titles(path)
    print(
        f"Database: {Person.objects.count():,} people, {Film.objects.count():,} titles, {Credit.objects.count():,} "
        f"credits; {common:,} titles are common words or short phrases of them"
    )
    text = thousand_words()
    print(f"A {len(text.split()):,}-word story (the held-out stories run together):")
    new = measure("engine (articles.suggestions)", engine, text)
    old = measure("baseline (today's matcher)", baseline, text)
    print(f"  engine / baseline: {new / old:.2f}x; budget 50 ms: {'met' if new <= 0.050 else 'MISSED'}")
    print("Held-out stories (strong suggestions vs truth):")
    scores()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak RSS of this process: {rss:.0f} MB; the engine builds no in-memory index (0 s, 0 MB)")


if __name__ == "__main__":
    main()
