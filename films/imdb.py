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
"""

import gzip
import json
import os
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from people.models import Person

from .models import Credit, Film, ImportCheckpoint

NULL = "\\N"

NAMES, TITLES, PRINCIPALS = "names", "titles", "principals"

FILE_NAMES = {
    NAMES: "name.basics.tsv",
    TITLES: "title.basics.tsv",
    PRINCIPALS: "title.principals.tsv",
}

HEADERS = {
    NAMES: ("nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"),
    TITLES: (
        "tconst",
        "titleType",
        "primaryTitle",
        "originalTitle",
        "isAdult",
        "startYear",
        "endYear",
        "runtimeMinutes",
        "genres",
    ),
    PRINCIPALS: ("tconst", "ordering", "nconst", "category", "job", "characters"),
}

# IMDb principals categories to credit roles; "actress" folds into "actor".
ROLES = {
    "actor": Credit.Role.ACTOR,
    "actress": Credit.Role.ACTOR,
    "self": Credit.Role.SELF,
    "director": Credit.Role.DIRECTOR,
    "writer": Credit.Role.WRITER,
    "producer": Credit.Role.PRODUCER,
    "composer": Credit.Role.COMPOSER,
    "cinematographer": Credit.Role.CINEMATOGRAPHER,
    "editor": Credit.Role.EDITOR,
    "production_designer": Credit.Role.PRODUCTION_DESIGNER,
    "casting_director": Credit.Role.CASTING_DIRECTOR,
    "archive_footage": Credit.Role.ARCHIVE_FOOTAGE,
    "archive_sound": Credit.Role.ARCHIVE_SOUND,
}
ROLES = {category: str(role) for category, role in ROLES.items()}

ALL_KINDS = tuple(str(kind) for kind in Film.Kind.values)
DEFAULT_BATCH_SIZE = 1_000_000
MAX_REPORTED = 20
BULK_MIN_ROWS = 50_000  # batches at least this big (and four times the table) load in bulk mode


class DatasetError(Exception):
    """A problem in an input file, located by file and line."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{self.path.name}:{line}: {message}" if line else f"{self.path.name}: {message}")


class RowError(ValueError):
    """One malformed row; the reader turns it into a DatasetError with file and line."""


@dataclass
class Filters:
    kinds: tuple = ALL_KINDS
    year_from: int | None = None
    year_to: int | None = None
    limit: int | None = None

    def signature(self):
        return f"kinds={','.join(sorted(self.kinds))};years={self.year_from}-{self.year_to};limit={self.limit}"


@dataclass
class FileSummary:
    dataset: str
    path: Path
    lines: int = 0
    written: int = 0
    filtered: int = 0
    resumed_from: int = 0
    malformed: int = 0
    unknown_ids: int = 0
    problems: list = field(default_factory=list)
    seconds: float = 0.0

    def report(self, problem):
        self.problems.append(problem)


@dataclass
class ImportSummary:
    files: list = field(default_factory=list)

    @property
    def problems(self):
        return [problem for summary in self.files for problem in summary.problems]


# Reading ---------------------------------------------------------------------------------------


def dataset_paths(directory):
    """The three published files in a directory, gzipped or plain (missing ones are left out)."""
    directory = Path(directory)
    found = {}
    for dataset, name in FILE_NAMES.items():
        for candidate in (directory / f"{name}.gz", directory / name):
            if candidate.exists():
                found[dataset] = candidate
                break
    return found


class Progress:
    """One self-rewriting line on stderr: dataset, percent of the file, rows per second, ETA."""

    def __init__(self, *, label, total_bytes, stream=None, every=0.5):
        self.label, self.total_bytes = label, max(total_bytes, 1)
        self.stream = stream
        self.every, self.started = every, time.monotonic()
        self.last = 0.0

    def update(self, *, position, rows, final=False):
        now = time.monotonic()
        if not final and now - self.last < self.every:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-6)
        fraction = min(position / self.total_bytes, 1.0)
        eta = elapsed * (1 - fraction) / fraction if fraction > 0 else 0
        width = 24
        bar = "#" * int(width * fraction) + "-" * (width - int(width * fraction))
        self.stream.write(
            f"\r{self.label:<24} [{bar}] {fraction:6.1%} {rows:>11,} rows {rows / elapsed:>10,.0f} rows/s "
            f"ETA {int(eta) // 60:d}:{int(eta) % 60:02d}" + ("\n" if final else "")
        )
        self.stream.flush()


