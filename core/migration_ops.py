"""Migration helpers for things only PostgreSQL has."""

from django.db import migrations


def trigram_indexes(*indexes):
    """A migration operation creating GIN trigram indexes on UPPER(column), on PostgreSQL only.

    Django's icontains compiles to UPPER(col::text) LIKE UPPER('%term%'); these indexes serve it,
    which keeps admin search fast on tables of millions of rows. SQLite skips them.
    indexes: (name, table, column) tuples.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in indexes:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _, _ in indexes:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
