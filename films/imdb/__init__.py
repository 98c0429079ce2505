"""The IMDb datasets (name.basics, title.basics, title.principals) into people, titles and credits.

Each file is streamed line by line (gzip or plain) and checked row by row; the rows stream into a
temporary staging table (COPY on PostgreSQL, executemany on SQLite) and each batch is merged into the
real tables with one INSERT … ON CONFLICT keyed by IMDb ids, so a second run updates and never
duplicates. Nothing grows with the file in memory: rows pass through in chunks, and the sets of
known and filtered-out ids are bitmaps (a few MB for all of IMDb). On PostgreSQL a batch that dwarfs
the credit table (a first import) rebuilds that table's indexes and keys once instead of row by row.

Resuming: outside --strict every batch commits together with an ImportCheckpoint recording how many
lines of that file are in; a later run over the same file (same name, size, modification time and
filters) re-reads those lines without writing them. With strict=True the whole import is one
transaction and the first bad row aborts it, leaving the database as it was.

The modules, in the order a row meets them: datasets (files, headers, lines), parsing (one row to
values), rows (filters and problems of one file), kept_edits (hand edits an import meets), staging (the staging tables), merge_records and
merge_credits (staged rows into the real tables, bulk for the big first load), importer (the run).
"""

from .datasets import FILE_NAMES, HEADERS, NAMES, PRINCIPALS, TITLES, DatasetError, RowError, dataset_paths, read_lines
from .idsets import IdSet
from .importer import DEFAULT_BATCH_SIZE, import_datasets
from .parsing import ROLES, parse_name, parse_principal, parse_title
from .progress import Progress
from .staging import Stage
from .summary import ALL_KINDS, Conflict, FileSummary, Filters, ImportSummary

__all__ = [
    "ALL_KINDS",
    "DEFAULT_BATCH_SIZE",
    "FILE_NAMES",
    "HEADERS",
    "NAMES",
    "PRINCIPALS",
    "ROLES",
    "TITLES",
    "Conflict",
    "DatasetError",
    "FileSummary",
    "Filters",
    "IdSet",
    "ImportSummary",
    "Progress",
    "RowError",
    "Stage",
    "dataset_paths",
    "import_datasets",
    "parse_name",
    "parse_principal",
    "parse_title",
    "read_lines",
]
