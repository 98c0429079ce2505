"""Shortest chains between two people: person → title → person … over the graph's arrays.

A bidirectional breadth-first search that expands, level by level, the cheaper side's whole frontier (fewer edges
to read) in one numpy gather, with no Python loop per edge, and stops at the first level where the sides meet.
Each side carries, for its frontier only, how many shortest routes reach each node; at the meeting the sum over
the meeting nodes of the two sides' counts is the number of shortest chains. Two people in different components
are "not connected" without a search.

A query touches only what it visits: which nodes a side has reached (and at which level) lives in per-thread
scratch arrays stamped with the query's number, so nothing is cleared between queries, nothing graph-sized is
allocated per query, and duplicates in a frontier are merged through a slot array rather than by sorting.
"""

import threading
from dataclasses import dataclass

import numpy as np

LEVEL_BITS = 10  # a mark is (query stamp << LEVEL_BITS) | level
LEVEL_MASK = (1 << LEVEL_BITS) - 1
MAX_STAMP = (1 << (32 - LEVEL_BITS)) - 1


@dataclass(frozen=True)
class Chains:
    """The shortest chains between two nodes; hops counts people steps (half the node-to-node edges)."""

    hops: int
    count: int  # how many chains of this length exist
    paths: list  # a few of them, each a list of nodes from the source to the target


class _Scratch:
    """One thread's search state: per side, each node's mark and its position in that side's frontier.

    np.zeros maps untouched pages lazily, so a worker's resident share grows only with the nodes searches visit.
    """

    def __init__(self, size):
        self.marks = (np.zeros(size, np.uint32), np.zeros(size, np.uint32))
        self.slots = (np.zeros(size, np.int32), np.zeros(size, np.int32))
        self.stamp = 0

    def next_stamp(self):
        self.stamp += 1
        if self.stamp > MAX_STAMP:  # every ~4M queries: forget all marks once and start again
            for marks in self.marks:
                marks[:] = 0
            self.stamp = 1
        return self.stamp << LEVEL_BITS


_local = threading.local()


def _scratch(size):
    found = getattr(_local, "scratch", None)
    if found is None or len(found.marks[0]) < size:
        found = _local.scratch = _Scratch(size)
    return found


def shortest_chains(graph, source, target, *, limit=4):
    """Chains from source to target (people nodes); None when they are not connected."""
    if source == target:
        return Chains(hops=0, count=1, paths=[[source]])
    if graph.component(source) != graph.component(target):
        return None
    scratch = _scratch(graph.size)
    stamp = scratch.next_stamp()
    frontiers = [np.array([source], np.int64), np.array([target], np.int64)]
    counts = [np.ones(1), np.ones(1)]
    levels = [0, 0]
    spans = [graph.spans(frontier) for frontier in frontiers]
    for side in (0, 1):
        scratch.marks[side][frontiers[side]] = stamp
        scratch.slots[side][frontiers[side]] = 0
    while len(frontiers[0]) and len(frontiers[1]) and max(levels) < LEVEL_MASK:
        side = 0 if spans[0][1].sum() <= spans[1][1].sum() else 1
        other = 1 - side
        origin, neighbours = graph.expand(frontiers[side], spans[side])
        levels[side] += 1
        # Met? Only the other side's current frontier can be reached (an earlier level would have met sooner), and
        # the last level through hubs is most of a search's edges: answer from the hits without merging them all.
        hits = np.flatnonzero(scratch.marks[other][neighbours] == stamp | levels[other])
        if len(hits):
            middle, slot = np.unique(neighbours[hits], return_inverse=True)
            routes = np.bincount(slot, weights=counts[side][origin[hits]], minlength=len(middle))
            scratch.marks[side][middle] = stamp | levels[side]
            total = float(np.dot(routes, counts[other][scratch.slots[other][middle]]))
            paths = _some_paths(graph, scratch, stamp, middle, limit)
            return Chains(hops=(levels[0] + levels[1]) // 2, count=round(total), paths=paths)
        reached, routes = _merge(scratch, stamp, side, origin, neighbours, counts[side])
        scratch.marks[side][reached] = stamp | levels[side]
        frontiers[side], counts[side], spans[side] = reached, routes, graph.spans(reached)
    return None


def _merge(scratch, stamp, side, origin, neighbours, counts):
    """The nodes a level reaches for the first time, and how many shortest routes reach each."""
    fresh = scratch.marks[side][neighbours] < stamp
    origin, neighbours = origin[fresh], neighbours[fresh]
    slots = scratch.slots[side]
    positions = np.arange(len(neighbours), dtype=np.int32)
    slots[neighbours] = positions  # one write survives per node: that edge stands for the node
    reached = neighbours[slots[neighbours] == positions]
    slots[reached] = np.arange(len(reached), dtype=np.int32)
    routes = np.bincount(slots[neighbours], weights=counts[origin], minlength=len(reached))
    return reached, routes


def _some_paths(graph, scratch, stamp, meeting, limit):
    paths = []
    for middle in meeting.tolist():
        for left in _walks(graph, scratch.marks[0], stamp, middle, limit):
            for right in _walks(graph, scratch.marks[1], stamp, middle, limit):
                paths.append([*left, *reversed(right[:-1])])
                if len(paths) >= limit:
                    return paths
    return paths


def _walks(graph, marks, stamp, node, limit):
    """Up to limit shortest walks from a side's start to node, each a list ending at node."""
    level = int(marks[node]) & LEVEL_MASK
    if level == 0:
        return [[node]]
    neighbours, _ = graph.neighbours(node)
    before = neighbours[marks[neighbours] == stamp | (level - 1)]
    walks = []
    for previous in before[:limit].tolist():
        for walk in _walks(graph, marks, stamp, previous, limit - len(walks)):
            walks.append([*walk, node])
            if len(walks) >= limit:
                return walks
    return walks
