"""The import of a set of files: each file in order (people, titles, credits), in batches, each
batch committed with the checkpoint that lets an interrupted run resume after it."""

import os
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.bulk_writes import bulk_written
from people.models import Person

from ..models import Credit, Film, ImportCheckpoint
from .datasets import NAMES, PRINCIPALS, TITLES, fingerprint, read_lines
from .idsets import IdSet
from .progress import Progress
from .rows import RowChecker
from .staging import Stage
from .summary import FileSummary, Filters, ImportSummary

DEFAULT_BATCH_SIZE = 1_000_000


@dataclass(frozen=True)
class Options:
    filters: Filters = field(default_factory=Filters)
    strict: bool = False
    restart: bool = False
    overwrite: bool = False
    batch_size: int = DEFAULT_BATCH_SIZE
    progress_stream: object = None
    progress: object = None
    after_batch: object = None


def import_datasets(
    *,
    paths,
    filters=None,
    strict=False,
    restart=False,
    overwrite=False,
    batch_size=DEFAULT_BATCH_SIZE,
    progress_stream=None,
    progress=None,
    after_batch=None,
    log=None,
):
    """Import the given files ({"names": path, "titles": path, "principals": path}, any subset).

    Malformed rows are reported and skipped (or, with strict, abort everything with the database
    unchanged). Fields an editor changed by hand keep the editor's value and are reported as conflicts
    where IMDb's differs; overwrite gives IMDb's values instead and clears the marks. A progress bar goes to progress_stream when given;
    progress(dataset=, path=), when given, makes the object told how far each file is (update(position=, rows=,
    final=)) instead, and after_batch() is called once each batch has committed (a background job's row is written
    then: not from inside a batch, whose COPY holds the connection); log is called with each file's
    summary as it finishes. Returns an ImportSummary; raises DatasetError for a file that cannot be
    read at all (wrong header, truncated or corrupt gzip).
    """
    options = Options(
        filters=filters or Filters(),
        strict=strict,
        restart=restart,
        overwrite=overwrite,
        batch_size=batch_size,
        progress_stream=progress_stream,
        progress=progress,
        after_batch=after_batch,
    )
    summary = ImportSummary()
    stage = Stage(overwrite=overwrite)
    try:
        with transaction.atomic() if strict else nullcontext():
            _import_all(paths=paths, options=options, stage=stage, summary=summary, log=log)
    finally:
        stage.drop()
    for model in (Person, Film, Credit):  # merged with plain SQL: nothing built from these rows saw a save
        bulk_written.send(sender=model)
    return summary


def _import_all(*, paths, options, stage, summary, log):
    skipped_titles = IdSet()  # titles the filters leave out, so their credits are left out too
    for dataset in (NAMES, TITLES, PRINCIPALS):
        if paths.get(dataset) is None:
            continue
        result = _import_file(
            dataset=dataset, path=Path(paths[dataset]), options=options, stage=stage, skipped_titles=skipped_titles
        )
        summary.files.append(result)
        if log:
            log(result)


def _import_file(*, dataset, path, options, stage, skipped_titles):
    started = time.monotonic()
    result = FileSummary(dataset=dataset, path=path)
    checkpoint = _checkpoint(dataset=dataset, path=path, options=options)
    result.resumed_from = checkpoint.lines_done
    if checkpoint.finished_at and dataset != TITLES:
        return result  # finished by an earlier run; titles are re-read only to know which ones the filters left out
    checker = RowChecker(
        dataset=dataset,
        path=path,
        filters=options.filters,
        strict=options.strict,
        done=checkpoint.lines_done,
        result=result,
        skipped_titles=skipped_titles,
    )
    tracker = (options.progress or _progress)(dataset=dataset, path=path, stream=options.progress_stream)
    lines = read_lines(path, dataset, progress=tracker)
    _write_batches(
        rows=checker.rows(lines),
        dataset=dataset,
        stage=stage,
        checkpoint=checkpoint,
        result=result,
        size=options.batch_size,
        after_batch=options.after_batch,
    )
    if dataset in (NAMES, TITLES):
        stage.analyze(Person if dataset == NAMES else Film)
    checkpoint.finished_at = timezone.now()
    checkpoint.save(update_fields=["lines_done", "finished_at", "updated_at"])
    result.seconds = time.monotonic() - started
    return result


def _checkpoint(*, dataset, path, options):
    # An overwrite is another import of the same file: one finished without it must not count as done.
    signature = options.filters.signature() + (";overwrite" if options.overwrite else "")
    checkpoint, _ = ImportCheckpoint.objects.get_or_create(dataset=dataset, options=signature, **fingerprint(path))
    if options.restart:
        checkpoint.lines_done, checkpoint.finished_at = 0, None
    return checkpoint


def _progress(*, dataset, path, stream):
    if stream is None:
        return None
    return Progress(label=path.name, total_bytes=os.path.getsize(path), stream=stream)


@dataclass
class Batch:
    count: int = 0
    last_line: int = 0


def _write_batches(*, rows, dataset, stage, checkpoint, result, size, after_batch=None):
    """Stage and merge rows batch by batch, each batch in its own transaction with the checkpoint."""
    now = timezone.now()
    while True:
        if after_batch is not None and result.written:
            after_batch()
        batch = Batch()
        with transaction.atomic():
            stage.load(dataset, _take(rows, batch, size=size))
            if not batch.count:
                return
            stage.merge(dataset, now=now, rows=batch.count)
            result.written += batch.count
            checkpoint.lines_done = batch.last_line
            checkpoint.save(update_fields=["lines_done", "updated_at"])


def _take(rows, batch, *, size):
    """The next rows up to size, counted in batch as they pass."""
    for row in rows:
        batch.count += 1
        batch.last_line = row[-1]
        yield row
        if batch.count >= size:
            return
