"""Staged principals into credits, joined to people and titles by IMDb id, keyed by
(title, person, role, character) so a second run updates the billing and never duplicates."""

from django.db import connection

from people.models import Person

from ..models import Credit, Film
from .bulk import bulk_mode
from .sql import column, has_imdb_id, is_postgres, quote, table


def merge_credits(*, stage, rows):
    sql = CreditSql(stage)
    if not is_postgres():
        _execute(sql.upsert(f"{sql.select} WHERE 1 ORDER BY s.line"))
        return
    # One candidate per credit key: PostgreSQL refuses to upsert the same row twice in one statement.
    incoming = f"{sql.select_grouped} ORDER BY 1, 2, 3, 4"
    with bulk_mode(Credit, rows=rows) as bulk:
        if not bulk:
            _execute(sql.upsert(incoming))
        elif not _exists(sql.credit):
            _execute(f"{sql.insert} {incoming}")
        else:  # no unique constraint to arbitrate: update the credits already there, add the others
            _execute(sql.update_then_insert())


class CreditSql:
    """The statements of the credit merge, with every table and column name from the models' _meta."""

    def __init__(self, stage):
        self.credit, self.stage = table(Credit), stage
        self.key = [column(Credit, name) for name in ("film", "person", "role", "character")]
        self.billing, self.character = column(Credit, "billing"), column(Credit, "character")
        # On PostgreSQL each credit's search text (films/migrations/0015) comes with it from the join below, so its
        # trigger need not look up the person and the title again for each of a million credits.
        searchable = ", search_text" if is_postgres() else ""
        self.insert = f"INSERT INTO {self.credit} ({', '.join(self.key)}, {self.billing}{searchable})"
        self.joins = f"""
            FROM {stage} s
            JOIN {table(Film)} f ON f.{column(Film, "imdb_id")} = s.tconst AND {has_imdb_id(Film, "f")}
            JOIN {table(Person)} p ON p.{column(Person, "imdb_id")} = s.nconst AND {has_imdb_id(Person, "p")}
        """
        staged = f"f.{quote(Film._meta.pk.column)}, p.{quote(Person._meta.pk.column)}, s.role, s.{quote('character')}"
        self.select = f"SELECT {staged}, s.billing {self.joins}"
        names = f"p.{column(Person, 'name')} || E'\\n' || f.{column(Film, 'title')} || E'\\n' || s.{quote('character')}"
        text = f", min(UPPER({names}))" if searchable else ""
        self.select_grouped = f"SELECT {staged}, min(s.billing){text} {self.joins} GROUP BY {staged}"

    def upsert(self, source):
        return f"""
            {self.insert} {source}
            ON CONFLICT ({", ".join(self.key)})
            DO UPDATE SET {self.billing} = excluded.{self.billing} WHERE {self.credit}.{self.billing} <> excluded.{self.billing}
        """

    def update_then_insert(self):
        key = ", ".join(f"c.{name}" for name in self.key)
        incoming_key = ", ".join(f"i.{name}" for name in self.key)
        return f"""
            CREATE TEMPORARY TABLE imdb_incoming ({", ".join(self.key)}, {self.billing}, search_text) ON COMMIT DROP AS
                {self.select_grouped};
            UPDATE {self.credit} c SET {self.billing} = i.{self.billing} FROM imdb_incoming i
            WHERE ({key}) = ({incoming_key}) AND c.{self.billing} <> i.{self.billing};
            {self.insert}
            SELECT * FROM imdb_incoming i WHERE NOT EXISTS (SELECT 1 FROM {self.credit} c WHERE ({key}) = ({incoming_key}))
            ORDER BY 1, 2, 3, 4;
            DROP TABLE imdb_incoming;
        """


def _exists(table_name):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table_name})")
        return cursor.fetchone()[0]


def _execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
