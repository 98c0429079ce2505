"""Whole columns from the database as numpy arrays, fast enough for ten million rows.

On PostgreSQL each chunk of rows (a primary-key range) comes back as ONE binary COPY row holding an array per
column (array_agg; text columns as one string_agg plus their lengths), which numpy reads as fixed-width records.
A plain COPY sends one message per row, and reading ten million messages costs the client ~25 s of Python;
a few large messages cost next to nothing. Elsewhere (SQLite in development) rows are fetched in batches.
"""

import numpy as np
from django.db import connection
from django.db.models import Max, Min

CHUNK = 2_000_000  # primary keys per COPY: a few hundred MB at most in flight
BATCH = 100_000
COPY_HEADER = 19  # signature (11), flags (4), header extension length (4)
ARRAY_HEADER = 20  # dimensions, has-nulls flag, element type, then the one dimension's size and lower bound


def read(queryset, fields, kinds):
    """The queryset's values of fields as arrays, in no particular order (each row aligned across arrays).

    kinds: per field, a numpy integer dtype, or str for text (returned as (offsets, UTF-8 bytes), offsets N + 1).
    No value may be NULL.
    """
    rows = queryset.order_by().values_list(*fields)
    if connection.vendor == "postgresql":
        parts = [_copy_chunk(rows, kinds, low, low + CHUNK) for low in _pk_ranges(queryset)]
    else:
        parts = [_fetch(rows, kinds)]
    return [_concatenate([part[i] for part in parts], kind) for i, kind in enumerate(kinds)]


def _pk_ranges(queryset):
    bounds = queryset.model.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    return range(bounds["low"], bounds["high"] + 1, CHUNK)


def _copy_chunk(rows, kinds, low, high):
    sql, params = rows.filter(pk__gte=low, pk__lt=high).query.sql_with_params()
    names = [f"c{i}" for i in range(len(kinds))]
    aggregates = []
    for name, kind in zip(names, kinds, strict=True):
        if kind is str:
            aggregates += [f"string_agg(s.{name}::text, '')", f"array_agg(octet_length(s.{name}::text))"]
        else:
            aggregates.append(f"array_agg(s.{name}::{'int8' if np.dtype(kind).itemsize == 8 else 'int4'})")
    # One Aggregate node feeds every aggregate the same rows in the same order, so the arrays stay aligned.
    query = f"SELECT {', '.join(aggregates)} FROM ({sql}) AS s({', '.join(names)})"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY ({cursor.mogrify(query, params)}) TO STDOUT (FORMAT BINARY)") as copy:
            data = b"".join(copy)
    fields = iter(_fields(data))
    found = []
    for kind in kinds:
        if kind is str:
            text, lengths = next(fields), _int_array(next(fields), np.int64)
            found.append((lengths, np.frombuffer(text or b"", np.uint8)))
        else:
            found.append(_int_array(next(fields), kind))
    return found


def _fields(data):
    """The fields of a binary COPY's first (and only) row: memoryviews, None for NULL."""
    view = memoryview(data)
    count = int.from_bytes(view[COPY_HEADER : COPY_HEADER + 2], "big", signed=True)
    at, fields = COPY_HEADER + 2, []
    for _ in range(max(count, 0)):
        length = int.from_bytes(view[at : at + 4], "big", signed=True)
        at += 4
        fields.append(None if length < 0 else view[at : at + length])
        at += max(length, 0)
    return fields


def _int_array(field, kind):
    """A binary int4[] or int8[] without NULLs as a numpy array (an aggregate over no rows is NULL)."""
    if field is None or int.from_bytes(field[0:4], "big") == 0:
        return np.zeros(0, kind)
    size = int.from_bytes(field[12:16], "big")
    width = int.from_bytes(field[ARRAY_HEADER : ARRAY_HEADER + 4], "big", signed=True)
    records = np.frombuffer(field, dtype=[("length", ">i4"), ("value", f">i{width}")], count=size, offset=ARRAY_HEADER)
    return records["value"].astype(kind)


def _fetch(rows, kinds):
    sql, params = rows.query.sql_with_params()
    columns = [[] for _ in kinds]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(BATCH):
            for column, values in zip(columns, zip(*batch, strict=True), strict=True):
                column.extend(values)
    found = []
    for column, kind in zip(columns, kinds, strict=True):
        if kind is str:
            encoded = [value.encode() for value in column]
            found.append((np.array([len(e) for e in encoded], np.int64), np.frombuffer(b"".join(encoded), np.uint8)))
        else:
            found.append(np.array(column, kind))
    return found


def _concatenate(parts, kind):
    if kind is not str:
        return np.concatenate(parts) if parts else np.zeros(0, kind)
    lengths = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    offsets = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets, np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.uint8)


def take_text(offsets, data, positions):
    """The texts at positions, repacked as (offsets, bytes)."""
    starts, lengths = offsets[positions], offsets[positions + 1] - offsets[positions]
    packed = np.zeros(len(positions) + 1, np.int64)
    np.cumsum(lengths, out=packed[1:])
    total = int(packed[-1])
    gather = np.arange(total) + np.repeat(starts - packed[:-1], lengths)
    return packed, data[gather]
