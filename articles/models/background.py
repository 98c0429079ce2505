from core.models import Job


class GraphRebuild(Job):
    """A full rebuild of the connections graph, run in the background (one per machine: the graph lives on each
    machine's disk). Its own permissions say who may start one from the admin (add) or see them (view)."""

    KIND = "graph_rebuild"

    class Meta:
        proxy = True
        verbose_name = "connections graph rebuild"
