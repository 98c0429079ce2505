"""What a story page shows beyond the story itself, read with plain SQL.

The story page is the newsroom's hottest path. Through the ORM these five reads cost about 3.7 ms of
compiling queries and building objects (bench/pages.py); as plain SQL they cost about 0.3 ms. Whether a
reader may see the story at all is still decided by Article.objects.public(): these reads only fetch what
hangs off a story already chosen, in a fixed number of queries whatever the number of credits.

Every table and column name comes from the models' _meta (each statement is built once per process), and every object is built with Model.from_db,
so it is an ordinary saved instance. The system check below fails at start-up if a field read here is gone.
"""

from datetime import UTC
from functools import cache

from django.contrib.auth import get_user_model
from django.core import checks
from django.db import connection, models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, ArticleCredit, ArticleSource, Correction, Source, Tag
from films.models import Credit, Film
from people.models import Person

User = get_user_model()


def aware(value):
    """SQLite hands back naive UTC datetimes (strings, out of a UNION); PostgreSQL aware ones."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=UTC) if value is not None and timezone.is_naive(value) else value


def quote(name):
    return connection.ops.quote_name(name)


def table(model):
    return quote(model._meta.db_table)


def column(model, name):
    return quote(model._meta.get_field(name).column)


class Columns:
    """Some of a model's fields, in the model's own order: the order Model.from_db expects its values in."""

    def __init__(self, model, *names):
        self.model, self.names = model, names
        self.fields = [field for field in model._meta.concrete_fields if field.name in names]
        self.attnames = [field.attname for field in self.fields]
        self.datetimes = [isinstance(field, models.DateTimeField) for field in self.fields]

    def missing(self):
        return sorted(set(self.names) - {field.name for field in self.fields})

    def select(self, alias):
        return ", ".join(f"{alias}.{quote(field.column)}" for field in self.fields)

    def build(self, values):
        """A saved instance from values in this object's field order."""
        values = [aware(v) if is_datetime else v for is_datetime, v in zip(self.datetimes, values, strict=True)]
        return self.model.from_db(connection.alias, self.attnames, values)


CREDIT = Columns(Credit, "id", "role", "character", "billing")
PERSON = Columns(Person, "id", "updated_at", "name", "slug", "imdb_id", "wikidata_id")
FILM = Columns(
    Film, "id", "updated_at", "title", "slug", "kind", "year", "end_year", "release_status", "imdb_id", "wikidata_id"
)
TAG = Columns(Tag, "id", "name", "slug")
LINKED_PERSON = Columns(Person, "id", "updated_at", "name", "slug", "imdb_id", "wikidata_id")
LINKED_FILM = Columns(Film, "id", "updated_at", "title", "slug", "kind", "year", "imdb_id", "wikidata_id")
SOURCE_LINK = Columns(ArticleSource, "id", "credited_as", "position")
SOURCE = Columns(Source, "id", "name", "slug", "kind", "url")
AUTHOR = Columns(User, "id", "username", "first_name", "last_name")
CORRECTION = Columns(Correction, "id", "article", "note", "at", "updated_at")
READS = [CREDIT, PERSON, FILM, TAG, LINKED_PERSON, LINKED_FILM, SOURCE_LINK, SOURCE, AUTHOR, CORRECTION]


@checks.register()
def check_story_page_reads(app_configs, **kwargs):
    """A field renamed or removed under the story page's SQL is an error at start-up, not a broken page."""
    return [
        checks.Error(
            f"The story page reads {', '.join(columns.missing())} from {columns.model._meta.label}, which has no such field.",
            hint="Update newsroom/public/story_page.py to the model.",
            obj=columns.model,
            id="newsroom.E001",
        )
        for columns in READS
        if columns.missing()
    ]


@cache
def credits_sql():
    link = ArticleCredit
    return f"""
        SELECT {CREDIT.select("c")}, {PERSON.select("p")}, {FILM.select("f")}
        FROM {table(link)} AS link
        JOIN {table(Credit)} AS c ON c.{column(Credit, "id")} = link.{column(link, "credit")}
        JOIN {table(Person)} AS p ON p.{column(Person, "id")} = c.{column(Credit, "person")}
        JOIN {table(Film)} AS f ON f.{column(Film, "id")} = c.{column(Credit, "film")}
        WHERE link.{column(link, "article")} = %s
        ORDER BY link.{column(link, "position")}, link.{column(link, "id")}
    """


