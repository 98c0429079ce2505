"""What a story page shows beyond the story itself, read with plain SQL.

The story page is the newsroom's hottest path, budgeted at 3.6 ms of server CPU per request. Through
the ORM these five reads cost about 3.7 ms of compiling queries and building objects (bench/pages.py);
as plain SQL they cost about 0.3 ms. Whether a reader may see the story at all is still decided by
Article.objects.public(): these reads only fetch what hangs off a story already chosen, in a fixed
number of queries whatever the number of credits.
"""

from datetime import UTC

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, ArticleSource, Correction, Source, Tag
from films.models import Credit, Film
from people.models import Person

User = get_user_model()
AUTHORS_TABLE = Article.authors.through._meta.db_table
USERS_TABLE = User._meta.db_table

CREDITS_SQL = """
    SELECT c.id, c.role, c."character", c.billing,
           p.id, p.updated_at, p.name, p.slug, p.imdb_id, p.wikidata_id,
           f.id, f.updated_at, f.title, f.slug, f.kind, f.year, f.end_year, f.release_status, f.imdb_id, f.wikidata_id
    FROM articles_articlecredit AS link
    JOIN films_credit AS c ON c.id = link.credit_id
    JOIN people_person AS p ON p.id = c.person_id
    JOIN films_film AS f ON f.id = c.film_id
    WHERE link.article_id = %s
    ORDER BY link.position, link.id
"""

# Tags and the people and titles a story links without a credit, as one list of labels.
LABELS_SQL = """
    SELECT 'tag', t.name, t.slug, '', '', NULL, '', CAST(NULL AS INTEGER), t.id
    FROM articles_tag AS t JOIN articles_article_tags AS link ON link.tag_id = t.id
    WHERE link.article_id = %s
    UNION ALL
    SELECT 'person', p.name, p.slug, p.imdb_id, p.wikidata_id, p.updated_at, '', CAST(NULL AS INTEGER), p.id
    FROM people_person AS p JOIN articles_article_linked_people AS link ON link.person_id = p.id
    WHERE link.article_id = %s
    UNION ALL
    SELECT 'title', f.title, f.slug, f.imdb_id, f.wikidata_id, f.updated_at, f.kind, f.year, f.id
    FROM films_film AS f JOIN articles_article_linked_films AS link ON link.film_id = f.id
    WHERE link.article_id = %s
    ORDER BY 1, 2
"""

SOURCES_SQL = """
    SELECT link.id, link.credited_as, link.position, s.id, s.name, s.slug, s.kind, s.url
    FROM articles_articlesource AS link JOIN articles_source AS s ON s.id = link.source_id
    WHERE link.article_id = %s
    ORDER BY link.position, link.id
"""

BYLINES_SQL = f"""
    SELECT u.id, u.username, u.first_name, u.last_name
    FROM {USERS_TABLE} AS u JOIN {AUTHORS_TABLE} AS link ON link.user_id = u.id
    WHERE link.article_id = %s
    ORDER BY link.id
"""

CORRECTIONS_SQL = """
    SELECT id, note, at FROM articles_correction WHERE article_id = %s ORDER BY at, id
"""


def aware(value):
    """SQLite hands back naive UTC datetimes (strings, out of a UNION); PostgreSQL aware ones."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=UTC) if value is not None and timezone.is_naive(value) else value


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The columns CREDITS_SQL selects for each model, in the model's own field order (Model.from_db expects that order).
PERSON_FIELDS = ["id", "updated_at", "name", "slug", "imdb_id", "wikidata_id"]
FILM_FIELDS = [
    "id",
    "updated_at",
    "title",
    "slug",
    "kind",
    "year",
    "end_year",
    "release_status",
    "imdb_id",
    "wikidata_id",
]
CREDIT_FIELDS = ["id", "role", "character", "billing"]
for model, names in [(Person, PERSON_FIELDS), (Film, FILM_FIELDS), (Credit, CREDIT_FIELDS)]:
    assert names == [f.attname for f in model._meta.concrete_fields if f.attname in names], model


def read_credits(story_id):
    """The story's linked credits in its order; each person and title is built once (Model.from_db: no query)."""
    db = connection.alias
    people, films, credits = {}, {}, []
    for row in rows(CREDITS_SQL, [story_id]):
        person_id, film_id = row[4], row[10]
        if person_id not in people:
            people[person_id] = Person.from_db(db, PERSON_FIELDS, [person_id, aware(row[5]), *row[6:10]])
        if film_id not in films:
            films[film_id] = Film.from_db(db, FILM_FIELDS, [film_id, aware(row[11]), *row[12:20]])
        credit = Credit.from_db(db, CREDIT_FIELDS, row[:4])
        credit.person, credit.film = people[person_id], films[film_id]
        credits.append(credit)
    return credits


def read(story):
    """The story page's data: credits (with people and titles), labels, sources, byline and corrections."""
    credits = read_credits(story.pk)
    credited_people = {credit.person.slug: credit.person for credit in credits}
    credited_films = {credit.film.slug: credit.film for credit in credits}
    tags, linked_people, linked_films = [], {}, {}
    for label, name, slug, imdb_id, wikidata_id, updated_at, kind, year, pk in rows(LABELS_SQL, [story.pk] * 3):
        if label == "tag":
            tags.append(Tag(name=name, slug=slug))
        elif label == "person" and slug not in credited_people:
            linked_people[slug] = Person(
                id=pk, name=name, slug=slug, imdb_id=imdb_id, wikidata_id=wikidata_id, updated_at=aware(updated_at)
            )
        elif label == "title" and slug not in credited_films:
            linked_films[slug] = Film(
                id=pk, title=name, slug=slug, kind=kind, year=year, imdb_id=imdb_id, wikidata_id=wikidata_id,
                updated_at=aware(updated_at),
            )  # fmt: skip
    credit_groups = {}
    for credit in credits:
        credit_groups.setdefault(credit.film.slug, (credit.film, []))[1].append(credit)
    return {
        "credits": credits,
        "credit_groups": list(credit_groups.values()),
        "tags": sorted(tags, key=lambda tag: tag.name),
        "credited_people": list(credited_people.values()),
        "credited_films": list(credited_films.values()),
        "linked_people": list(linked_people.values()),
        "linked_films": list(linked_films.values()),
        "story_people": [*credited_people.values(), *linked_people.values()],
        "story_films": [*credited_films.values(), *linked_films.values()],
        "source_links": [
            ArticleSource(
                id=lid,
                credited_as=credited_as,
                position=position,
                source=Source(id=sid, name=name, slug=slug, kind=kind, url=url),
            )  # fmt: skip
            for lid, credited_as, position, sid, name, slug, kind, url in rows(SOURCES_SQL, [story.pk])
        ],
        "authors": [
            User(id=uid, username=username, first_name=first, last_name=last)
            for uid, username, first, last in rows(BYLINES_SQL, [story.pk])
        ],
        "corrections": [
            Correction(id=cid, article_id=story.pk, note=note, at=aware(at))
            for cid, note, at in rows(CORRECTIONS_SQL, [story.pk])
        ],
    }
