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


# Every two-letter piece of a string, each as a word of its own between spaces: "OKAFOR 77" -> " OK KA AF FO OR R   7 77 ".
# pg_trgm indexes a two-letter word as the trigrams "  x", " xy" and "xy ", so a trigram index over this string finds
# the rows containing "77" anywhere, which a trigram index over the string itself cannot (it needs three letters).
BIGRAMS_FUNCTION = """
    CREATE OR REPLACE FUNCTION newsroom_bigrams(value text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT ' ' || coalesce(string_agg(substr(value, i, 2), ' '), '') || ' '
          FROM generate_series(1, length(value) - 1) AS i $$
"""


def bigram_indexes(*indexes):
    """A migration operation creating GIN trigram indexes over newsroom_bigrams(UPPER(column)), on PostgreSQL only.

    They serve admin searches for two-letter words (core.search.two_letter_filter). SQLite skips them.
    indexes: (name, table, column) tuples.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(BIGRAMS_FUNCTION)
        for name, table, column in indexes:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin (newsroom_bigrams(UPPER("{column}"::text)) gin_trgm_ops)'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _, _ in indexes:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop, elidable=False)
