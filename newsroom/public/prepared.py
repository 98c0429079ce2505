"""Reader-page querysets built and compiled once per process, then run with each request's values.

A person or title page filters everything through the visibility rule (articles/visibility.py), whose EXISTS
subqueries cost Django about 3 ms per query to build and compile, far more than running them. The SQL depends
only on the query's shape: the slug, the id and the moment are parameters. So each page's queryset is built
once from stand-in values; its SQL, the places of those values among its parameters and the ORM's recipe for
turning rows into instances (Model.from_db, select_related, annotations, converters) are kept, and each request
runs that SQL with its own values. The querysets, and so the rule, stay written once with the ORM.
"""

from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

# How many shapes (e.g. page numbers of a story list) one prepared query keeps compiled; rarer ones are rebuilt.
MAX_SHAPES = 32


class Slot:
    """A kind of value a prepared query takes: how to stand in for it and how the ORM hands it to the database."""

    def __init__(self, stand_in, adapt=None):
        self.stand_in, self.adapt = stand_in, adapt or (lambda value, connection: value)


MOMENT = Slot(
    datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC),
    adapt=lambda value, connection: connection.ops.adapt_datetimefield_value(value),
)
TEXT = Slot("\x1fprepared-text\x1f")
ID = Slot(-982_451_653)


class Compiled:
    """One shape of a prepared query: SQL, where each value goes, and how rows become instances."""

    def __init__(self, queryset, slots, connection):
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        stand_ins = {name: slot.adapt(slot.stand_in, connection) for name, slot in slots.items()}
        self.places = [(i, name) for i, param in enumerate(self.params) for name in slots if param == stand_ins[name]]
        if missing := set(slots) - {name for _, name in self.places}:
            raise ImproperlyConfigured(f"A prepared query never uses {', '.join(sorted(missing))}.")
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.attnames = [column[0].target.attname for column in select[self.start : self.end]]
        self.related = get_related_populators(klass_info, select, connection.alias)
        self.annotations = list(compiler.annotation_col_map.items())
        self.converters = list(compiler.get_converters([column[0] for column in select[: compiler.col_count]]).items())

    def run(self, connection, slots, values):
        params = list(self.params)
        for index, name in self.places:
            params[index] = slots[name].adapt(values[name], connection)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        return [self.instance(row, connection) for row in rows]

    def instance(self, row, connection):
        if self.converters:
            row = list(row)
            for position, (converters, expression) in self.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
        obj = self.model.from_db(connection.alias, self.attnames, row[self.start : self.end])
        for populator in self.related:
            populator.populate(row, obj)
        for name, position in self.annotations:
            setattr(obj, name, row[position])
        return obj


class Prepared:
    """A queryset builder whose SQL is compiled once per shape and process.

    build(**values) returns the queryset; slots name its keyword arguments that are values (MOMENT, TEXT, ID),
    every other keyword argument is part of the shape (a page number: it changes LIMIT/OFFSET, not parameters).
    Calling the prepared query returns the list of instances the queryset would give.
    """

    def __init__(self, build, **slots):
        self.build, self.slots, self.shapes = build, slots, {}

    def __call__(self, *, using=DEFAULT_DB_ALIAS, **values):
        connection = connections[using]
        shape = (using, connection.vendor, *sorted((k, v) for k, v in values.items() if k not in self.slots))
        compiled = self.shapes.get(shape)
        if compiled is None:
            stand_ins = {name: slot.stand_in for name, slot in self.slots.items()}
            compiled = Compiled(self.build(**{**values, **stand_ins}), self.slots, connection)
            if len(self.shapes) < MAX_SHAPES:
                self.shapes[shape] = compiled
        return compiled.run(connection, self.slots, values)


def prepared(**slots):
    """Decorator form: @prepared(at=MOMENT, slug=TEXT) over a function building the queryset."""
    return lambda build: Prepared(build, **slots)
