"""Staged people and titles into their tables: one INSERT … ON CONFLICT keyed by IMDb id per batch,
so a second run updates and never duplicates."""

from django.db import connection

from people.models import Person

from ..models import Film
from .bulk import bulk_mode
from .sql import column, has_imdb_id, insert_values, is_postgres, table

# Fields each dataset writes: model field -> staging column. The first is the IMDb id.
PEOPLE = {"imdb_id": "nconst", "name": "name", "slug": "slug"}
TITLES = {
    "imdb_id": "tconst",
    "title": "title",
    "slug": "slug",
    "kind": "kind",
    "year": "year",
    "end_year": "end_year",
    "release_status": "status",
}
# Fields a later run brings up to date; the slug stays as first made, so links to the page keep working.
PEOPLE_UPDATED = ("name",)
TITLES_UPDATED = ("title", "kind", "year", "end_year", "release_status")


def merge_people(*, stage, now, rows):
    _merge(Person, stage=stage, staged=PEOPLE, updated=PEOPLE_UPDATED, now=now, rows=rows)


def merge_titles(*, stage, now, rows):
    _merge(Film, stage=stage, staged=TITLES, updated=TITLES_UPDATED, now=now, rows=rows)


def _merge(model, *, stage, staged, updated, now, rows):
    key = staged["imdb_id"]
    columns, select, params = insert_values(model, staged=staged, values={"created_at": now, "updated_at": now})
    if is_postgres():  # the last line of an id wins: PostgreSQL refuses to upsert one row twice in a statement
        source = f"SELECT DISTINCT ON ({key}) {select} FROM {stage} ORDER BY {key}, line DESC"
    else:  # SQLite applies the rows in order, so the last line wins there too
        source = f"SELECT {select} FROM {stage} WHERE 1 ORDER BY line"
    sql = f"""
        INSERT INTO {table(model)} ({columns}) {source}
        ON CONFLICT ({column(model, "imdb_id")}) WHERE {has_imdb_id(model)}
        DO UPDATE SET {_assignments(model, updated)}
        WHERE {_any_differs(model, updated)}
    """
    with bulk_mode(model, rows=rows, keep_unique=True), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _assignments(model, fields):
    return ", ".join(f"{column(model, name)} = excluded.{column(model, name)}" for name in (*fields, "updated_at"))


def _any_differs(model, fields):
    # SQLite has no IS DISTINCT FROM; its IS NOT compares NULLs the same way.
    differs = "IS DISTINCT FROM" if is_postgres() else "IS NOT"
    return " OR ".join(
        f"{table(model)}.{column(model, name)} {differs} excluded.{column(model, name)}" for name in fields
    )
