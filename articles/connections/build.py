"""A full build of the base graph from the database: public credits in one pass, then names and years.

Only what readers may see goes in (articles/visibility.py decides): a draft's or an embargoed credit never
shapes a path or a box. Columns come through columns.read (on PostgreSQL a few binary COPY rows of arrays), and
everything after is vectorised numpy: ten million credits cost seconds rather than minutes of Python tuples.
"""

import time

import numpy as np
from django.db.models import Case, IntegerField, Max, TextField, Value, When
from django.db.models.functions import Coalesce, Concat
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from films.models import Credit, Film
from people.models import Person

from ..models import GraphChange
from ..visibility import public_credits, public_credits_in_bulk
from . import columns
from .store import LABEL_SEPARATOR, Base

ROLES = [value for value, _ in Credit.Role.choices]  # bit i of an edge's mask is ROLES[i]
ROLE_BIT = {role: 1 << i for i, role in enumerate(ROLES)}


def _role_index():
    return Case(*(When(role=role, then=Value(i)) for i, role in enumerate(ROLES)), output_field=IntegerField())


def public_credit_rows(*, at=None, queryset=None):
    """(person id, title id, role index) of every public credit in queryset, as one query."""
    credits = public_credits(queryset, at=at).filter(role__in=ROLES).annotate(role_index=_role_index()).order_by()
    return credits.values_list("person_id", "film_id", "role_index")


def read_credit_arrays(*, at=None):
    """Every public credit as three arrays: person ids, title ids, role indexes."""
    credits = public_credits_in_bulk(at=at).filter(role__in=ROLES).annotate(role_index=_role_index())
    return columns.read(credits, ("person_id", "film_id", "role_index"), (np.int64, np.int64, np.int32))


def read_labels(model, name, ids, *, year=False):
    """("name\x1fslug" of each of the sorted ids, packed as offsets and bytes; their years when asked)."""
    label = Concat(name, Value(LABEL_SEPARATOR), "slug", output_field=TextField())
    rows = model.objects.annotate(graph_label=label, graph_year=Coalesce("year", 0) if year else Value(0))
    found, (offsets, data), years = columns.read(rows, ("pk", "graph_label", "graph_year"), (np.int64, str, np.int32))
    order = np.argsort(found, kind="stable")
    at = order[np.searchsorted(found[order], ids)] if len(found) else np.zeros(0, np.int64)
    return (*columns.take_text(offsets, data, at), years[at].astype(np.int16))


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
    person, film, role = read_credit_arrays(at=at)
    person_ids, title_ids, graph, component = adjacency(person, film, role)
    del person, film, role
    people_offsets, people_bytes, _ = read_labels(Person, "name", person_ids)
    title_offsets, title_bytes, years = read_labels(Film, "title", title_ids, year=True)
    return Base(
        person_ids=person_ids,
        title_ids=title_ids,
        indptr=graph.indptr.astype(np.int64),
        indices=graph.indices.astype(np.int32),
        roles=graph.data.astype(np.uint16),
        years=years,
        component=component,
        label_offsets=np.concatenate((people_offsets, title_offsets[1:] + people_offsets[-1])),
        label_bytes=np.concatenate((people_bytes, title_bytes)),
        built_at=started,
        last_change=last_change,
    )
