"""A story's worked-together pairs rank as counting every pair one by one would, on graphs with hubs."""

from itertools import combinations

import numpy as np
import pytest

from articles.connections.together import _shared, worked_together

from .test_chain_search import generated_graph


@pytest.mark.parametrize("seed", range(4))
def test_pairs_and_their_counts_match_counting_each_pair(seed):
    graph = generated_graph(seed)
    people = np.flatnonzero(np.diff(graph.indptr[: graph.people + 1]) > 0)
    story = np.random.default_rng(seed).choice(people, size=16, replace=False).tolist()
    each = [(_shared(graph, a, b, 0)[0], a, b) for a, b in combinations(story, 2)]
    expected = sorted([pair for pair in each if pair[0]], key=lambda pair: -pair[0])  # story order among equals
    found = worked_together(graph, story, limit=len(each))
    assert expected and [(pair.count, pair.first.node, pair.second.node) for pair in found] == expected
