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

    return migrations.RunPython(create, _drop_indexes(indexes), elidable=False)


BIGRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION search_bigrams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    pieces text[] := '{}';
BEGIN
    FOR i IN 1 .. length(value) - 1 LOOP
        pieces := pieces || substr(value, i, 2);
    END LOOP;
    RETURN pieces;
END
$$
"""


def bigram_indexes(*indexes):
    """A migration operation creating GIN indexes on the two-character pieces of UPPER(column), on PostgreSQL only.

    A trigram index cannot look up a two-character word ("77" in "Okafor 1772"): pg_trgm takes no trigram from it.
    search_bigrams() lists a value's two-character pieces, so such a word is found through this index instead
    (core.search.contains). indexes: (name, table, column) tuples. Built CONCURRENTLY, so a live site keeps saving
    people and titles while a big table is indexed: the migration must say `atomic = False`.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(BIGRAMS_FUNCTION)
        for name, table, column in indexes:
            schema_editor.execute(
                f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin (search_bigrams(UPPER("{column}"::text)))'
            )

    return migrations.RunPython(create, _drop_indexes(indexes), elidable=False)


def finer_statistics(*indexes, target=1000):
    """A migration operation sampling the expression of each (index, table) more finely, on PostgreSQL only.

    How common a word is comes from the planner's estimate (core.search.is_common). With the default hundred
    histogram buckets one sampled match stands for 1% of the table (100,000 of 10M credits), so a word in two
    thousand was taken for common; a thousand buckets tell them apart.
    """

    def alter(statistics):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for name, table in indexes:
                schema_editor.execute(f'ALTER INDEX "{name}" ALTER COLUMN 1 SET STATISTICS {statistics}')
                schema_editor.execute(f'ANALYZE "{table}"')

        return run

    return migrations.RunPython(alter(target), alter(-1), elidable=False)


def _drop_indexes(indexes):
    """The reverse of an operation above: drop its (name, table, column) indexes, on PostgreSQL only."""

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _, _ in indexes:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return drop
