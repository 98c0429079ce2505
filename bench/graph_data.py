"""The credits bench/graph.py measures on: a generated people x titles graph, its degree report, and the fill.

Two shapes, the same size (at --scale 1.0: 1M people, 500k titles, 10M credits, so 10 credits per person and 20
per title on average):

- "skewed": a configuration model over truncated discrete power laws, P(k) ~ k^-gamma for kmin <= k <= kmax.
  People: kmin 1 (most people on IMDb have a single credit), kmax 3,000 (the issue's "a prolific actor in
  thousands of titles"). Titles: kmin 5 (a title has at least a few principals), kmax 5,000 (its "TV series with
  thousands of credits"). The exponents are not chosen: they are solved so the means are the issue's 10 and 20,
  which gives about 1.8 for people and 2.2 for titles, inside the 1.8-2.5 range published for IMDb's credit
  counts. Each credit then pairs a random person stub with a random title stub, so hubs meet hubs only as often
  as chance has it. The previous generator (Zipf 0.9 over every person) gave one person ~300k credits, a
  hundred times the issue's hubs.
- "uniform": the anchor's data (/work/shared/bench/anchors, imdb_sample.py): every title has exactly 20 people,
  each drawn uniformly, so a person's credits are Poisson(10) and there are no hubs.
"""

import time

import numpy as np

ROLES = np.array(["actor", "actress", "director", "writer", "producer", "composer", "editor", "self"])
ROLE_WEIGHTS = np.array([0.38, 0.27, 0.07, 0.1, 0.1, 0.03, 0.03, 0.02])
PEOPLE_DEGREE = (1, 3_000)  # (kmin, kmax) of a person's credits in the skewed shape
TITLE_DEGREE = (5, 5_000)  # (kmin, kmax) of a title's credits
COPY_ROWS = 1_000_000


def exponent_for_mean(kmin, kmax, mean):
    """The gamma of a power law truncated to [kmin, kmax] whose mean is `mean` (bisection: the mean falls as
    gamma grows)."""
    k = np.arange(kmin, kmax + 1, dtype=np.float64)
    low, high = 0.5, 4.0
    for _ in range(60):
        gamma = (low + high) / 2
        weights = k**-gamma
        if (k * weights).sum() / weights.sum() > mean:
            low = gamma
        else:
            high = gamma
    return gamma


def power_law_stubs(rng, n, kmin, kmax, total):
    """Node numbers repeated by their degree, shuffled: `total` stubs of n nodes with power-law degrees."""
    gamma = exponent_for_mean(kmin, kmax, total / n)
    k = np.arange(kmin, kmax + 1)
    cumulative = np.cumsum(k**-gamma)
    degree = k[np.searchsorted(cumulative, rng.random(n) * cumulative[-1])]
    stubs = rng.permutation(np.repeat(np.arange(n), degree))
    if len(stubs) < total:  # the draw's sum misses total by ~0.1 %: top up in proportion to degree
        stubs = np.concatenate((stubs, rng.choice(stubs, total - len(stubs))))
    return stubs[:total], gamma


def generate(scale, shape, rng):
    """(people, titles, person, film, role): 0-based credit arrays, one row per distinct (film, person, role)."""
    people, titles, credits = int(1_000_000 * scale), int(500_000 * scale), int(10_000_000 * scale)
    if shape == "uniform":
        film = np.repeat(np.arange(titles), credits // titles)
        person = rng.integers(0, people, len(film))
        exponents = None
    else:
        person, person_gamma = power_law_stubs(rng, people, *PEOPLE_DEGREE, credits)
        film, title_gamma = power_law_stubs(rng, titles, *TITLE_DEGREE, credits)
        exponents = (person_gamma, title_gamma)
    role = rng.choice(len(ROLES), size=len(film), p=ROLE_WEIGHTS)
    key = np.unique((film.astype(np.int64) * people + person) * len(ROLES) + role)  # the credit_unique constraint
    role, rest = key % len(ROLES), key // len(ROLES)
    return people, titles, rest % people, rest // people, role, exponents


def degree_report(people, titles, person, film, exponents):
    """Lines describing the degree distribution: distinct titles per person, distinct people per title."""
    edges = np.unique(film.astype(np.int64) * people + person)
    lines = []
    for what, ends, n in (("person", edges % people, people), ("title", edges // people, titles)):
        degree = np.bincount(ends, minlength=n)
        have = degree[degree > 0]
        lines.append(
            f"  {what} degree ({'titles' if what == 'person' else 'people'}): max {have.max():,}, "
            f"p99.9 {np.percentile(have, 99.9):,.0f}, p99 {np.percentile(have, 99):,.0f}, "
            f"median {np.median(have):,.0f}, mean {have.mean():.1f}; {(have >= 1000).sum():,} with >= 1,000, "
            f"{(degree == 0).sum():,} with none"
        )
    if exponents:
        lines.append(
            f"  power-law exponents solved for the means: people {exponents[0]:.2f}, titles {exponents[1]:.2f}"
        )
    return lines


def fill(scale, shape, rng):
    """Migrate the bench database and COPY the generated people, titles and credits into it."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    people, titles, person, film, role, exponents = generate(scale, shape, rng)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO people_person (id, name, slug, bio, headshot, headshot_credit, headshot_alt, imdb_id,
                   wikidata_id, created_at, updated_at, edited_fields, headshot_renditions)
               SELECT n, 'Person ' || n, 'person-' || n, '', '', '', '', '', '', now(), now(), '[]', 0
               FROM generate_series(1, %s) AS n""",
            [people],
        )
        cursor.execute(
            """INSERT INTO films_film (id, title, slug, kind, year, release_status, synopsis, network, poster,
                   poster_credit, poster_alt, imdb_id, wikidata_id, created_at, updated_at, edited_fields,
                   poster_renditions)
               SELECT n, 'Title ' || n, 'title-' || n, 'movie', 1950 + n %% 75, 'released', '', '', '', '', '', '', '',
                      now(), now(), '[]', 0
               FROM generate_series(1, %s) AS n""",
            [titles],
        )
        recreate = _drop_secondary(cursor, "films_credit")
        raw = connection.connection.cursor()
        with raw.copy("COPY films_credit (film_id, person_id, role, character, billing) FROM STDIN") as copy:
            for at in range(0, len(film), COPY_ROWS):
                rows = zip(
                    (film[at : at + COPY_ROWS] + 1).tolist(),
                    (person[at : at + COPY_ROWS] + 1).tolist(),
                    ROLES[role[at : at + COPY_ROWS]].tolist(),
                    strict=True,
                )
                copy.write("".join(f"{f}\t{p}\t{r}\t\t0\n" for f, p, r in rows))
        for sql in recreate:
            cursor.execute(sql)
        for table in ("people_person", "films_film", "films_credit"):  # rows made later get the next ids
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("VACUUM ANALYZE")
    print(
        f"filled ({shape}) {people:,} people, {titles:,} titles, {len(person):,} credits "
        f"in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    for line in degree_report(people, titles, person, film, exponents):
        print(line, flush=True)


def _drop_secondary(cursor, table):
    """Drop a table's secondary indexes and constraints for a bulk load; returns the SQL that recreates them."""
    cursor.execute(
        """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = %s::regclass AND contype IN ('f', 'u')""",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN
           (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))""",
        [table, table],
    )
    indexes = cursor.fetchall()
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes] + [f'ALTER TABLE {table} ADD CONSTRAINT "{n}" {sql}' for n, sql in constraints]
