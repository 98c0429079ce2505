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
from django.db.models import DEFERRED
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, ArticleCredit, ArticleSource, Correction, Source, Tag
from films.models import Credit, Film
from people.models import Person

from . import roles

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
        self.pk_at = self.attnames.index(model._meta.pk.attname) if model._meta.pk.attname in self.attnames else None
        concrete = model._meta.concrete_fields
        # Model.from_db builds straight from a value per concrete field, the fields not read left DEFERRED.
        self.all_attnames = [field.attname for field in concrete]
        self.places = [concrete.index(field) for field in self.fields]
        self.datetime_places = [concrete.index(f) for f in self.fields if isinstance(f, models.DateTimeField)]
        self.unread = [DEFERRED] * len(concrete)

    def missing(self):
        return sorted(set(self.names) - {field.name for field in self.fields})

    def select(self, alias):
        return ", ".join(f"{alias}.{quote(field.column)}" for field in self.fields)

    def build(self, values):
        """A saved instance from values in this object's field order."""
        full = self.unread.copy()
        for place, value in zip(self.places, values, strict=True):
            full[place] = value
        for place in self.datetime_places:
            full[place] = aware(full[place])
        return self.model.from_db(connection.alias, self.all_attnames, full)


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
    person_at, film_at = len(CREDIT.fields), len(CREDIT.fields) + len(PERSON.fields)
    for row in rows(credits_sql(), [story_id]):
        credit = CREDIT.build(row[:person_at])
        person_id, film_id = row[person_at + PERSON.pk_at], row[film_at + FILM.pk_at]
        if person_id not in people:
            people[person_id] = PERSON.build(row[person_at:film_at])
        if film_id not in films:
            films[film_id] = FILM.build(row[film_at:])
        credit.person, credit.film = people[person_id], films[film_id]
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


def credit_box(credits):
    """The cast & crew box, grouped by title in the story's order, as the strings it shows.

    It is the page's longest loop: a dictionary lookup per value renders several times faster than a chain of
    model attributes and methods, and the template only writes the strings out.
    """
    groups = {}
    for credit in credits:
        film, person = credit.film, credit.person
        group = groups.get(film.slug)
        if group is None:
            kind = film.get_kind_display() if film.is_series else ""
            group = groups[film.slug] = {
                "title": film.title, "url": film.get_absolute_url(), "years": film.years_display, "kind": kind,
                "credits": [],
            }  # fmt: skip
        character = credit.character if credit.is_cast else ""
        if character:
            role = ""
        elif credit.is_cast:
            role = roles.cast_line(credit) or roles.CAST
        else:
            role = roles.heading(credit)
        group["credits"].append(
            {"name": person.name, "url": person.get_absolute_url(), "character": character, "role": role}
        )
    return list(groups.values())


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
    source_links = []
    for row in rows(sources_sql(), [story.pk]):
        link, source = split(row, SOURCE_LINK, SOURCE)
        link.source = source
        source_links.append(link)
    return {
        "credits": credits,
        "credit_box": credit_box(credits),
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
