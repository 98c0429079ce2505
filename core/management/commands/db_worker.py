"""django-tasks-db's worker, plus the heartbeat that lets other workers take over its task if it dies
(core/workers.py). One per machine: `make serve` starts one beside gunicorn."""

from django_tasks_db.management.commands import db_worker

from core.workers import Heartbeat, beat, machine_queue, requeue_abandoned


class Command(db_worker.Command):
    help = db_worker.Command.help + ", keeping a lease on its task and requeueing those of workers that died"

    def handle(self, *args, worker_id, queue_name, **options):
        if queue_name != "*":  # and the queue of work for this machine alone
            queue_name = ",".join({*queue_name.split(","), machine_queue()})
        beat(worker_id)  # before anything is claimed, so no other worker takes this one for dead
        requeue_abandoned()
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, queue_name=queue_name, **options)
        finally:
            heartbeat.stop()