def read_lines(path, dataset, *, progress=None):
    """Yield (line number, fields) for each data row; a bad header or a broken file raises DatasetError."""
    path = Path(path)
    raw = open(path, "rb")  # noqa: SIM115 (closed below; the gzip reader wraps it)
    try:
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if compressed else raw
        line_no = 0
        rows = 0
        try:
            header = stream.readline()
            line_no = 1
            expected = "\t".join(HEADERS[dataset])
            if header.rstrip(b"\r\n").decode("utf-8", "replace") != expected:
                raise DatasetError(
                    path, 1, f"wrong header for {FILE_NAMES[dataset]}: expected {expected!r}, found {header[:200]!r}"
                )
            for line in stream:
                line_no += 1
                rows += 1
                if progress is not None and not rows % 8192:
                    progress.update(position=raw.tell(), rows=rows)
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    yield line_no, None
                    continue
                yield line_no, text.rstrip("\r\n").split("\t")
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise DatasetError(
                path, line_no + 1, f"the file ends early or is corrupt ({error}); is it truncated?"
            ) from None
        if progress is not None:
            progress.update(position=raw.tell(), rows=rows, final=True)
    finally:
        raw.close()


def _imdb_number(value, prefix):
    if len(value) < 9 or not value.startswith(prefix) or not value[2:].isdigit():  # 7 digits or more
        raise RowError(f"bad IMDb id {value[:40]!r} (expected {prefix}…)")
    return int(value[2:])


def _year(value, name):
    if value == NULL:
        return None
    if not value.isdigit() or len(value) != 4:
        raise RowError(f"bad {name} {value[:40]!r}")
    return int(value)


def _expect(fields, dataset):
    if fields is None:
        raise RowError("not valid UTF-8")
    if len(fields) != len(HEADERS[dataset]):
        raise RowError(f"expected {len(HEADERS[dataset])} tab-separated fields, found {len(fields)}")


def _slug(name, imdb_id):
    """Unique by construction: the name's slug plus the IMDb id ("kevin-bacon-nm0000102")."""
    base = slugify(name)[:180].strip("-")
    return f"{base}-{imdb_id}" if base else imdb_id


def parse_name(fields):
    _expect(fields, NAMES)
    nconst, name = fields[0], fields[1]
    _imdb_number(nconst, "nm")
    if not name or name == NULL:
        raise RowError("missing primaryName")
    _year(fields[2], "birthYear")
    return (nconst, name[:200], _slug(name, nconst))


def parse_title(fields, *, this_year):
    _expect(fields, TITLES)
    tconst, kind, title = fields[0], fields[1], fields[2]
    _imdb_number(tconst, "tt")
    if not title or title == NULL:
        raise RowError("missing primaryTitle")
    year, end_year = _year(fields[5], "startYear"), _year(fields[6], "endYear")
    if end_year is not None and year is not None and end_year < year:
        raise RowError(f"endYear {end_year} before startYear {year}")
    status = Film.Status.RELEASED if year is not None and year <= this_year else Film.Status.ANNOUNCED
    return (tconst, title[:300], _slug(title, tconst), kind, year, end_year, str(status))


def _character(value):
    if value == NULL:
        return ""
    if value.startswith('["') and value.endswith('"]') and '"' not in value[2:-2] and "\\" not in value:
        return value[2:-2][:300]  # the common case, one plain name, without a JSON parse
    try:
        names = json.loads(value)
    except ValueError:
        raise RowError(f"characters is not a JSON list: {value[:60]!r}") from None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise RowError(f"characters is not a JSON list of names: {value[:60]!r}")
    return " / ".join(names)[:300]


