"""An IMDb import run as a background job: the uploaded files, kept in storage, are imported with the job's row told
how far it is, and a report is written at the end (films/tasks.py queues it, films/admin_imports.py starts it).

The importer reads local files (it seeks, gunzips and fingerprints them), so each stored file is streamed in chunks
to a temporary file first; never whole into memory. Its modification time is the job's start, so a retry of the same
job resumes from the importer's checkpoints and another upload of a same-sized file does not.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone

from people.keys import fill_name_keys
from people.models import Person

from . import imdb
from .keys import fill_title_keys
from .models import Credit, Film
from .signals import imdb_imported

UPLOAD_DIR = "imdb-imports"
COUNTED = (("people", Person), ("titles", Film), ("credits", Credit))
BATCH_SIZE = imdb.DEFAULT_BATCH_SIZE  # rows per committed batch; progress is written between batches
WRITES = {imdb.NAMES: "people", imdb.TITLES: "titles", imdb.PRINCIPALS: "credits"}


def store_uploads(*, uploads, job_key):
    """Save the uploaded files ({dataset: UploadedFile}) to storage, in chunks; returns {dataset: stored name}."""
    return {
        dataset: default_storage.save(f"{UPLOAD_DIR}/{job_key}/{upload.name}", upload)
        for dataset, upload in uploads.items()
    }


@contextmanager
def local_copies(stored, *, mtime):
    """The stored files as local paths ({dataset: Path}), removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="imdb-import-"))
    try:
        paths = {}
        for dataset, name in stored.items():
            path = directory / Path(name).name
            with default_storage.open(name, "rb") as source, open(path, "wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            os.utime(path, (mtime, mtime))
            paths[dataset] = path
        yield paths
    finally:
        shutil.rmtree(directory, ignore_errors=True)


class JobProgress:
    """Tells the job's row how far the import is, in bytes over all its files. The reader's reports are kept in
    memory and written between batches (flush): inside one, a PostgreSQL COPY holds the connection."""

    def __init__(self, job, paths):
        self.job = job
        self.sizes = {dataset: os.path.getsize(path) for dataset, path in paths.items()}
        self.finished = {}
        self.rows = {}
        self.at = (None, 0)  # the file being read, and where

    def tracker(self, *, dataset, path, stream=None):
        progress = self

        class Tracker:
            def update(self, *, position, rows, final=False):
                progress.rows[dataset] = rows
                progress.at = (dataset, position)

        return Tracker()

    def flush(self, *, force=False):
        dataset, position = self.at
        done = sum(self.finished.values()) + (position if dataset not in self.finished else 0)
        counts = {f"{name} rows read": rows for name, rows in self.rows.items()}
        step = f"Reading {imdb.FILE_NAMES[dataset]}" if dataset and dataset not in self.finished else ""
        self.job.update(done=done, total=sum(self.sizes.values()), step=step, counts=counts, force=force)

    def file_done(self, result):
        self.finished[result.dataset] = self.sizes[result.dataset]
        self.flush(force=True)


def run_import(*, job):
    """Import the job's files (inputs: files, kinds, years, overwrite); returns the report."""
    inputs = job.inputs
    filters = imdb.Filters(
        kinds=tuple(inputs.get("kinds") or imdb.ALL_KINDS),
        year_from=inputs.get("year_from"),
        year_to=inputs.get("year_to"),
    )
    before = {name: model.objects.count() for name, model in COUNTED}
    started = timezone.now()
    job.update(step="Fetching the files from storage", force=True)
    with local_copies(inputs["files"], mtime=job.job.created_at.timestamp()) as paths:
        progress = JobProgress(job, paths)
        summary = imdb.import_datasets(
            paths=paths,
            filters=filters,
            overwrite=bool(inputs.get("overwrite")),
            batch_size=BATCH_SIZE,
            progress=progress.tracker,
            after_batch=progress.flush,
            log=progress.file_done,
        )
    job.update(step="Keying names and titles for story suggestions", force=True)
    keyed = fill_name_keys(since=started) + fill_title_keys(since=started)
    imdb_imported.send(sender=Film, summary=summary)
    for name in inputs["files"].values():
        default_storage.delete(name)  # imported: the upload has done its work
    return report(summary, before=before, keyed=keyed)


def report(summary, *, before, keyed):
    """Per file: rows created, updated (written over an existing row) and skipped (by filters, malformed, unknown
    ids), and the first problems; created counts by table."""
    created = {name: model.objects.count() - before[name] for name, model in COUNTED}
    files = []
    for result in summary.files:
        new = created[WRITES[result.dataset]]
        files.append(
            {
                "file": Path(result.path).name,
                "what": WRITES[result.dataset],
                "created": new,
                "updated": max(result.written - new, 0),
                "filtered": result.filtered,
                "malformed": result.malformed,
                "unknown_ids": result.unknown_ids,
                "resumed_after_line": result.resumed_from,
                "seconds": round(result.seconds, 1),
                "problems": [str(problem) for problem in result.problems],
                "hand_edits_kept": len(result.conflicts),
            }
        )
    return {"created": created, "files": files, "keyed": keyed}
