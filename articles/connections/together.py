"""Who worked with whom: the titles a pair share, and a person's most frequent collaborators."""

from dataclasses import dataclass
from itertools import combinations

import numpy as np

from core.links import slug_url

from .graph import role_names, roles_text


@dataclass(frozen=True)
class Node:
    kind: str  # "person" or "title"
    node: int
    name: str
    slug: str
    url: str
    year: int | None = None

    def as_json(self):
        data = {"name": self.name, "slug": self.slug, "url": self.url}
        return {**data, "year": self.year} if self.kind == "title" else data


@dataclass(frozen=True)
class SharedTitle:
    title: Node
    roles: tuple  # (roles of the first person, roles of the second), each a list of role names

    @property
    def roles_text(self):
        return tuple(roles_text(names) for names in self.roles)

    def as_json(self):
        return {**self.title.as_json(), "roles": [list(r) for r in self.roles]}


@dataclass(frozen=True)
class Pair:
    first: Node
    second: Node
    titles: list  # SharedTitle, newest first

    def as_json(self):
        return {"people": [self.first.as_json(), self.second.as_json()], "titles": [t.as_json() for t in self.titles]}


def person(graph, node):
    name, slug = graph.label(node)
    return Node("person", node, name, slug, slug_url("people:detail", slug))


def title(graph, node):
    name, slug = graph.label(node)
    return Node("title", node, name, slug, slug_url("films:detail", slug), graph.year(node))


def newest_first(graph, titles):
    """Titles by year, newest first; a title with no year yet (announced, in production) comes before them all."""
    return sorted(titles, key=lambda t: (-(graph.year(t) or 10_000), graph.label(t)[0]))


def shared_titles(graph, first, second):
    """The titles two people share, newest first, each with both people's roles on it."""
    a_titles, a_roles = graph.neighbours(first)
    b_titles, b_roles = graph.neighbours(second)
    common, in_a, in_b = np.intersect1d(a_titles, b_titles, assume_unique=True, return_indices=True)
    roles = {
        int(t): (role_names(a_roles[i]), role_names(b_roles[j])) for t, i, j in zip(common, in_a, in_b, strict=True)
    }
    return [SharedTitle(title(graph, t), roles[t]) for t in newest_first(graph, roles)]


def worked_together(graph, people, *, limit=3):
    """Pairs among people (nodes) that share titles, the most shared first; at most limit pairs."""
    pairs = []
    for first, second in combinations(dict.fromkeys(people), 2):
        titles = shared_titles(graph, first, second)
        if titles:
            pairs.append(Pair(person(graph, first), person(graph, second), titles))
    pairs.sort(key=lambda pair: -len(pair.titles))
    return pairs[:limit]


@dataclass(frozen=True)
class Collaborator:
    person: Node
    titles: list  # SharedTitle, newest first

    def as_json(self):
        return {**self.person.as_json(), "count": len(self.titles), "titles": [t.as_json() for t in self.titles]}


def collaborators(graph, node, *, limit=5):
    """The people who share the most titles with a person, with those titles."""
    titles, _ = graph.neighbours(node)
    if not len(titles):
        return []
    _, people = graph.expand(titles)
    people = people[people != node]
    found, counts = np.unique(people, return_counts=True)
    top = found[np.lexsort((found, -counts))[:limit]]
    return [Collaborator(person(graph, int(p)), shared_titles(graph, node, int(p))) for p in top]
