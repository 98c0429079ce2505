"""Import the IMDb datasets (name.basics, title.basics, title.principals) into people, titles and credits."""

import argparse
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from films import imdb
from films.keys import fill_title_keys
from people.keys import fill_name_keys


def kinds(value):
    chosen = tuple(kind.strip() for kind in value.split(",") if kind.strip())
    unknown = sorted(set(chosen) - set(imdb.ALL_KINDS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown title kind(s) {', '.join(unknown)}; known: {', '.join(imdb.ALL_KINDS)}"
        )
    return chosen


def years(value):
    start, _, end = value.partition("-")
    return (int(start) if start else None, int(end) if end else None)


class Command(BaseCommand):
    help = (
        "Import IMDb dataset files in their published layout (TSV, header row, \\N for null, gzip or plain). "
        "Idempotent and resumable; malformed rows are reported and skipped unless --strict."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", nargs="?", help="Folder holding name.basics.tsv[.gz], title.basics.tsv[.gz], …"
        )
        parser.add_argument("--names", help="Path of name.basics.tsv[.gz].")
        parser.add_argument("--titles", help="Path of title.basics.tsv[.gz].")
        parser.add_argument("--principals", help="Path of title.principals.tsv[.gz].")
        parser.add_argument("--kinds", type=kinds, default=imdb.ALL_KINDS, help="Comma-separated title types.")
        parser.add_argument("--years", type=years, default=(None, None), help="Year range, e.g. 1990-2020 or 2000-.")
        parser.add_argument("--limit", type=int, help="Import at most this many titles (and their credits).")
        parser.add_argument("--strict", action="store_true", help="Abort on the first bad row; nothing is written.")
        parser.add_argument("--restart", action="store_true", help="Ignore checkpoints of earlier runs.")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace names, titles, years and statuses that editors changed by hand with IMDb's values.",
        )
        parser.add_argument("--batch-size", type=int, default=imdb.DEFAULT_BATCH_SIZE)
        parser.add_argument("--no-progress", action="store_true", help="No progress bar on stderr.")

    def handle(self, *args, directory=None, **options):
        self.overwrite = options["overwrite"]
        paths = imdb.dataset_paths(directory) if directory else {}
        for dataset in (imdb.NAMES, imdb.TITLES, imdb.PRINCIPALS):
            if options[dataset]:
                paths[dataset] = options[dataset]
        if not paths:
            raise CommandError("No dataset files: give a folder holding them, or --names/--titles/--principals.")
        for dataset, path in paths.items():
            if not Path(path).is_file():
                raise CommandError(f"{path}: no such file (the {dataset} dataset). Nothing was imported.")
        filters = imdb.Filters(
            kinds=options["kinds"], year_from=options["years"][0], year_to=options["years"][1], limit=options["limit"]
        )
        started = timezone.now()
        try:
            summary = imdb.import_datasets(
                paths=paths,
                filters=filters,
                strict=options["strict"],
                restart=options["restart"],
                overwrite=options["overwrite"],
                batch_size=options["batch_size"],
                progress_stream=None if options["no_progress"] else sys.stderr,
                log=self.log,
            )
        except imdb.DatasetError as error:
            message = str(error)
            if options["strict"]:
                message += ("" if message.endswith(("?", ".")) else ".") + " Nothing was written (--strict)."
            raise CommandError(message) from None
        if summary.problems:
            self.stderr.write(f"{len(summary.problems)} row(s) reported above were skipped.")
        if summary.conflicts and not options["overwrite"]:
            self.stdout.write(
                f"{len(summary.conflicts)} hand edit(s) listed above were kept; --overwrite replaces them with IMDb's."
            )
        # The bulk SQL merge bypasses save(): key what it wrote so story suggestions can find it.
        keyed = fill_name_keys(since=started) + fill_title_keys(since=started)
        self.stdout.write(f"lookup keys: {keyed:,} people and titles keyed")

    def log(self, result):
        for problem in result.problems:
            self.stderr.write(f"  skipped {problem}")
        more = result.malformed + result.unknown_ids - len(result.problems)
        if more > 0:
            self.stderr.write(f"  … and {more:,} more skipped rows in {result.path.name}")
        resumed = f", resumed after line {result.resumed_from:,}" if result.resumed_from else ""
        self.stdout.write(
            f"{result.path.name}: {result.written:,} rows written, {result.filtered:,} left out by filters, "
            f"{result.malformed:,} malformed, {result.unknown_ids:,} with unknown ids "
            f"in {result.seconds:.1f} s{resumed}"
        )
        for conflict in result.conflicts:
            self.stdout.write(f"  {self.hand_edit(conflict)}")

    def hand_edit(self, conflict):
        what = f"{conflict.imdb_id} {conflict.field}"
        if self.overwrite:
            return f"replaced hand edit {what}: {conflict.kept!r} -> IMDb's {conflict.imdb!r}"
        return f"kept hand edit {what}: {conflict.kept!r} (IMDb has {conflict.imdb!r})"