@cache
def labels_sql():
    """Tags and the people and titles a story links without a credit, as one list of labelled rows.

    Each branch selects (label, id, name, slug, imdb_id, wikidata_id, updated_at, kind, year).
    """
    tags, people, films = Article.tags.through, Article.linked_people.through, Article.linked_films.through
    return f"""
        SELECT 'tag', t.{column(Tag, "id")}, t.{column(Tag, "name")}, t.{column(Tag, "slug")}, '', '', NULL, '',
               CAST(NULL AS INTEGER)
        FROM {table(Tag)} AS t JOIN {table(tags)} AS link ON link.{column(tags, "tag")} = t.{column(Tag, "id")}
        WHERE link.{column(tags, "article")} = %s
        UNION ALL
        SELECT 'person', p.{column(Person, "id")}, p.{column(Person, "name")}, p.{column(Person, "slug")},
               p.{column(Person, "imdb_id")}, p.{column(Person, "wikidata_id")}, p.{column(Person, "updated_at")}, '',
               CAST(NULL AS INTEGER)
        FROM {table(Person)} AS p
        JOIN {table(people)} AS link ON link.{column(people, "person")} = p.{column(Person, "id")}
        WHERE link.{column(people, "article")} = %s
        UNION ALL
        SELECT 'title', f.{column(Film, "id")}, f.{column(Film, "title")}, f.{column(Film, "slug")},
               f.{column(Film, "imdb_id")}, f.{column(Film, "wikidata_id")}, f.{column(Film, "updated_at")},
               f.{column(Film, "kind")}, f.{column(Film, "year")}
        FROM {table(Film)} AS f JOIN {table(films)} AS link ON link.{column(films, "film")} = f.{column(Film, "id")}
        WHERE link.{column(films, "article")} = %s
        ORDER BY 1, 3
    """


@cache
def sources_sql():
    link = ArticleSource
    return f"""
        SELECT {SOURCE_LINK.select("link")}, {SOURCE.select("s")}
        FROM {table(link)} AS link JOIN {table(Source)} AS s ON s.{column(Source, "id")} = link.{column(link, "source")}
        WHERE link.{column(link, "article")} = %s
        ORDER BY link.{column(link, "position")}, link.{column(link, "id")}
    """


@cache
def bylines_sql():
    link = Article.authors.through
    return f"""
        SELECT {AUTHOR.select("u")}
        FROM {table(User)} AS u JOIN {table(link)} AS link ON link.{column(link, "user")} = u.{column(User, "id")}
        WHERE link.{column(link, "article")} = %s
        ORDER BY link.{column(link, "id")}
    """


@cache
def corrections_sql():
    return f"""
        SELECT {CORRECTION.select("c")} FROM {table(Correction)} AS c
        WHERE c.{column(Correction, "article")} = %s AND c.{column(Correction, "withdrawn_at")} IS NULL
        ORDER BY c.{column(Correction, "at")}, c.{column(Correction, "id")}
    """


def rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def split(row, *reads):
    """A row that selects several models' columns one after another, as one instance of each."""
    built, start = [], 0
    for columns in reads:
        end = start + len(columns.fields)
        built.append(columns.build(row[start:end]))
        start = end
    return built


def read_credits(story_id):
    """The story's linked credits in its order; each person and title is built once."""
    people, films, credits = {}, {}, []
    for row in rows(credits_sql(), [story_id]):
        credit, person, film = split(row, CREDIT, PERSON, FILM)
        credit.person = people.setdefault(person.pk, person)
        credit.film = films.setdefault(film.pk, film)
        credits.append(credit)
    return credits


def read_label(label, pk, name, slug, imdb_id, wikidata_id, updated_at, kind, year):
    """One row of labels_sql() as a Tag, Person or Film."""
    if label == "tag":
        values = {"id": pk, "name": name, "slug": slug}
        columns = TAG
    elif label == "person":
        values = {"id": pk, "name": name, "slug": slug, "imdb_id": imdb_id, "wikidata_id": wikidata_id}
        columns = LINKED_PERSON
    else:
        values = {"id": pk, "title": name, "slug": slug, "imdb_id": imdb_id, "wikidata_id": wikidata_id}
        values.update(kind=kind, year=year)
        columns = LINKED_FILM
    values["updated_at"] = updated_at
    return columns.build([values[field.name] for field in columns.fields])


def read(story):
    """The story page's data: credits (with people and titles), labels, sources, byline and corrections."""
    credits = read_credits(story.pk)
    credited_people = {credit.person.slug: credit.person for credit in credits}
    credited_films = {credit.film.slug: credit.film for credit in credits}
    tags, linked_people, linked_films = [], {}, {}
    for row in rows(labels_sql(), [story.pk] * 3):
        thing = read_label(*row)
        if isinstance(thing, Tag):
            tags.append(thing)
        elif isinstance(thing, Person) and thing.slug not in credited_people:
            linked_people[thing.slug] = thing
        elif isinstance(thing, Film) and thing.slug not in credited_films:
            linked_films[thing.slug] = thing
    credit_groups = {}
    for credit in credits:
        credit_groups.setdefault(credit.film.slug, (credit.film, []))[1].append(credit)
    source_links = []
    for row in rows(sources_sql(), [story.pk]):
        link, source = split(row, SOURCE_LINK, SOURCE)
        link.source = source
        source_links.append(link)
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
        "source_links": source_links,
        "authors": [AUTHOR.build(row) for row in rows(bylines_sql(), [story.pk])],
        "corrections": [CORRECTION.build(row) for row in rows(corrections_sql(), [story.pk])],
    }
