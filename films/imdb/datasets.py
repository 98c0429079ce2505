"""The published IMDb files: their names and headers, found in a folder and read line by line."""

import gzip
import os
import zlib
from pathlib import Path

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

# How often (in rows) the reader tells the progress bar where it is.
PROGRESS_EVERY = 8192


class DatasetError(Exception):
    """A problem in an input file, located by file and line."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{self.path.name}:{line}: {message}" if line else f"{self.path.name}: {message}")


class RowError(ValueError):
    """One malformed row; the reader turns it into a DatasetError with file and line."""


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


def fingerprint(path):
    """What identifies one version of a file, for resuming: name, size and modification time."""
    stat = os.stat(path)
    return {"file_name": Path(path).name, "file_size": stat.st_size, "file_mtime": int(stat.st_mtime)}


def read_lines(path, dataset, *, progress=None):
    """Yield (line number, fields) for each data row; a bad header or a broken file raises DatasetError.

    A line that cannot become text for the database (not UTF-8, or holding a NUL byte, which
    PostgreSQL refuses in any text) comes as a RowError instead of fields, for the row checks to report.
    """
    path = Path(path)
    with open(path, "rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if compressed else raw
        line_no = 0
        try:
            _check_header(path, dataset, stream.readline())
            line_no = 1
            for line_no, line in enumerate(stream, start=2):
                if progress is not None and not (line_no - 1) % PROGRESS_EVERY:
                    progress.update(position=raw.tell(), rows=line_no - 1)
                yield line_no, _fields(line)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise DatasetError(
                path, line_no + 1, f"the file ends early or is corrupt ({error}); is it truncated?"
            ) from None
        if progress is not None:
            progress.update(position=raw.tell(), rows=line_no - 1, final=True)


def _check_header(path, dataset, header):
    expected = "\t".join(HEADERS[dataset])
    if header.rstrip(b"\r\n").decode("utf-8", "replace") != expected:
        raise DatasetError(
            path, 1, f"wrong header for {FILE_NAMES[dataset]}: expected {expected!r}, found {header[:200]!r}"
        )


def _fields(line):
    if b"\0" in line:
        return RowError("contains a NUL byte")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return RowError("not valid UTF-8")
    return text.rstrip("\r\n").split("\t")
