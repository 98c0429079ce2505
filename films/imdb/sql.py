"""Names for the importer's plain SQL, taken from the models' _meta so a renamed table or column follows."""

from django.db import connection


def is_postgres():
    return connection.vendor == "postgresql"


def quote(name):
    return connection.ops.quote_name(name)


def table(model):
    return quote(model._meta.db_table)


def column(model, field_name):
    return quote(model._meta.get_field(field_name).column)


def has_imdb_id(model, alias=None):
    """The predicate of the partial unique index on the IMDb id, word for word, so both databases use the index."""
    name = column(model, "imdb_id")
    return f"NOT ({alias}.{name} = '')" if alias else f"NOT ({name} = '')"


def insert_values(model, *, staged, values):
    """Every column of the model's table with what to insert into it, for INSERT … SELECT.

    staged maps field names to SQL read from the staging table, values maps field names to Python
    values; any other field gets its default, so a field added to the model later needs no change here.
    Returns (column list, select list, parameters).
    """
    columns, select, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.name in staged:
            select.append(staged[field.name])
            continue
        value = values[field.name] if field.name in values else field.get_default()
        select.append("%s")
        params.append(field.get_db_prep_save(value, connection))
    return ", ".join(columns), ", ".join(select), params


def json_list(*names):
    """A JSON list of plain names (field names: nothing to escape) as an SQL literal."""
    text = "[" + ", ".join(f'"{name}"' for name in names) + "]"
    return f"'{text}'::jsonb" if is_postgres() else f"json('{text}')"


def json_list_has(expression, name):
    """SQL that is true when the JSON list in expression holds the string name."""
    if is_postgres():
        return f"{expression} @> {json_list(name)}"
    return f"EXISTS (SELECT 1 FROM json_each({expression}) WHERE json_each.value = '{name}')"
