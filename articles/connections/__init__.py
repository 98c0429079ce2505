"""Connections: the credits graph (people and titles as nodes, public credits as edges) and what it answers.

store.py keeps the base arrays on disk, build.py fills them from the database, freshness.py lays recent edits
over them, paths.py finds shortest chains, together.py shared titles and collaborators, claims.py checks copy.
Pages call the functions below; each reads the graph in memory and costs no query once it is fresh.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix

from .answers import connection, endpoint
from .freshness import current
from .together import collaborators, person, worked_together


def graph():
    return current.get()


def story_pairs(people):
    """Pairs of a story's people (Person objects) who share titles, the strongest first."""
    g = graph()
    nodes = tuple(n for n in (g.person_node(p.pk) for p in people) if n is not None)
    limit = settings.CONNECTIONS_STORY_PAIRS
    # The pairs are the graph's and the links the site's: the same for every request until either changes.
    key = ("story pairs", nodes, limit, get_script_prefix())
    return g.remembered(key, lambda: worked_together(g, list(nodes), limit=limit))


def person_connections(someone):
    """A person page's connections: frequent collaborators and the distance to the centre person."""
    g = graph()
    node = g.person_node(someone.pk)
    found = {"collaborators": [], "centre": None, "centre_slug": settings.CONNECTIONS_CENTRE}
    centre = g.person_node(current.centre_id) if current.centre_id is not None else None
    if node is None or centre is None:
        return found
    limit = settings.CONNECTIONS_COLLABORATORS
    key = ("person connections", node, centre, limit, get_script_prefix())
    return found | g.remembered(key, lambda: _person_connections(g, node, centre, limit))


def _person_connections(g, node, centre, limit):
    answer = connection(g, (node, person(g, node)), (centre, person(g, centre)), limit=1, count_up_to=0)
    return {
        "collaborators": collaborators(g, node, limit=limit),
        "centre": CentreNumber(
            name=f"{answer.target.name.split()[-1]} number",
            hops=answer.hops,
            path=[answer.source] + [n for step in (answer.chains or [[]])[0] for n in (step.title, step.next_person)],
        ),
    }


@dataclass(frozen=True)
class CentreNumber:
    """ "Bacon number 2": the distance to the centre person and one chain that shows it (None: not connected)."""

    name: str
    hops: int | None
    path: list


def connect(source, target, *, limit=4):
    """How two public people (Person objects) connect."""
    g = graph()
    count_up_to = settings.CONNECTIONS_COUNT_UP_TO  # past it "more than": an exact count through hubs costs ms
    return connection(g, endpoint(g, source), endpoint(g, target), limit=limit, count_up_to=count_up_to)