def parse_principal(fields):
    if fields is None or len(fields) != 6:
        _expect(fields, PRINCIPALS)
    tconst, ordering, nconst, category, _, characters = fields
    # The common case inline: this runs once per credit, tens of millions of times on the full dataset.
    if len(tconst) >= 9 and tconst[0:2] == "tt" and tconst[2:].isdigit():
        number = int(tconst[2:])
    else:
        number = _imdb_number(tconst, "tt")
    if len(nconst) >= 9 and nconst[0:2] == "nm" and nconst[2:].isdigit():
        person = int(nconst[2:])
    else:
        person = _imdb_number(nconst, "nm")
    if not ordering.isdigit():
        raise RowError(f"bad ordering {ordering[:40]!r}")
    role = ROLES.get(category)
    if role is None:
        raise RowError(f"unknown category {category[:40]!r}")
    character = "" if characters == NULL else _character(characters)
    return number, person, (tconst, nconst, role, character, int(ordering))


class IdSet:
    """IMDb id numbers as a bitmap: a few MB for every id IMDb has, where a set of strings would take GBs.

    Numbers beyond the bitmap's reach (IMDb's are below 10^8 today) go to a plain set, so a malformed
    file with a huge id cannot make the bitmap allocate gigabytes.
    """

    BITMAP_LIMIT = 1 << 28  # 32 MB of bitmap at most

    def __init__(self):
        self.bits = bytearray()
        self.beyond = set()

    def add(self, number):
        if number >= self.BITMAP_LIMIT:
            self.beyond.add(number)
            return
        byte = number >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte - len(self.bits) + 1 + (1 << 16)))
        self.bits[byte] |= 1 << (number & 7)

    def __contains__(self, number):
        byte = number >> 3
        if byte < len(self.bits):
            return bool(self.bits[byte] & (1 << (number & 7)))
        return number in self.beyond

    @classmethod
    def in_database(cls, model):
        """The IMDb ids a table holds, read in chunks."""
        ids = cls()
        for imdb_id in model.objects.exclude(imdb_id="").values_list("imdb_id", flat=True).iterator(chunk_size=50_000):
            if imdb_id[2:].isdigit():
                ids.add(int(imdb_id[2:]))
        return ids


# Writing ---------------------------------------------------------------------------------------


def _q(name):
    return connection.ops.quote_name(name)


STAGES = {
    NAMES: ("imdb_stage_names", [("nconst", "text"), ("name", "text"), ("slug", "text"), ("line", "integer")]),
    TITLES: (
        "imdb_stage_titles",
        [
            ("tconst", "text"),
            ("title", "text"),
            ("slug", "text"),
            ("kind", "text"),
            ("year", "integer"),
            ("end_year", "integer"),
            ("status", "text"),
            ("line", "integer"),
        ],
    ),
    PRINCIPALS: (
        "imdb_stage_principals",
        [
            ("tconst", "text"),
            ("nconst", "text"),
            ("role", "text"),
            ("character", "text"),
            ("billing", "integer"),
            ("line", "integer"),
        ],
    ),
}


def _copy_text(value):
    """One value in COPY's text format (faster than psycopg's write_row for millions of rows)."""
    if value is None:
        return "\\N"
    if isinstance(value, int):
        return str(value)
    if "\\" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\r", "\\r")
    return value


