"""A full build of the base graph from the database: public credits in one pass, then names and years.

Only what readers may see goes in (articles/visibility.py decides): a draft's or an embargoed credit never
shapes a path or a box. Columns come through columns.read (on PostgreSQL a few binary COPY rows of arrays), and
everything after is vectorised numpy: ten million credits cost seconds rather than minutes of Python tuples.
"""

import time
from concurrent.futures import ThreadPoolExecutor

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
CREDIT_KINDS = (np.int64, np.int64, np.int32)
MASK_BITS = 14  # an edge's role mask fits in 14 bits (len(ROLES)), packed under the title-side sort key
if len(ROLES) > MASK_BITS:
    raise ImproperlyConfigured(f"The connections graph packs at most {MASK_BITS} credit roles; there are {len(ROLES)}.")


def _role_index(default=None):
    whens = (When(role=role, then=Value(i)) for i, role in enumerate(ROLES))
    return Case(*whens, default=default, output_field=IntegerField())


def public_credit_rows(*, at=None, queryset=None):
    """(person id, title id, role index) of every public credit in queryset, as one query."""
    credits = public_credits(queryset, at=at).filter(role__in=ROLES).annotate(role_index=_role_index()).order_by()
    return credits.values_list("person_id", "film_id", "role_index")


def read_credit_arrays(*, at=None):
    """Every public credit as three arrays: person ids, title ids, role indexes.

    Person id, title id and role index are read packed in one integer (their widths from the largest ids); a role
    the graph does not know reads as len(ROLES) and is dropped here, cheaper for the database than a role filter.
    """
    last_person, last_title = (model.objects.aggregate(last=Max("pk"))["last"] or 0 for model in (Person, Film))
    bits = (last_person.bit_length(), last_title.bit_length(), len(ROLES).bit_length())

    def read(credits):
        credits = credits.annotate(role_index=_role_index(default=Value(len(ROLES))))
        return columns.read(credits, ("person_id", "film_id", "role_index"), CREDIT_KINDS, bits=bits)

    person, film, role = public_credits_in_bulk(read, at=at)
    known = role < len(ROLES)
    return (person, film, role) if known.all() else (person[known], film[known], role[known])


def read_labels(model, name, *, year=False):
    """Every row's id, its "name\x1fslug" (offsets and bytes) and its year when asked (0 otherwise)."""
    label = Concat(name, Value(LABEL_SEPARATOR), "slug", output_field=TextField())
    rows = model.objects.annotate(graph_label=label, graph_year=Coalesce("year", 0) if year else Value(0))
    return columns.read(rows, ("pk", "graph_label", "graph_year"), (np.int64, str, np.int32))


def labels_of(labels, ids):
    """The labels (offsets, bytes) and years of the sorted ids, from read_labels()."""
    found, (offsets, data), years = labels
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
    (title, person, mask) keys: two in-place integer sorts and no sparse-matrix conversions. Node positions are
    packed in whole bits, so every unpacking is a shift or a mask (an int64 division costs ten times more).
    """
    person_ids, p = _factorise(person)
    title_ids, t = _factorise(film)
    people, titles = len(person_ids), len(title_ids)
    person_bits, title_bits = max(people - 1, 1).bit_length(), max(titles - 1, 1).bit_length()
    if person_bits + title_bits + MASK_BITS > 63:
        raise ValueError(f"{people:,} people x {titles:,} titles overflow the packed 64-bit sort keys.")
    key = p.astype(np.int64)
    del p
    key <<= title_bits
    key |= t
    del t
    key <<= 4
    key |= role  # role < 16: ROLES has 14
    key.sort()
    edge = key >> 4
    first = np.ones(len(edge), bool)
    np.not_equal(edge[1:], edge[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    role_bit = (1 << np.arange(16)).astype(np.uint16)
    masks = np.bitwise_or.reduceat(role_bit[key & 15], starts) if len(key) else np.zeros(0, np.uint16)
    del key
    edge = edge[starts]  # one edge per (person, title), its roles OR-ed into its mask
    del starts
    edge_p, edge_t = edge >> title_bits, (edge & ((1 << title_bits) - 1)).astype(np.int32)
    del edge
    edges, nodes = len(edge_p), people + titles
    indices = np.empty(2 * edges, np.int32)
    np.add(edge_t, people, out=indices[:edges])
    indptr = np.zeros(nodes + 1, np.int64)
    np.cumsum(np.bincount(edge_p, minlength=people), out=indptr[1 : people + 1])
    # The titles' rows are sorted by another thread (numpy's sort lets go of the interpreter) while the components
    # are found from the person → title half, which is enough: weak connectivity ignores direction.
    with ThreadPoolExecutor(1) as pool:
        title_side = pool.submit(_title_rows, edge_p, edge_t, masks, person_bits, titles)
        half = np.concatenate((indptr[: people + 1], np.full(titles, edges, np.int64)))
        half_graph = csr_matrix((masks, indices[:edges], half), shape=(nodes, nodes))
        _, component = connected_components(half_graph, directed=True, connection="weak")
        del half_graph, half
        title_p, title_m, title_counts = title_side.result()
    indices[edges:] = title_p
    np.cumsum(title_counts, out=indptr[people + 1 :])
    indptr[people + 1 :] += edges
    return person_ids, title_ids, indptr, indices, np.concatenate((masks, title_m)), component.astype(np.int32)


def _title_rows(edge_p, edge_t, masks, person_bits, titles):
    """(person, role mask) of each edge in title order, and each title's count of edges."""
    by_title = edge_t.astype(np.int64)
    by_title <<= person_bits
    by_title |= edge_p
    by_title <<= MASK_BITS
    by_title |= masks
    by_title.sort()
    title_m = (by_title & ((1 << MASK_BITS) - 1)).astype(np.uint16)
    by_title >>= MASK_BITS
    title_p = (by_title & ((1 << person_bits) - 1)).astype(np.int32)
    return title_p, title_m, np.bincount(by_title >> person_bits, minlength=titles)


def build(*, at=None):
    """The base graph of what is public now (or at `at`).

    Names and years are read by other connections while this thread builds the adjacency (numpy's sorts let go of
    the interpreter), so the database and numpy work at once.
    """
    started = time.time()
    last_change = GraphChange.objects.aggregate(last=Max("pk"))["last"] or 0
    person, film, role = read_credit_arrays(at=at)
    with columns.Readers() as readers:
        people_labels = readers.submit(read_labels, Person, "name")
        title_labels = readers.submit(read_labels, Film, "title", year=True)
        person_ids, title_ids, indptr, indices, roles, component = adjacency(person, film, role)
        del person, film, role
        people_offsets, people_bytes, _ = labels_of(people_labels.result(), person_ids)
        title_offsets, title_bytes, years = labels_of(title_labels.result(), title_ids)
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
