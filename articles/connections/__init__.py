"""Connections: the credits graph (people and titles as nodes, public credits as edges) and what it answers.

store.py keeps the base arrays on disk, build.py fills them from the database, freshness.py lays recent edits
over them, paths.py finds shortest chains, together.py shared titles and collaborators, claims.py checks copy.
Pages call the functions below; each reads the graph in memory and costs no query once it is fresh.
"""

from django.conf import settings

from .answers import connection, endpoint
from .freshness import current
from .together import collaborators, person, worked_together


def graph():
    return current.get()


def story_pairs(people):
    """Pairs of a story's people (Person objects) who share titles, the strongest first."""
    g = graph()
    nodes = [n for n in (g.person_node(p.pk) for p in people) if n is not None]
    return worked_together(g, nodes, limit=settings.CONNECTIONS_STORY_PAIRS)


def person_connections(someone):
    """A person page's connections: frequent collaborators and the distance to the centre person."""
    g = graph()
    node = g.person_node(someone.pk)
    if node is None:
        return {"collaborators": [], "centre": None}
    centre = g.person_node(current.centre_id) if current.centre_id is not None else None
    found = None
    if centre is not None and centre != node:
        found = connection(g, (node, person(g, node)), (centre, person(g, centre)), limit=1)
    return {"collaborators": collaborators(g, node, limit=settings.CONNECTIONS_COLLABORATORS), "centre": found}


def connect(source, target, *, limit=4):
    """How two public people (Person objects) connect."""
    g = graph()
    return connection(g, endpoint(g, source), endpoint(g, target), limit=limit)