class Stage:
    """Temporary staging tables on the current connection, and the merges out of them."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            for table, columns in STAGES.values():
                cursor.execute(f"DROP TABLE IF EXISTS {_q(table)}")
                definition = ", ".join(f"{_q(name)} {kind}" for name, kind in columns)
                cursor.execute(f"CREATE TEMPORARY TABLE {_q(table)} ({definition})")

    def drop(self):
        with connection.cursor() as cursor:
            for table, _ in STAGES.values():
                cursor.execute(f"DROP TABLE IF EXISTS {_q(table)}")

    def load(self, dataset, rows):
        table, columns = STAGES[dataset]
        names = ", ".join(_q(name) for name, _ in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"{'TRUNCATE' if self.postgres else 'DELETE FROM'} {_q(table)}")
            if self.postgres:
                with cursor.cursor.copy(f"COPY {_q(table)} ({names}) FROM STDIN") as copy:
                    chunk = []
                    for row in rows:
                        chunk.append("\t".join([_copy_text(v) if type(v) is not int else str(v) for v in row]))
                        if len(chunk) >= 10_000:
                            copy.write("\n".join(chunk) + "\n")
                            chunk.clear()
                    if chunk:
                        copy.write("\n".join(chunk) + "\n")
                cursor.execute("SET LOCAL work_mem = '64MB'")  # the merge's hash aggregate stays in memory
            else:
                marks = ", ".join("?" for _ in columns)
                cursor.connection.executemany(f"INSERT INTO {_q(table)} ({names}) VALUES ({marks})", rows)

    def analyze(self, model):
        """Fresh planner statistics after a bulk write, so the credit merge joins by hash, not by index loops."""
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {_q(model._meta.db_table)}")

    def _where_imdb(self, alias):
        # The same predicate as the partial unique index, so both databases can use it.
        return f"NOT ({alias}.{_q('imdb_id')} = '')"

    def merge_names(self, *, now, rows):
        table = _q(Person._meta.db_table)
        pick = "DISTINCT ON (nconst)" if self.postgres else ""
        order = "ORDER BY nconst, line DESC" if self.postgres else "WHERE 1 ORDER BY line"
        sql = f"""
            INSERT INTO {table} (created_at, updated_at, name, slug, birth_date, bio, headshot, headshot_credit,
                                 headshot_alt, imdb_id, wikidata_id)
            SELECT {pick} %s, %s, name, slug, NULL, '', '', '', '', nconst, '' FROM imdb_stage_names {order}
            ON CONFLICT (imdb_id) WHERE NOT (imdb_id = '')
            DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
            WHERE {table}.name <> excluded.name
        """
        with self.bulk_mode(Person, rows=rows, keep_unique=True), connection.cursor() as cursor:
            cursor.execute(sql, [now, now])

    def merge_titles(self, *, now, rows):
        table = _q(Film._meta.db_table)
        pick = "DISTINCT ON (tconst)" if self.postgres else ""
        order = "ORDER BY tconst, line DESC" if self.postgres else "WHERE 1 ORDER BY line"
        sql = f"""
            INSERT INTO {table} (created_at, updated_at, title, slug, kind, year, end_year, release_status,
                                 synopsis, network, poster, poster_credit, poster_alt, imdb_id, wikidata_id)
            SELECT {pick} %s, %s, title, slug, kind, year, end_year, status, '', '', '', '', '', tconst, ''
            FROM imdb_stage_titles {order}
            ON CONFLICT (imdb_id) WHERE NOT (imdb_id = '')
            DO UPDATE SET title = excluded.title, kind = excluded.kind, year = excluded.year,
                          end_year = excluded.end_year, release_status = excluded.release_status,
                          updated_at = excluded.updated_at
            WHERE ({table}.title, {table}.kind, {table}.year, {table}.end_year, {table}.release_status)
                  IS DISTINCT FROM
                  (excluded.title, excluded.kind, excluded.year, excluded.end_year, excluded.release_status)
        """
        if not self.postgres:  # SQLite has no row-value IS DISTINCT FROM; IS NOT compares NULLs the same way
            sql = sql.replace("IS DISTINCT FROM", "IS NOT")
        with self.bulk_mode(Film, rows=rows, keep_unique=True), connection.cursor() as cursor:
            cursor.execute(sql, [now, now])

    @contextmanager
    def bulk_mode(self, model, *, rows, keep_unique=False):
        """For a batch at least four times its table (PostgreSQL only, e.g. a first import): drop the table's secondary indexes, unique
        constraints and foreign keys, write, then rebuild them, as PostgreSQL's "Populating a Database"
        advises; one sort per index beats a million index inserts and two million deferred key checks
        several times over. Yields whether it did so (the caller then cannot rely on ON CONFLICT unless it asked
        to keep_unique, which leaves unique constraints and indexes in place). DDL is
        transactional, so an interruption rolls the drops back too; the table is locked meanwhile.
        """
        table = model._meta.db_table
        if not self.postgres or rows < BULK_MIN_ROWS:
            yield False
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass", [table])
            if cursor.fetchone()[0] * 4 > rows:  # a big table: maintaining its indexes beats rebuilding them
                yield False
                return
            cursor.execute(
                """SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                   WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary""",
                [table],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                   WHERE conrelid = %s::regclass AND contype = ANY(%s) ORDER BY contype DESC""",
                [table, ["f"] if keep_unique else ["u", "f"]],
            )
            constraints = cursor.fetchall()  # unique ones first, so they are rebuilt first
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checks queued earlier in this transaction run now
            for name, _ in constraints:
                cursor.execute(f"ALTER TABLE {_q(table)} DROP CONSTRAINT {_q(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {_q(name)}")
            yield True
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for name, definition in constraints:
                cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
            for _, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def merge_principals(self, *, rows):
        credit, film, person = (_q(m._meta.db_table) for m in (Credit, Film, Person))
        character = _q("character")
        joins = f"""
            FROM imdb_stage_principals s
            JOIN {film} f ON f.imdb_id = s.tconst AND {self._where_imdb("f")}
            JOIN {person} p ON p.imdb_id = s.nconst AND {self._where_imdb("p")}
        """
        if not self.postgres:
            sql = f"""
                INSERT INTO {credit} (film_id, person_id, role, {character}, billing)
                SELECT f.id, p.id, s.role, s.{character}, s.billing {joins} WHERE 1 ORDER BY s.line
                ON CONFLICT (film_id, person_id, role, {character})
                DO UPDATE SET billing = excluded.billing WHERE {credit}.billing <> excluded.billing
            """
            with connection.cursor() as cursor:
                cursor.execute(sql)
            return
        # One candidate per credit key: PostgreSQL refuses to upsert the same row twice in one statement.
        incoming = (
            f"SELECT f.id AS film_id, p.id AS person_id, s.role, s.{character}, min(s.billing) AS billing {joins} "
            f"GROUP BY f.id, p.id, s.role, s.{character}"
        )
        with self.bulk_mode(Credit, rows=rows) as bulk, connection.cursor() as cursor:
            if bulk:  # no unique constraint to arbitrate: update the credits already there, add the others
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {credit})")
                if not cursor.fetchone()[0]:
                    cursor.execute(
                        f"INSERT INTO {credit} (film_id, person_id, role, {character}, billing) {incoming} "
                        "ORDER BY 1, 2, 3, 4"
                    )
                    return
                cursor.execute(f"""
                    CREATE TEMPORARY TABLE imdb_incoming ON COMMIT DROP AS {incoming};
                    UPDATE {credit} c SET billing = i.billing FROM imdb_incoming i
                    WHERE (c.film_id, c.person_id, c.role, c.{character}) = (i.film_id, i.person_id, i.role, i.{character})
                      AND c.billing <> i.billing;
                    INSERT INTO {credit} (film_id, person_id, role, {character}, billing)
                    SELECT * FROM imdb_incoming i WHERE NOT EXISTS (
                        SELECT 1 FROM {credit} c WHERE (c.film_id, c.person_id, c.role, c.{character})
                                                       = (i.film_id, i.person_id, i.role, i.{character}))
                    ORDER BY 1, 2, 3, 4;
                    DROP TABLE imdb_incoming;
                """)
            else:
                cursor.execute(f"""
                    INSERT INTO {credit} (film_id, person_id, role, {character}, billing) {incoming} ORDER BY 1, 2, 3, 4
                    ON CONFLICT (film_id, person_id, role, {character})
                    DO UPDATE SET billing = excluded.billing WHERE {credit}.billing <> excluded.billing
                """)


