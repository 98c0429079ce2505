"""Shortest chains between two people: person → title → person … over the graph's arrays.

A bidirectional breadth-first search that expands, level by level, the cheaper side's whole frontier (fewer edges
to read) in one numpy gather, with no Python loop per edge, and stops at the first level where the sides meet.
Each side carries, for its frontier only, how many shortest routes reach each node; at the meeting the sum over
the meeting nodes of the two sides' counts is the number of shortest chains. Two people in different components
are "not connected" without a search.

Finding one chain and counting them are different costs. On a graph with hubs a three-step chain's meeting level
holds 0.1-1.4M edges: counting every chain must read them all, while one chain is usually found after a few
thousand. So the meeting level is read in pieces of growing size: count_up_to=0 (one chain, no count) lets both
sides take their last levels together and stops at the first shared node; count_up_to=N stops once more than N
chains are known and says the count is not exact (the page then says "more than N").

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
FIRST_PIECE = 2048  # edges read at once at the meeting level, doubling while no meeting is found


@dataclass(frozen=True)
class Chains:
    """The shortest chains between two nodes; hops counts people steps (half the node-to-node edges)."""

    hops: int
    count: int  # how many chains of this length exist
    paths: list  # a few of them, each a list of nodes from the source to the target
    exact: bool = True  # False: count is a lower bound (the search stopped counting, or did not count)


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


def shortest_chains(graph, source, target, *, limit=4, count_up_to=None):
    """Chains from source to target (people nodes); None when they are not connected.

    count_up_to=None counts every chain of the shortest length; a number N stops reading the meeting level once
    more than N chains are known (count is then a lower bound above N and exact is False); 0 asks for one chain
    and no count, the cheapest answer.
    """
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
        if count_up_to == 0 and (levels[0] + levels[1]) % 2 == 0:
            middle = _both_sides(graph, scratch, stamp, side, levels, frontiers, spans)
            if middle is not None:
                paths = _some_paths(graph, scratch, stamp, middle, limit)
                return Chains(hops=(levels[0] + levels[1]) // 2, count=1, paths=paths, exact=False)
            continue
        levels[side] += 1
        if (levels[side] - levels[other]) % 2:  # people meet people and titles titles: no meeting at this level
            origin, neighbours = graph.expand(frontiers[side], spans[side])
        else:
            met, origin, neighbours = _meet(
                graph, scratch, stamp, side, levels, frontiers[side], spans[side], counts, count_up_to
            )
            if met is not None:
                middle, total, exact = met
                paths = _some_paths(graph, scratch, stamp, middle, limit)
                return Chains(hops=(levels[0] + levels[1]) // 2, count=round(total), paths=paths, exact=exact)
        reached, routes = _merge(scratch, stamp, side, origin, neighbours, counts[side] if count_up_to != 0 else None)
        scratch.marks[side][reached] = stamp | levels[side]
        frontiers[side], counts[side], spans[side] = reached, routes, graph.spans(reached)
    return None


def _both_sides(graph, scratch, stamp, cheap, levels, frontiers, spans):
    """One chain, no count: both sides take their next level together, in alternate pieces of growing size.

    From here a meeting needs one more level on each side (a person meets a person, a title a title), so reading
    a little of both finds a shared node far sooner, through hubs, than reading the whole cheaper side first. Returns
    the meeting nodes (levels updated), or None with the sides advanced: the cheaper side always, the other only
    if it was read whole; a partial read of it stops once it has cost as much as the cheaper side and is undone.
    """
    dear = 1 - cheap
    next_marks = [stamp | (levels[0] + 1), stamp | (levels[1] + 1)]
    pieces = [_pieces(graph, frontiers[side], spans[side]) for side in (0, 1)]
    fresh, read, done = ([], []), [0, 0], [False, False]
    budget = int(spans[cheap][1].sum())
    while not (done[cheap] and (done[dear] or read[dear] >= budget)):
        for side in (cheap, dear):
            if done[side]:
                continue
            neighbours = next(pieces[side], None)
            if neighbours is None:
                done[side] = True
                continue
            read[side] += len(neighbours)
            new = neighbours[scratch.marks[side][neighbours] < stamp]
            scratch.marks[side][new] = next_marks[side]
            fresh[side].append(new)
            hits = new[scratch.marks[1 - side][new] == next_marks[1 - side]]
            if len(hits):
                levels[0], levels[1] = levels[0] + 1, levels[1] + 1
                return np.unique(hits)
    for side in (cheap, dear):
        reached = np.concatenate(fresh[side]) if fresh[side] else np.zeros(0, np.int32)
        if not done[side]:
            scratch.marks[side][reached] = 0  # as if never read: this side stays at its level
            continue
        slots, positions = scratch.slots[side], np.arange(len(reached), dtype=np.int32)
        slots[reached] = positions  # one write survives per node: duplicates of a piece go
        frontiers[side] = reached[slots[reached] == positions]
        spans[side] = graph.spans(frontiers[side])
        levels[side] += 1
    return None


def _pieces(graph, frontier, spans):
    """A frontier's edges in pieces of growing size (a hub's edges are one piece): each piece's neighbour nodes."""
    starts, lengths = spans
    ends = np.cumsum(lengths)
    first, budget = 0, FIRST_PIECE
    while first < len(frontier):
        last = int(np.searchsorted(ends, (ends[first - 1] if first else 0) + budget, side="right"))
        last = max(last, first + 1)
        yield graph.reach(frontier[first:last], (starts[first:last], lengths[first:last]))
        first, budget = last, budget * 2


