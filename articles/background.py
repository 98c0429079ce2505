"""Background work the stories app starts: connections-graph rebuilds (after bulk writes such as an IMDb import, or
from the admin), on every machine, since each keeps its graph on its own disk."""

from django.conf import settings

from core import jobs, tasks
from core.models import Job

from .connections import store
from .models import GraphRebuild


def rebuild_graph(*, by=None, reason="Requested from the admin"):
    """Queue a full rebuild of the connections graph on every machine; returns the jobs (one per machine)."""
    from .tasks import rebuild_connections

    started = []

    def kwargs_for(host):
        job = jobs.start(
            kind=GraphRebuild.KIND,
            title=f"Connections graph rebuild{f' on {host}' if host else ''} ({reason})",
            by=by,
            inputs={"host": host or ""},
        )
        started.append(job)
        return {"job_id": job.pk}

    tasks.enqueue_on_every_machine(rebuild_connections, kwargs_for=kwargs_for)
    return started


def after_imdb_import(sender, summary, **kwargs):
    """An IMDb import writes in bulk, with no save signals for the graph's change log: rebuild it whole."""
    rebuild_graph(reason="after an IMDb import")


def after_bulk_writes(sender, **kwargs):
    """Rows written without saves (QuerySet.update, bulk_create, fixtures, an import's batches) reach the graph by a
    rebuild; one already waiting for a worker will read them too, so an import's thousand batches queue one. With
    no graph on disk there is nothing to rebuild: each process builds its own from the database as edits come."""
    if not store.current_version(settings.CONNECTIONS_DIR):
        return
    if Job.objects.filter(kind=GraphRebuild.KIND, state=Job.State.QUEUED).exists():
        return
    rebuild_graph(reason="after writes in bulk")