# The import ------------------------------------------------------------------------------------


def _fingerprint(path):
    stat = os.stat(path)
    return {"file_name": Path(path).name, "file_size": stat.st_size, "file_mtime": int(stat.st_mtime)}


def import_datasets(
    *,
    paths,
    filters=None,
    strict=False,
    restart=False,
    batch_size=DEFAULT_BATCH_SIZE,
    progress_stream=None,
    log=None,
):
    """Import the given files ({"names": path, "titles": path, "principals": path}, any subset).

    Malformed rows are reported and skipped (or, with strict, abort everything with the database
    unchanged). A progress bar goes to progress_stream when given. Returns an ImportSummary; raises
    DatasetError for a file that cannot be read at all (wrong header, truncated or corrupt gzip).
    """
    filters = filters or Filters()
    summary = ImportSummary()
    stage = Stage()
    try:
        if strict:
            with transaction.atomic():
                _import_all(paths, filters, stage, summary, strict, restart, batch_size, progress_stream, log)
        else:
            _import_all(paths, filters, stage, summary, strict, restart, batch_size, progress_stream, log)
    finally:
        stage.drop()
    return summary


def _import_all(paths, filters, stage, summary, strict, restart, batch_size, progress_stream, log):
    skipped_titles = IdSet()
    for dataset in (NAMES, TITLES, PRINCIPALS):
        path = paths.get(dataset)
        if path is None:
            continue
        result = _import_file(
            dataset=dataset,
            path=Path(path),
            filters=filters,
            stage=stage,
            strict=strict,
            restart=restart,
            batch_size=batch_size,
            skipped_titles=skipped_titles,
            progress_stream=progress_stream,
        )
        summary.files.append(result)
        if log:
            log(result)


