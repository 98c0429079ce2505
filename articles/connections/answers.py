"""Answers as readers get them: the chains between two people, and a person's distance to the centre person."""

from dataclasses import dataclass

from .graph import role_names, roles_text
from .paths import shortest_chains
from .together import Node, person, title


@dataclass(frozen=True)
class Step:
    """One link of a chain: a person, the title they share with the next person, and both one's roles on it."""

    person: object
    title: object
    next_person: object
    roles: tuple

    @property
    def roles_text(self):
        return tuple(roles_text(names) for names in self.roles)

    def as_json(self):
        return {
            "person": self.person.as_json(),
            "title": {**self.title.as_json(), "roles": [list(r) for r in self.roles]},
            "next_person": self.next_person.as_json(),
        }


@dataclass(frozen=True)
class Connection:
    source: object
    target: object
    hops: int | None  # None: not connected
    count: int  # chains of that length (when not exact, how many were counted: more than count_up_to)
    chains: list  # a few chains, each a list of Steps
    exact: bool = True  # False: counting stopped past more_than chains
    more_than: int | None = None  # the cap passed when the count is not exact

    @property
    def connected(self):
        return self.hops is not None

    @property
    def others(self):
        return max(self.count - 1, 0)

    def as_json(self):
        return {
            "from": self.source.as_json(),
            "to": self.target.as_json(),
            "connected": self.connected,
            "hops": self.hops,
            "chains_of_this_length": self.count,
            "chains_of_this_length_exact": self.exact,
            "chains": [[step.as_json() for step in chain] for chain in self.chains],
        }


def _role_on(graph, node, title_node):
    titles, roles = graph.neighbours(node)
    at = titles.searchsorted(title_node)
    return role_names(roles[at]) if at < len(titles) and titles[at] == title_node else []


def steps(graph, path):
    """A node path (person, title, person, …) as Steps."""
    return [
        Step(
            person(graph, path[i]),
            title(graph, path[i + 1]),
            person(graph, path[i + 2]),
            (_role_on(graph, path[i], path[i + 1]), _role_on(graph, path[i + 2], path[i + 1])),
        )
        for i in range(0, len(path) - 2, 2)
    ]


def endpoint(graph, someone):
    """A public Person as a chain's end: (its node, or None when it has no public credit; how to show it)."""
    node = graph.person_node(someone.pk)
    if node is not None:
        return node, person(graph, node)
    return None, Node("person", -1, someone.name, someone.slug, someone.get_absolute_url(), pk=someone.pk)


def connection(graph, source, target, *, limit=4, count_up_to=None):
    """How two ends (from endpoint()) connect: the shortest chains, or not connected.

    count_up_to: None counts every chain, 0 counts none (one chain is all that is wanted), N counts past N.
    """
    (source_node, source_end), (target_node, target_end) = source, target
    found = None
    if source_node is not None and target_node is not None:
        found = shortest_chains(graph, source_node, target_node, limit=limit, count_up_to=count_up_to)
    if found is None:
        return Connection(source_end, target_end, hops=None, count=0, chains=[])
    chains = [steps(graph, path) for path in found.paths]
    more_than = None if found.exact else count_up_to
    return Connection(source_end, target_end, found.hops, found.count, chains, found.exact, more_than)
