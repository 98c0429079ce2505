"""A full build of the base graph from the database: public credits in one pass, then names and years.

Only what readers may see goes in (articles/visibility.py decides): a draft's or an embargoed credit never
shapes a path or a box. Columns come through columns.read (on PostgreSQL a few binary COPY rows of arrays), and
everything after is vectorised numpy: ten million credits cost seconds rather than minutes of Python tuples.
"""

import time

import numpy as np
from django.core.exceptions import ImproperlyConfigured
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
MASK_BITS = 14  # an edge's role mask fits in 14 bits (len(ROLES)), packed under the title-side sort key
if len(ROLES) > MASK_BITS:
    raise ImproperlyConfigured(f"The connections graph packs at most {MASK_BITS} credit roles; there are {len(ROLES)}.")


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


def _factorise(ids):
    """(the distinct ids sorted, each id's position among them): a lookup table when ids are dense, else a sort."""
    if len(ids) and 0 <= ids.min() and ids.max() < 4 * len(ids) + 1024:
        seen = np.zeros(int(ids.max()) + 1, bool)
        seen[ids] = True
        return np.flatnonzero(seen), (np.cumsum(seen, dtype=np.int32) - 1)[ids]
    distinct, position = np.unique(ids, return_inverse=True)
    return distinct, position.astype(np.int32)


def adjacency(person, film, role):
    """(person ids, title ids, indptr, indices, role masks, components) of the symmetric CSR, from credit arrays.

    People's rows come out of one sort of (person, title, role) keys, titles' rows out of one sort of
    (title, person, mask) keys: two in-place integer sorts and no sparse-matrix conversions.
    """
    person_ids, p = _factorise(person)
    title_ids, t = _factorise(film)
    people, titles = len(person_ids), max(len(title_ids), 1)
    if people * titles >= 1 << (63 - MASK_BITS):
        raise ValueError(f"{people:,} people x {titles:,} titles overflow the packed 64-bit sort keys.")
    key = ((p.astype(np.int64) * titles + t) << 4) | role  # role < 16: ROLES has 14
    del p, t
    key.sort()
    edge, bits = key >> 4, (np.left_shift(1, key & 15)).astype(np.uint16)
    del key
    starts = np.flatnonzero(np.r_[True, edge[1:] != edge[:-1]]) if len(edge) else np.zeros(0, np.int64)
    masks = np.bitwise_or.reduceat(bits, starts) if len(edge) else bits  # one edge per (person, title)
    edge_p, edge_t = np.divmod(edge[starts], titles)
    del edge, bits
    by_title = ((edge_t * people + edge_p) << MASK_BITS) | masks
    by_title.sort()
    title_p, title_m = (by_title >> MASK_BITS) % max(people, 1), (by_title & ((1 << MASK_BITS) - 1)).astype(np.uint16)
    title_t = (by_title >> MASK_BITS) // max(people, 1)
    del by_title
    counts = np.concatenate((np.bincount(edge_p, minlength=people), np.bincount(title_t, minlength=len(title_ids))))
    indptr = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=indptr[1:])
    indices = np.concatenate((edge_t + people, title_p)).astype(np.int32)
    # The person → title half is enough for the components: weak connectivity ignores direction.
    nodes = people + len(title_ids)
    half = np.concatenate((indptr[: people + 1], np.full(len(title_ids), len(edge_p), np.int64)))
    half_graph = csr_matrix((masks, indices[: len(edge_p)], half), shape=(nodes, nodes))
    _, component = connected_components(half_graph, directed=True, connection="weak")
    return person_ids, title_ids, indptr, indices, np.concatenate((masks, title_m)), component.astype(np.int32)


def build(*, at=None):
    """The base graph of what is public now (or at `at`)."""
    started = time.time()
    last_change = GraphChange.objects.aggregate(last=Max("pk"))["last"] or 0
    person, film, role = read_credit_arrays(at=at)
    person_ids, title_ids, indptr, indices, roles, component = adjacency(person, film, role)
    del person, film, role
    people_offsets, people_bytes, _ = read_labels(Person, "name", person_ids)
    title_offsets, title_bytes, years = read_labels(Film, "title", title_ids, year=True)
    return Base(
        person_ids=person_ids,
        title_ids=title_ids,
        indptr=indptr,
        indices=indices,
        roles=roles,
        years=years,
        component=component,
        label_offsets=np.concatenate((people_offsets, title_offsets[1:] + people_offsets[-1])),
        label_bytes=np.concatenate((people_bytes, title_bytes)),
        built_at=started,
        last_change=last_change,
    )
