"""Shortest chains between two people: person → title → person … over the graph's arrays.

A bidirectional breadth-first search that expands, level by level, the smaller side's whole frontier in one
numpy gather (no Python loop per edge), counting on each side how many shortest routes reach every node. The
first level where the sides meet gives the length; the sum over the meeting nodes of the two sides' counts is
the number of shortest chains. Two people in different components are "not connected" without a search.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Chains:
    """The shortest chains between two nodes; hops counts people steps (half the node-to-node edges)."""

    hops: int
    count: int  # how many chains of this length exist
    paths: list  # a few of them, each a list of nodes from the source to the target


def shortest_chains(graph, source, target, *, limit=4):
    """Chains from source to target (people nodes); None when they are not connected."""
    if source == target:
        return Chains(hops=0, count=1, paths=[[source]])
    if graph.component(source) != graph.component(target):
        return None
    sides = graph.scratch()
    touched = ([np.array([source])], [np.array([target])])
    for side, node in ((0, source), (1, target)):
        sides[side][0][node], sides[side][1][node] = 0, 1.0
    frontiers, depth = [np.array([source]), np.array([target])], [0, 0]
    try:
        while len(frontiers[0]) and len(frontiers[1]):
            side = 0 if graph.degree(frontiers[0]) <= graph.degree(frontiers[1]) else 1  # the cheaper side
            distance, count = sides[side]
            sources, neighbours = graph.expand(frontiers[side])
            fresh = distance[neighbours] < 0
            sources, neighbours = sources[fresh], neighbours[fresh]
            reached, slot = np.unique(neighbours, return_inverse=True)
            depth[side] += 1
            distance[reached] = depth[side]
            count[reached] = np.bincount(slot, weights=count[sources], minlength=len(reached))
            touched[side].append(reached)
            frontiers[side] = reached
            other_distance, other_count = sides[1 - side]
            meeting = reached[other_distance[reached] >= 0]
            if len(meeting):
                total = other_distance[meeting]
                meeting = meeting[total == total.min()]
                routes = float(np.dot(count[meeting], other_count[meeting]))
                hops = (depth[side] + int(total.min())) // 2
                return Chains(hops=hops, count=round(routes), paths=_some_paths(graph, sides, meeting, limit))
        return None
    finally:
        for side in (0, 1):  # only what this search touched, so the next one starts clean in O(its own size)
            nodes = np.concatenate(touched[side])
            sides[side][0][nodes] = -1
            sides[side][1][nodes] = 0


def _some_paths(graph, sides, meeting, limit):
    paths = []
    for middle in meeting:
        for left in _walks(graph, sides[0][0], int(middle), limit):
            for right in _walks(graph, sides[1][0], int(middle), limit):
                paths.append([*left, *reversed(right[:-1])])
                if len(paths) >= limit:
                    return paths
    return paths


def _walks(graph, distance, node, limit):
    """Up to limit shortest walks from a side's start to node, each a list ending at node."""
    level = int(distance[node])
    if level == 0:
        return [[node]]
    neighbours, _ = graph.neighbours(node)
    before = neighbours[distance[neighbours] == level - 1]
    walks = []
    for previous in before[:limit]:
        for walk in _walks(graph, distance, int(previous), limit - len(walks)):
            walks.append([*walk, node])
            if len(walks) >= limit:
                return walks
    return walks
