"""Bulk mode: a table's indexes and keys set aside while a batch much bigger than the table goes in."""

from contextlib import contextmanager

from django.db import connection

from .sql import is_postgres, quote

BULK_MIN_ROWS = 50_000  # batches at least this big (and four times the table) load in bulk mode


@contextmanager
def bulk_mode(model, *, rows, keep_unique=False):
    """For a batch at least four times its table (PostgreSQL only, e.g. a first import): drop the table's
    secondary indexes, unique constraints and foreign keys, write, then rebuild them, as PostgreSQL's
    "Populating a Database" advises; one sort per index beats a million index inserts and two million
    deferred key checks several times over. Yields whether it did so (the caller then cannot rely on
    ON CONFLICT unless it asked to keep_unique, which leaves unique constraints and indexes in place).
    DDL is transactional, so an interruption rolls the drops back too; the table is locked meanwhile.
    """
    table = model._meta.db_table
    if not is_postgres() or rows < BULK_MIN_ROWS:
        yield False
        return
    with connection.cursor() as cursor:
        if _rows_in(cursor, table) * 4 > rows:  # a big table: maintaining its indexes beats rebuilding them
            yield False
            return
        indexes, constraints = _set_aside(cursor, table, keep_unique=keep_unique)
        yield True
        _rebuild(cursor, table, indexes=indexes, constraints=constraints)


def _rows_in(cursor, table):
    cursor.execute("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass", [table])
    return cursor.fetchone()[0]


def _set_aside(cursor, table, *, keep_unique):
    """Drop the table's secondary indexes and keys; returns their definitions for _rebuild."""
    cursor.execute(
        """SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
           WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary""",
        [table],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = %s::regclass AND contype = ANY(%s) ORDER BY contype DESC""",
        [table, ["f"] if keep_unique else ["u", "f"]],
    )
    constraints = cursor.fetchall()  # unique ones first, so they are rebuilt first
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks queued earlier in this transaction run now
    for name, _ in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    return indexes, constraints


def _rebuild(cursor, table, *, indexes, constraints):
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
    for _, definition in indexes:
        cursor.execute(definition)
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
