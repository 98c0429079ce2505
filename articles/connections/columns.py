"""Whole columns from the database as numpy arrays, fast enough for ten million rows.

On PostgreSQL each chunk of rows (a primary-key range) comes back as ONE binary COPY row holding an array per
column (array_agg; text columns as one string_agg plus their lengths), which numpy reads as fixed-width records.
A plain COPY sends one message per row, and reading ten million messages costs the client ~25 s of Python;
a few large messages cost next to nothing. Integer columns whose widths the caller knows can be packed into one
int8 per row (each array element costs the server as much as the row's scan), and the chunks are read by two
connections at once, so the server's work is spread over two cores. Elsewhere (SQLite in development) rows are
fetched in batches.
"""

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from django.db import connection
from django.db.models import Max, Min

CHUNK = 2_000_000  # primary keys per COPY: a few hundred MB at most in flight
READERS = 2  # connections reading chunks at once
BATCH = 100_000
COPY_HEADER = 19  # signature (11), flags (4), header extension length (4)
ARRAY_HEADER = 20  # dimensions, has-nulls flag, element type, then the one dimension's size and lower bound


def read(queryset, fields, kinds, *, bits=None):
    """The queryset's values of fields as arrays, in no particular order (each row aligned across arrays).

    kinds: per field, a numpy integer dtype, or str for text (returned as (offsets, UTF-8 bytes), offsets N + 1).
    bits: per field, how many bits its values take (all integers, 0 <= value < 2 ** bits, 63 bits in all), to read
    them packed in one int8 per row on PostgreSQL; a chunk whose values turn out wider (rows written since the
    caller counted) is read again unpacked. No value may be NULL.
    """
    rows = queryset.order_by().values_list(*fields)
    if connection.vendor != "postgresql":
        return [_concatenate([part], kind) for part, kind in zip(_fetch(rows, kinds), kinds, strict=True)]
    if bits is not None and (sum(bits) > 63 or str in kinds):
        bits = None
    ranges = _pk_ranges(queryset)
    with Readers(alone=len(ranges) < 2) as readers:
        if bits is None:
            chunks = [readers.submit(_copy_chunk, rows, kinds, low, low + CHUNK) for low in ranges]
            parts = [chunk.result() for chunk in chunks]
        else:
            chunks = [readers.submit(_copy_packed, rows, low, low + CHUNK, bits) for low in ranges]
            packed = [chunk.result() for chunk in chunks]
            wider = [
                _copy_chunk(rows, kinds, low, low + CHUNK) for low, p in zip(ranges, packed, strict=True) if p is None
            ]
            parts = [_unpack(_concatenate([p for p in packed if p is not None], np.int64), bits, kinds), *wider]
    return [_concatenate([part[i] for part in parts], kind) for i, kind in enumerate(kinds)]


class Readers:
    """Reads run by READERS threads, each on its own PostgreSQL connection, so the database works on them at once
    while this thread goes on. Inside a transaction another connection would not see its uncommitted rows, so
    there (and on other databases) each read runs at once in this thread."""

    def __init__(self, *, alone=False):
        alone = alone or connection.vendor != "postgresql" or connection.in_atomic_block
        self.pool = None if alone else ThreadPoolExecutor(READERS)

    def submit(self, call, *args, **kwargs):
        if self.pool is not None:
            return self.pool.submit(_on_own_connection, call, *args, **kwargs)
        done = Future()
        done.set_result(call(*args, **kwargs))
        return done

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=exc[0] is not None)


def _on_own_connection(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    finally:
        connection.close()  # this thread's connection, not the caller's


def _pk_ranges(queryset):
    bounds = queryset.model.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    return range(bounds["low"], bounds["high"] + 1, CHUNK)


def _copy(rows, count, low, high, select, fence=""):
    """The fields of the one binary COPY row `SELECT <select> FROM (rows in [low, high)) AS s(c0, … c<count - 1>)`.

    fence: "OFFSET 0" keeps the subquery apart, so a column named twice in select is computed once per row.
    """
    sql, params = rows.filter(pk__gte=low, pk__lt=high).query.sql_with_params()
    names = ", ".join(f"c{i}" for i in range(count))
    query = f"SELECT {select} FROM ({sql} {fence}) AS s({names})"
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY ({cursor.mogrify(query, params)}) TO STDOUT (FORMAT BINARY)") as copy:
            data = b"".join(copy)
    return _fields(data)


def _copy_packed(rows, low, high, bits):
    """The rows in [low, high) as one int64 array of packed values; None if a value outgrew its bits.

    bit_or of each column but the first proves its values fit (a negative one sets the sign bit); the first one's
    overflow is an error on the server, and a negative one makes a negative packed value.
    """
    packed = "s.c0::int8"
    for i, width in enumerate(bits[1:], 1):
        packed = f"(({packed} << {width}) | s.c{i}::int8)"
    guards = [f"bit_or(s.c{i}::int8)" for i in range(1, len(bits))]
    values, *ors = _copy(rows, len(bits), low, high, ", ".join([f"array_agg({packed})", *guards]), "OFFSET 0")
    ors = [0 if field is None else int.from_bytes(field, "big", signed=True) for field in ors]
    if any(not 0 <= found < 1 << width for found, width in zip(ors, bits[1:], strict=True)):
        return None
    values = _int_array(values, np.int64)
    return None if len(values) and values.min() < 0 else values


def _unpack(values, bits, kinds):
    columns = []
    for width, kind in zip(reversed(bits[1:]), reversed(kinds[1:]), strict=True):
        columns.append((values & ((1 << width) - 1)).astype(kind, copy=False))
        values = values >> width
    return [values.astype(kinds[0], copy=False), *reversed(columns)]


def _copy_chunk(rows, kinds, low, high):
    aggregates = []
    for i, kind in enumerate(kinds):
        if kind is str:
            aggregates += [f"string_agg(s.c{i}::text, '')", f"array_agg(octet_length(s.c{i}::text))"]
        else:
            aggregates.append(f"array_agg(s.c{i}::{'int8' if np.dtype(kind).itemsize == 8 else 'int4'})")
    # One Aggregate node feeds every aggregate the same rows in the same order, so the arrays stay aligned.
    fields = iter(_copy(rows, len(kinds), low, high, ", ".join(aggregates)))
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
        return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.zeros(0, kind)
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
