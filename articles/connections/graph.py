"""The graph a request asks: the memory-mapped base with the recent changes laid over it.

The overlay replaces whole titles: every title touched since the base was built ("dirty") loses its base
edges and gets the public credits it has now, read from the database. People and titles that are newer than the
base get node numbers after the base's. Everything else is read straight from the shared arrays.
"""

from dataclasses import dataclass, field

import numpy as np

from films.models import Credit

from . import store
from .build import ROLES
from .store import LABEL_SEPARATOR

ROLE_LABELS = dict(Credit.Role.choices)


@dataclass
class Overlay:
    """What changed since the base was built; empty when nothing did."""

    dirty_titles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # base node numbers
    extra_people: dict = field(default_factory=dict)  # person id -> node number past the base
    extra_titles: dict = field(default_factory=dict)  # title id -> node number past the base
    edges: dict = field(default_factory=dict)  # node -> (neighbour nodes, role masks), for dirty/new nodes
    labels: dict = field(default_factory=dict)  # node -> "name\x1fslug", replacing the base's
    years: dict = field(default_factory=dict)  # title node -> year (0 unknown)


class Graph:
    def __init__(self, base, overlay=None):
        self.base = base
        # Plain ndarray views of the memory-mapped arrays: the same pages, without np.memmap's per-call overhead.
        for name in store.ARRAYS:
            setattr(
                self, f"{name}_array" if name == "component" else name, np.asarray(getattr(base, name)).view(np.ndarray)
            )
        self.overlay = overlay or Overlay()
        self.people = base.people
        self.base_nodes = base.nodes
        extra = {n: p for p, n in self.overlay.extra_people.items()}
        self.extra_person_nodes = set(extra)
        self.size = self.base_nodes + len(self.overlay.extra_people) + len(self.overlay.extra_titles)
        self.node_id = {n: i for i, n in self.overlay.extra_titles.items()} | extra
        self.dirty = np.zeros(self.size, bool)
        self.dirty[self.overlay.dirty_titles] = True
        self.has_edges = np.zeros(self.size, bool)
        self.has_edges[list(self.overlay.edges)] = True
        self.any_dirty = bool(len(self.overlay.dirty_titles))
        self._components = self._merge_components()
        self._remembered = {}

    REMEMBERED = 4096  # answers kept per graph (a story's box is a few kilobytes)

    def remembered(self, key, compute):
        """compute(), kept for this graph's life: a graph never changes (an edit makes a new one), so an answer
        computed from it stays right until it is replaced."""
        found = self._remembered.get(key)
        if found is None:
            if len(self._remembered) >= self.REMEMBERED:
                self._remembered.clear()
            found = self._remembered[key] = compute()
        return found

    # Nodes and their names

    def person_node(self, person_id):
        return self._node(self.person_ids, 0, self.overlay.extra_people, person_id)

    def title_node(self, title_id):
        return self._node(self.title_ids, self.people, self.overlay.extra_titles, title_id)

    @staticmethod
    def _node(ids, offset, extra, wanted):
        at = int(np.searchsorted(ids, wanted))
        if at < len(ids) and ids[at] == wanted:
            return offset + at
        return extra.get(wanted)

    def is_person(self, node):
        return node < self.people or node in self.extra_person_nodes

    def db_id(self, node):
        if node < self.people:
            return int(self.person_ids[node])
        if node < self.base_nodes:
            return int(self.title_ids[node - self.people])
        return self.node_id[node]

    def label(self, node):
        """(name, slug) of a node."""
        text = self.overlay.labels.get(node)
        if text is None:
            start, end = self.label_offsets[node], self.label_offsets[node + 1]
            text = bytes(self.label_bytes[start:end]).decode()
        name, _, slug = text.partition(LABEL_SEPARATOR)
        return name, slug

    def year(self, title):
        year = self.overlay.years.get(title)
        if year is None:
            year = int(self.years[title - self.people]) if title < self.base_nodes else 0
        return year or None

    def years_of(self, titles):
        """Years of many title nodes at once (0 unknown)."""
        in_base = titles < self.base_nodes
        years = np.zeros(len(titles), np.int32)
        years[in_base] = self.years[titles[in_base] - self.people]
        if self.overlay.years:
            for i, node in enumerate(titles.tolist()):
                if node in self.overlay.years:
                    years[i] = self.overlay.years[node]
        return years

    # Edges

    def neighbours(self, node):
        """(neighbour nodes, role masks) of one node, sorted by node."""
        nodes, roles = self._base_slice(node)
        if self.any_dirty and len(nodes):
            keep = ~self.dirty[nodes] if not self.dirty[node] else np.zeros(len(nodes), bool)
            nodes, roles = nodes[keep], roles[keep]
        if self.has_edges[node]:
            more, more_roles = self.overlay.edges[node]
            nodes, roles = np.concatenate((nodes, more)), np.concatenate((roles, more_roles))
            order = np.argsort(nodes, kind="stable")
            nodes, roles = nodes[order], roles[order]
        return nodes, roles

    def _base_slice(self, node):
        if node >= self.base_nodes:
            return np.zeros(0, np.int32), np.zeros(0, np.uint16)
        start, end = self.indptr[node], self.indptr[node + 1]
        return self.indices[start:end], self.roles[start:end]

    def spans(self, frontier):
        """(where each node's base edges start, how many there are) for a frontier; none past the base."""
        if self.size == self.base_nodes:  # no node past the base (the usual case): two reads, nothing to clip
            starts = self.indptr[frontier]
            return starts, self.indptr[frontier + 1] - starts
        inside = np.minimum(frontier, self.base_nodes)
        starts = self.indptr[inside]
        return starts, self.indptr[np.minimum(inside + 1, self.base_nodes)] - starts

    def expand(self, frontier, spans=None):
        """Every edge out of a frontier at once: (each edge's position in the frontier, its neighbour node)."""
        starts, lengths = self.spans(frontier) if spans is None else spans
        total = int(lengths.sum())
        origin = np.repeat(np.arange(len(frontier), dtype=np.int32), lengths)
        if total:
            ends = np.cumsum(lengths)
            neighbours = self.indices[np.arange(total) + np.repeat(starts - (ends - lengths), lengths)]
        else:
            neighbours = np.zeros(0, np.int32)
        if self.any_dirty and total:
            keep = ~(self.dirty[frontier[origin]] | self.dirty[neighbours])
            neighbours, origin = neighbours[keep], origin[keep]
        extra = np.flatnonzero(self.has_edges[frontier])
        if len(extra):
            more = [self.overlay.edges[int(frontier[at])][0] for at in extra]
            origin = np.concatenate((origin, np.repeat(extra, [len(m) for m in more]).astype(np.int32)))
            neighbours = np.concatenate((neighbours, *more))
        return origin, neighbours

    def reach(self, frontier, spans):
        """Only the neighbour nodes of a frontier's edges (expand() without where each came from)."""
        if self.any_dirty or self.overlay.edges:
            return self.expand(frontier, spans)[1]
        starts, lengths = spans
        if len(frontier) == 1:  # a hub alone in a piece: its edges as they lie, no copy
            return self.indices[int(starts[0]) : int(starts[0] + lengths[0])]
        total = int(lengths.sum())
        return self.indices[np.arange(total) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)]

    # Components

    def _merge_components(self):
        """Base components joined by overlay edges: two nodes in different ones are certainly not connected.

        Overlay edges can only join base components; the edges it removed may split one, which the search
        then finds out.
        """
        parent = {}

        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for node, (neighbours, _) in self.overlay.edges.items():
            a = find(self._base_component(node))
            for other in neighbours:
                b = find(self._base_component(int(other)))
                if a != b:
                    parent[b] = a
        return parent, find

    def _base_component(self, node):
        return int(self.component_array[node]) if node < self.base_nodes else -1 - node

    def component(self, node):
        _, find = self._components
        return find(self._base_component(node))


def role_names(mask):
    """The role names set in an edge's mask, in Credit.Role order."""
    return [role for i, role in enumerate(ROLES) if mask >> i & 1]


def roles_text(names):
    """Role names as readers read them: "director and writer"."""
    labels = [ROLE_LABELS.get(name, name) for name in names]
    return " and ".join(filter(None, [", ".join(labels[:-1]), labels[-1]])) if labels else ""
