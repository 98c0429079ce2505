"""The chain search on generated graphs: the same lengths and counts as a plain breadth-first search, and real chains.

No database: the base is made from credit arrays as a build makes it, so hubs and many searches in a row (the
search state is reused between them, never cleared) are cheap to cover.
"""

import numpy as np
import pytest

from articles.connections import paths
from articles.connections.build import adjacency
from articles.connections.graph import Graph
from articles.connections.paths import shortest_chains
from articles.connections.store import Base


def generated_graph(seed, people=400, titles=150, credits=900):
    rng = np.random.default_rng(seed)
    hubs = rng.random(people) ** 4  # a few people and titles hold most credits
    person = rng.choice(people, credits, p=hubs / hubs.sum()) + 1
    film = rng.choice(titles, credits, p=(weights := rng.random(titles) ** 3) / weights.sum()) + 1
    person_ids, title_ids, indptr, indices, roles, component = adjacency(person, film, np.zeros(credits, np.int32))
    names = [f"node {n}\x1fnode-{n}".encode() for n in range(len(indptr) - 1)]
    offsets = np.concatenate(([0], np.cumsum([len(name) for name in names])))
    labels = np.frombuffer(b"".join(names), np.uint8)
    base = Base(
        person_ids=person_ids,
        title_ids=title_ids,
        indptr=indptr,
        indices=indices,
        roles=roles,
        years=np.zeros(len(title_ids), np.int16),
        component=component,
        label_offsets=offsets,
        label_bytes=labels,
        built_at=0.0,
        last_change=0,
    )
    return Graph(base)


def plain_search(graph, source, target):
    """(people steps, how many shortest chains) by a one-sided breadth-first search over everything."""
    distance, routes = np.full(graph.size, -1), np.zeros(graph.size)
    distance[source], routes[source], frontier, level = 0, 1, np.array([source]), 0
    while len(frontier) and distance[target] < 0:
        origin, neighbours = graph.expand(frontier)
        level += 1
        fresh = distance[neighbours] < 0
        distance[neighbours[fresh]] = level
        reached = distance[neighbours] == level
        np.add.at(routes, neighbours[reached], routes[frontier[origin[reached]]])
        frontier = np.unique(neighbours[fresh])
    return (None, 0) if distance[target] < 0 else (level // 2, round(routes[target]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_chains_have_the_shortest_length_and_count_of_a_plain_search(seed):
    graph = generated_graph(seed)
    rng = np.random.default_rng(seed)
    people = np.flatnonzero(np.diff(graph.indptr[: graph.people + 1]) > 0)
    for source, target in rng.choice(people, size=(150, 2)).tolist():
        found = shortest_chains(graph, source, target, limit=3)
        assert ((found.hops, found.count) if found else (None, 0)) == plain_search(graph, source, target)
        for path in found.paths if found else []:
            assert path[0] == source and path[-1] == target and len(path) == 2 * found.hops + 1
            assert all(b in graph.neighbours(a)[0] for a, b in zip(path, path[1:], strict=False))


def assert_real_chains(graph, found, source, target):
    assert found.paths
    for path in found.paths:
        assert path[0] == source and path[-1] == target and len(path) == 2 * found.hops + 1
        assert all(b in graph.neighbours(a)[0] for a, b in zip(path, path[1:], strict=False))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("piece", [2, 16, 4096])
def test_one_chain_without_a_count_is_still_a_shortest_chain(seed, piece, monkeypatch):
    """The cheapest answer (both sides read a level together, in pieces) finds a chain of the shortest length.

    Small pieces make these small graphs read as a big one does: many pieces, hubs alone in one, partial reads.
    """
    monkeypatch.setattr(paths, "FIRST_PIECE", piece)
    graph = generated_graph(seed, people=600, titles=200, credits=1500)
    rng = np.random.default_rng(seed)
    people = np.flatnonzero(np.diff(graph.indptr[: graph.people + 1]) > 0)
    for source, target in rng.choice(people, size=(200, 2)).tolist():
        found = shortest_chains(graph, source, target, limit=1, count_up_to=0)
        hops, _ = plain_search(graph, source, target)
        assert (found.hops if found else None) == hops
        if found and hops:
            assert not found.exact and len(found.paths) == 1
            assert_real_chains(graph, found, source, target)
        # the next search, sharing the stamped state, is not thrown off by this one's partial reads
        again = shortest_chains(graph, source, target, limit=2)
        assert ((again.hops, again.count) if again else (None, 0)) == plain_search(graph, source, target)


@pytest.mark.parametrize("cap", [1, 3, 10])
def test_a_capped_count_is_exact_up_to_the_cap_and_a_true_lower_bound_past_it(cap, monkeypatch):
    monkeypatch.setattr(paths, "FIRST_PIECE", 2)  # the meeting level in many pieces, as through hubs at scale
    graph = generated_graph(5)
    rng = np.random.default_rng(5)
    people = np.flatnonzero(np.diff(graph.indptr[: graph.people + 1]) > 0)
    capped = exact = 0
    for source, target in rng.choice(people, size=(200, 2)).tolist():
        found = shortest_chains(graph, source, target, limit=2, count_up_to=cap)
        hops, count = plain_search(graph, source, target)
        if not found:
            assert hops is None
            continue
        assert found.hops == hops
        if found.exact:  # counted all: small counts always are, and a large one when the last piece passed the cap
            exact += 1
            assert found.count == count
        else:
            capped += 1
            assert cap < found.count <= count
        if hops:
            assert_real_chains(graph, found, source, target)
    assert capped and exact  # both cases were met
