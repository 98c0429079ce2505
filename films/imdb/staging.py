"""Temporary staging tables on the current connection: checked rows go in by COPY (PostgreSQL) or
executemany (SQLite), and each batch is merged out of them into people, titles and credits."""

from django.db import connection

from . import merge_credits, merge_records
from .datasets import NAMES, PRINCIPALS, TITLES
from .parsing import COLUMNS
from .sql import is_postgres, quote

STAGES = {
    dataset: (f"imdb_stage_{dataset}", [(name, kind) for name, kind, _ in columns] + [("line", "integer")])
    for dataset, columns in COLUMNS.items()
}
COPY_CHUNK = 10_000  # rows per write to the COPY stream


def _copy_text(value):
    """One value in COPY's text format (faster than psycopg's write_row for millions of rows)."""
    if value is None:
        return "\\N"
    if isinstance(value, int):
        return str(value)
    if "\\" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\r", "\\r")
    return value


class Stage:
    """The staging tables, and the merges out of them."""

    def __init__(self, *, overwrite=False):
        self.postgres, self.overwrite = is_postgres(), overwrite
        with connection.cursor() as cursor:
            for table, columns in STAGES.values():
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
                definition = ", ".join(f"{quote(name)} {kind}" for name, kind in columns)
                cursor.execute(f"CREATE TEMPORARY TABLE {quote(table)} ({definition})")

    def drop(self):
        with connection.cursor() as cursor:
            for table, _ in STAGES.values():
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")

    def load(self, dataset, rows):
        """Empty the dataset's staging table and fill it with rows (an iterable of tuples in STAGES order)."""
        table, columns = STAGES[dataset]
        names = ", ".join(quote(name) for name, _ in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"{'TRUNCATE' if self.postgres else 'DELETE FROM'} {quote(table)}")
            if self.postgres:
                _copy(cursor, f"COPY {quote(table)} ({names}) FROM STDIN", rows)
                cursor.execute("SET LOCAL work_mem = '64MB'")  # the merge's hash aggregate stays in memory
            else:
                marks = ", ".join("?" for _ in columns)
                cursor.connection.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)

    def analyze(self, model):
        """Fresh planner statistics after a bulk write, so the credit merge joins by hash, not by index loops."""
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")

    def merge(self, dataset, *, now, rows):
        """Write the staged batch of rows into the real tables."""
        if dataset == NAMES:
            self.merge_names(now=now, rows=rows)
        elif dataset == TITLES:
            self.merge_titles(now=now, rows=rows)
        else:
            self.merge_principals(rows=rows)

    def merge_names(self, *, now, rows):
        merge_records.merge_people(stage=STAGES[NAMES][0], now=now, rows=rows, overwrite=self.overwrite)

    def merge_titles(self, *, now, rows):
        merge_records.merge_titles(stage=STAGES[TITLES][0], now=now, rows=rows, overwrite=self.overwrite)

    def merge_principals(self, *, rows):
        merge_credits.merge_credits(stage=STAGES[PRINCIPALS][0], rows=rows)


def _copy(cursor, statement, rows):
    with cursor.cursor.copy(statement) as copy:
        chunk = []
        for row in rows:
            chunk.append("\t".join([_copy_text(v) if type(v) is not int else str(v) for v in row]))
            if len(chunk) >= COPY_CHUNK:
                copy.write("\n".join(chunk) + "\n")
                chunk.clear()
        if chunk:
            copy.write("\n".join(chunk) + "\n")
