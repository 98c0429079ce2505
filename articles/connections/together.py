"""Who worked with whom: the titles a pair share, and a person's most frequent collaborators."""

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

import numpy as np

from core.links import slug_url

from .graph import role_names, roles_text


@dataclass(frozen=True)
class Node:
    kind: str  # "person" or "title"
    node: int  # in the graph that answered
    name: str
    slug: str
    url: str
    year: int | None = None
    pk: int | None = None  # in the database: what a page showing it records for its cache (cache_tags)

    def as_json(self):
        data = {"name": self.name, "slug": self.slug, "url": self.url}
        return {**data, "year": self.year} if self.kind == "title" else data


@dataclass(frozen=True)
class SharedTitle:
    title: Node
    roles: tuple  # (roles of the first person, roles of the second), each a list of role names

    @cached_property
    def roles_text(self):
        return tuple(roles_text(names) for names in self.roles)

    def as_json(self):
        return {**self.title.as_json(), "roles": [list(r) for r in self.roles]}


@dataclass(frozen=True)
class Pair:
    first: Node
    second: Node
    count: int  # titles they share
    titles: list  # the newest of them, SharedTitle

    def as_json(self):
        people = [self.first.as_json(), self.second.as_json()]
        return {"people": people, "count": self.count, "titles": [t.as_json() for t in self.titles]}


TITLES_SHOWN = 10  # shared titles listed for a pair; the count says how many there are


def person(graph, node):
    name, slug = graph.label(node)
    return Node("person", node, name, slug, slug_url("people:detail", slug), pk=graph.db_id(node))


def title(graph, node):
    name, slug = graph.label(node)
    return Node("title", node, name, slug, slug_url("films:detail", slug), graph.year(node), graph.db_id(node))


def shared_titles(graph, first, second, *, limit=None):
    """The titles two people share, newest first (at most limit), each with both people's roles on it."""
    return _shared(graph, first, second, limit)[1]


def _shared(graph, first, second, limit):
    """(how many titles two people share, the newest limit of them as SharedTitles)."""
    a_titles, a_roles = graph.neighbours(first)
    b_titles, b_roles = graph.neighbours(second)
    in_a, in_b = _common(a_titles, b_titles)
    common = a_titles[in_a]
    # Newest first; a title with no year yet (announced, in production) comes before them all.
    years = graph.years_of(common)
    order = np.argsort(-np.where(years == 0, 10_000, years), kind="stable")[:limit]
    titles = [
        SharedTitle(title(graph, int(common[i])), (role_names(a_roles[in_a[i]]), role_names(b_roles[in_b[i]])))
        for i in order
    ]
    return len(common), sorted(titles, key=lambda t: (-(t.title.year or 10_000), t.title.name))


def _common(a, b):
    """Positions in a and in b of the values both sorted arrays hold: the shorter one is looked up in the longer
    (a prolific actor's thousands of titles are searched, not sorted again)."""
    if len(a) > len(b):
        in_b, in_a = _common(b, a)
        return in_a, in_b
    at = np.searchsorted(b, a).clip(0, max(len(b) - 1, 0))
    found = (b[at] == a) if len(b) else np.zeros(len(a), bool)
    return np.flatnonzero(found), at[found]


def worked_together(graph, people, *, limit=3, titles=TITLES_SHOWN):
    """Pairs among people (nodes) that share titles, the most shared first; at most limit pairs.

    A story with 16 people has 120 pairs: their titles are read once and sorted together, so only titles two of them
    hold are counted, and just the pairs shown are labelled.
    """
    people = list(dict.fromkeys(people))
    held = [graph.neighbours(node)[0] for node in people]
    if len(people) < 2:
        return []
    owners = np.repeat(np.arange(len(people)), [len(h) for h in held])
    every = np.concatenate(held)
    order = np.argsort(every, kind="stable")
    every, owners = every[order], owners[order]
    starts = np.flatnonzero(np.r_[True, every[1:] != every[:-1]])
    ends = np.r_[starts[1:], len(every)]
    counts = Counter()
    for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
        counts.update(combinations(sorted(set(owners[start:end].tolist())), 2))
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
    return [
        Pair(person(graph, people[i]), person(graph, people[j]), count, _shared(graph, people[i], people[j], titles)[1])
        for (i, j), count in ranked
    ]


@dataclass(frozen=True)
class Collaborator:
    person: Node
    count: int
    titles: list  # the newest shared titles, SharedTitle

    def as_json(self):
        return {**self.person.as_json(), "count": self.count, "titles": [t.as_json() for t in self.titles]}


def collaborators(graph, node, *, limit=5):
    """The people who share the most titles with a person, with those titles."""
    titles, _ = graph.neighbours(node)
    if not len(titles):
        return []
    _, people = graph.expand(titles)
    people = people[people != node]
    found, counts = np.unique(people, return_counts=True)
    top = found[np.lexsort((found, -counts))[:limit]]
    return [Collaborator(person(graph, int(p)), *_shared(graph, node, int(p), TITLES_SHOWN)) for p in top]