def _meet(graph, scratch, stamp, side, levels, frontier, spans, counts, count_up_to):
    """Whether this level of side meets the other side.

    Returns ((meeting nodes, chains through them, whether that count is all of them) or None, and when they do
    not meet the level's edges (origin, neighbours) for the merge, so no edge is read twice.

    Only the other side's current frontier can be reached (an earlier level would have met sooner). The level is
    read in pieces of growing size, so a meeting early in it, or enough chains to pass count_up_to, ends the
    search without reading the rest of the edges (through hubs, most of a search's edges are at this level).
    """
    other = 1 - side
    starts, lengths = spans
    wanted = stamp | levels[other]
    ends = np.cumsum(lengths)
    first, budget, middles, total, read = 0, FIRST_PIECE, [], 0.0, []
    while first < len(frontier):
        last = int(np.searchsorted(ends, (ends[first - 1] if first else 0) + budget, side="right"))
        last = max(last, first + 1)  # a hub alone is one piece
        origin, neighbours = graph.expand(frontier[first:last], (starts[first:last], lengths[first:last]))
        hits = np.flatnonzero(scratch.marks[other][neighbours] == wanted)
        if len(hits):
            middle, slot = np.unique(neighbours[hits], return_inverse=True)
            scratch.marks[side][middle] = stamp | levels[side]
            middles.append(middle)
            if count_up_to == 0:
                return (middle, 1.0, False), None, None
            routes = np.bincount(slot, weights=counts[side][first + origin[hits]], minlength=len(middle))
            total += float(np.dot(routes, counts[other][scratch.slots[other][middle]]))
            if count_up_to is not None and total > count_up_to:
                return (np.unique(np.concatenate(middles)), total, last >= len(frontier)), None, None
        elif not middles:
            read.append((origin + first, neighbours))
        first, budget = last, budget * 2
    if middles:  # a node met in two pieces counted its routes from each: the sum is still every chain, once
        return (np.unique(np.concatenate(middles)), total, True), None, None
    if len(read) == 1:
        return None, *read[0]
    return None, np.concatenate([o for o, _ in read]), np.concatenate([n for _, n in read])


def _merge(scratch, stamp, side, origin, neighbours, counts):
    """The nodes a level reaches for the first time, and how many shortest routes reach each."""
    fresh = scratch.marks[side][neighbours] < stamp
    neighbours = neighbours[fresh]
    slots = scratch.slots[side]
    positions = np.arange(len(neighbours), dtype=np.int32)
    slots[neighbours] = positions  # one write survives per node: that edge stands for the node
    reached = neighbours[slots[neighbours] == positions]
    if counts is None:  # one chain asked for, not how many: no routes, and no slots to look them up by
        return reached, None
    slots[reached] = np.arange(len(reached), dtype=np.int32)
    origin = origin[fresh]
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
