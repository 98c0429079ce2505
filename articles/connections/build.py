"""A full build of the base graph from the database: public credits in one pass, then names and years.

Only what readers may see goes in (articles/visibility.py decides): a draft's or an embargoed credit never
shapes a path or a box. On PostgreSQL the credits come through COPY in binary, read by numpy as fixed-width
records, so ten million rows cost seconds rather than the minutes of building Python tuples.
"""

import time

import numpy as np
from django.db import connection
from django.db.models import Case, IntegerField, Max, Value, When
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from films.models import Credit, Film
from people.models import Person

from ..models import GraphChange
from ..visibility import public_credits
from .store import LABEL_SEPARATOR, Base

ROLES = [value for value, _ in Credit.Role.choices]  # bit i of an edge's mask is ROLES[i]
ROLE_BIT = {role: 1 << i for i, role in enumerate(ROLES)}
CHUNK = 100_000
# One PostgreSQL binary COPY row of (bigint, bigint, int): field count, then each field's length and value.
COPY_ROW = np.dtype(
    [("n", ">i2"), ("l1", ">i4"), ("person", ">i8"), ("l2", ">i4"), ("film", ">i8"), ("l3", ">i4"), ("role", ">i4")]
)
COPY_HEADER = 19  # signature (11), flags (4), header extension length (4)


def public_credit_rows(*, at=None, queryset=None):
    """(person id, title id, role index) of every public credit, as one query."""
    index = Case(*(When(role=role, then=Value(i)) for i, role in enumerate(ROLES)), output_field=IntegerField())
    credits = public_credits(queryset, at=at).annotate(role_index=index).order_by()
    return credits.values_list("person_id", "film_id", "role_index")


def read_credit_arrays(rows):
    """rows (a values_list) as three numpy arrays."""
    if connection.vendor == "postgresql":
        return _copy_binary(rows)
    person, film, role = [], [], []
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            p, f, r = zip(*batch, strict=True)
            person.append(np.array(p, np.int64))
            film.append(np.array(f, np.int64))
            role.append(np.array(r, np.int32))
    empty = [np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int32)]
    return tuple(
        np.concatenate(parts) if parts else blank for parts, blank in zip((person, film, role), empty, strict=True)
    )


def _copy_binary(rows):
    sql, params = rows.query.sql_with_params()
    typed = f"SELECT s.col1::bigint, s.col2::bigint, s.col3::int FROM ({sql}) AS s(col1, col2, col3)"
    buffer = bytearray()
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        query = cursor.mogrify(typed, params)
        with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT BINARY)") as copy:
            for block in copy:
                buffer += block
    body = np.frombuffer(bytes(buffer[COPY_HEADER:-2]), dtype=COPY_ROW)
    return body["person"].astype(np.int64), body["film"].astype(np.int64), body["role"].astype(np.int32)


def read_labels(queryset, fields, ids):
    """{id: (label, year)} for the given sorted ids, read in id order in chunks."""
    labels = np.empty(len(ids), dtype=object)
    years = np.zeros(len(ids), np.int16)
    with connection.cursor() as cursor:
        sql, params = queryset.order_by("pk").values_list("pk", *fields).query.sql_with_params()
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            found = np.array([row[0] for row in batch], np.int64)
            at = np.searchsorted(ids, found).clip(0, max(len(ids) - 1, 0))
            keep = (ids[at] == found) if len(ids) else np.zeros(len(found), bool)
            for row, position in zip(np.array(batch, dtype=object)[keep], at[keep], strict=True):
                labels[position] = f"{row[1]}{LABEL_SEPARATOR}{row[2]}"
                if len(row) > 3 and row[3]:
                    years[position] = row[3]
    return labels, years


def pack_labels(labels):
    encoded = [label.encode() for label in labels]
    offsets = np.zeros(len(encoded) + 1, np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return offsets, np.frombuffer(b"".join(encoded), np.uint8).copy()


def adjacency(person, film, role):
    """Node ids, the symmetric CSR with each edge's role mask, and the components, from credit arrays."""
    person_ids, p = np.unique(person, return_inverse=True)
    title_ids, t = np.unique(film, return_inverse=True)
    people, nodes = len(person_ids), len(person_ids) + len(title_ids)
    # One edge per (person, title), its roles OR-ed together.
    key = p.astype(np.int64) * max(len(title_ids), 1) + t
    order = np.argsort(key, kind="stable")
    key, bits = key[order], (np.left_shift(1, role[order])).astype(np.uint16)
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, np.int64)
    masks = np.bitwise_or.reduceat(bits, starts) if len(key) else bits
    edge_p, edge_t = key[starts] // max(len(title_ids), 1), key[starts] % max(len(title_ids), 1) + people
    rows = np.concatenate((edge_p, edge_t))
    cols = np.concatenate((edge_t, edge_p))
    graph = csr_matrix((np.concatenate((masks, masks)), (rows, cols)), shape=(nodes, nodes))
    graph.sort_indices()
    _, component = connected_components(graph, directed=False)
    return person_ids, title_ids, graph, component.astype(np.int32)


def build(*, at=None):
    """The base graph of what is public now (or at `at`)."""
    started = time.time()
    last_change = GraphChange.objects.aggregate(last=Max("pk"))["last"] or 0
    person, film, role = read_credit_arrays(public_credit_rows(at=at))
    person_ids, title_ids, graph, component = adjacency(person, film, role)
    del person, film, role
    people_labels, _ = read_labels(Person.objects.all(), ("name", "slug"), person_ids)
    title_labels, years = read_labels(Film.objects.all(), ("title", "slug", "year"), title_ids)
    offsets, label_bytes = pack_labels(np.concatenate((people_labels, title_labels)))
    return Base(
        person_ids=person_ids,
        title_ids=title_ids,
        indptr=graph.indptr.astype(np.int64),
        indices=graph.indices.astype(np.int32),
        roles=graph.data.astype(np.uint16),
        years=years,
        component=component,
        label_offsets=offsets,
        label_bytes=label_bytes,
        built_at=started,
        last_change=last_change,
    )