def _import_file(*, dataset, path, filters, stage, strict, restart, batch_size, skipped_titles, progress_stream):
    started = time.monotonic()
    result = FileSummary(dataset=dataset, path=path)
    checkpoint, _ = ImportCheckpoint.objects.get_or_create(
        dataset=dataset, options=filters.signature(), **_fingerprint(path)
    )
    if restart:
        checkpoint.lines_done, checkpoint.finished_at = 0, None
    done = result.resumed_from = checkpoint.lines_done
    if checkpoint.finished_at and dataset != TITLES:
        return result  # finished by an earlier run; titles are re-read only to know which ones the filters left out
    progress = (
        Progress(label=path.name, total_bytes=os.path.getsize(path), stream=progress_stream)
        if progress_stream is not None
        else None
    )
    this_year = timezone.now().year
    now = timezone.now()

    def problem(line_no, message, *, unknown=False):
        error = DatasetError(path, line_no, message)
        if strict:
            raise error
        if unknown:
            result.unknown_ids += 1
        else:
            result.malformed += 1
        if len(result.problems) < MAX_REPORTED:
            result.report(str(error))

    if dataset == PRINCIPALS:
        known_titles, known_people = IdSet.in_database(Film), IdSet.in_database(Person)

    def rows():
        """Checked rows to write, each ending with its line number; filtered and bad rows left out."""
        titles_kept = 0
        for line_no, fields in read_lines(path, dataset, progress=progress):
            result.lines += 1
            try:
                if dataset == NAMES:
                    row = parse_name(fields)
                elif dataset == TITLES:
                    row = parse_title(fields, this_year=this_year)
                    kind, year = row[3], row[4]
                    if (
                        kind not in filters.kinds
                        or (filters.year_from and (year is None or year < filters.year_from))
                        or (filters.year_to and (year is None or year > filters.year_to))
                        or (filters.limit is not None and titles_kept >= filters.limit)
                    ):
                        skipped_titles.add(int(row[0][2:]))
                        result.filtered += 1
                        continue
                    titles_kept += 1
                else:
                    number, person, row = parse_principal(fields)
                    if number in skipped_titles:
                        result.filtered += 1
                        continue
                    if number not in known_titles or person not in known_people:
                        if line_no > done:
                            missing = [row[0]] if number not in known_titles else []
                            missing += [row[1]] if person not in known_people else []
                            problem(line_no, f"unknown id {' and '.join(missing)}", unknown=True)
                        continue
            except RowError as error:
                if line_no > done:
                    problem(line_no, str(error))
                continue
            if line_no > done:  # lines up to `done` were written by an earlier, interrupted run
                yield (*row, line_no)

    def take(source, batch):
        for row in source:
            batch.count += 1
            batch.last_line = row[-1]
            yield row
            if batch.count >= batch_size:
                return

    source = rows()
    while True:
        batch = Batch()
        with transaction.atomic():
            stage.load(dataset, take(source, batch))
            if not batch.count:
                break
            if dataset == NAMES:
                stage.merge_names(now=now, rows=batch.count)
            elif dataset == TITLES:
                stage.merge_titles(now=now, rows=batch.count)
            else:
                stage.merge_principals(rows=batch.count)
            result.written += batch.count
            checkpoint.lines_done = batch.last_line
            checkpoint.save(update_fields=["lines_done", "updated_at"])
    if dataset in (NAMES, TITLES):
        stage.analyze(Person if dataset == NAMES else Film)
    checkpoint.finished_at = timezone.now()
    checkpoint.save(update_fields=["lines_done", "finished_at", "updated_at"])
    result.seconds = time.monotonic() - started
    return result


@dataclass
class Batch:
    count: int = 0
    last_line: int = 0
