"""Staged people and titles into their tables: one INSERT … ON CONFLICT keyed by IMDb id per batch,
so a second run updates and never duplicates.

A later run brings the model's IMPORTED_FIELDS up to date (the slug stays as first made, so links to
the page keep working), except fields an editor changed by hand (edited_fields), which keep the
editor's value; with overwrite, IMDb's values replace them and the marks are cleared.
"""

from django.db import connection

from people.keys import fill_name_keys
from people.models import Person

from ..keys import fill_title_keys
from ..models import Film
from .bulk import bulk_mode
from .datasets import NAMES, TITLES
from .parsing import COLUMNS
from .sql import column, has_imdb_id, insert_values, is_postgres, json_list, json_list_has, table


def merge_people(*, stage, now, rows, overwrite=False):
    _merge(Person, stage=stage, dataset=NAMES, now=now, rows=rows, overwrite=overwrite)


def merge_titles(*, stage, now, rows, overwrite=False):
    _merge(Film, stage=stage, dataset=TITLES, now=now, rows=rows, overwrite=overwrite)


def _merge(model, *, stage, dataset, now, rows, overwrite):
    staged = {field: name for name, _, field in COLUMNS[dataset]}
    key = staged["imdb_id"]
    columns, select, params = insert_values(model, staged=staged, values={"created_at": now, "updated_at": now})
    if is_postgres():  # the last line of an id wins: PostgreSQL refuses to upsert one row twice in a statement
        source = f"SELECT DISTINCT ON ({key}) {select} FROM {stage} ORDER BY {key}, line DESC"
    else:  # SQLite applies the rows in order, so the last line wins there too
        source = f"SELECT {select} FROM {stage} WHERE 1 ORDER BY line"
    update = _overwrite(model) if overwrite else _keep_hand_edits(model)
    sql = f"""
        INSERT INTO {table(model)} ({columns}) {source}
        ON CONFLICT ({column(model, "imdb_id")}) WHERE {has_imdb_id(model)}
        DO UPDATE SET {update}
    """
    with bulk_mode(model, rows=rows, keep_unique=True) as bulk, connection.cursor() as cursor:
        cursor.execute(sql, params)
        if bulk:  # keyed while the secondary indexes are set aside: afterwards each key's write updates them all
            KEYS[model]()


KEYS = {Person: fill_name_keys, Film: fill_title_keys}  # the new rows' lookup keys (core.names)


def _keep_hand_edits(model):
    """SET … WHERE …: IMDb's value for each field no editor has changed, and no write when nothing differs."""
    assignments, changes = [], []
    for name in model.IMPORTED_FIELDS:
        current, incoming, kept = _current(model, name), f"excluded.{column(model, name)}", _kept(model, name)
        assignments.append(f"{column(model, name)} = CASE WHEN {kept} THEN {current} ELSE {incoming} END")
        changes.append(f"(NOT {kept} AND {_differs(current, incoming)})")
    assignments.append(_updated_at(model))
    return f"{', '.join(assignments)} WHERE {' OR '.join(changes)}"


def _overwrite(model):
    """SET … WHERE …: IMDb's value for every field, clearing the editors' marks."""
    edited = column(model, "edited_fields")
    assignments = [f"{column(model, name)} = excluded.{column(model, name)}" for name in model.IMPORTED_FIELDS]
    assignments += [f"{edited} = {json_list()}", _updated_at(model)]
    changes = [_differs(_current(model, name), f"excluded.{column(model, name)}") for name in model.IMPORTED_FIELDS]
    changes.append(_differs(f"{table(model)}.{edited}", json_list()))
    return f"{', '.join(assignments)} WHERE {' OR '.join(changes)}"


def _current(model, name):
    return f"{table(model)}.{column(model, name)}"


def _kept(model, name):
    return json_list_has(f"{table(model)}.{column(model, 'edited_fields')}", name)


def _updated_at(model):
    return f"{column(model, 'updated_at')} = excluded.{column(model, 'updated_at')}"


def _differs(left, right):
    # SQLite has no IS DISTINCT FROM; its IS NOT compares NULLs the same way.
    return f"{left} {'IS DISTINCT FROM' if is_postgres() else 'IS NOT'} {right}"
