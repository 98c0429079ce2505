"""What an import was asked to keep (filters) and what it did (summaries, one per file)."""

from dataclasses import dataclass, field
from pathlib import Path

from ..models import Film

ALL_KINDS = tuple(str(kind) for kind in Film.Kind.values)
MAX_REPORTED = 20  # problems listed per file; the rest are only counted


@dataclass
class Filters:
    kinds: tuple = ALL_KINDS
    year_from: int | None = None
    year_to: int | None = None
    limit: int | None = None

    def signature(self):
        return f"kinds={','.join(sorted(self.kinds))};years={self.year_from}-{self.year_to};limit={self.limit}"

    def keep_title(self, *, kind, year, kept_so_far):
        if kind not in self.kinds:
            return False
        if self.year_from and (year is None or year < self.year_from):
            return False
        if self.year_to and (year is None or year > self.year_to):
            return False
        return self.limit is None or kept_so_far < self.limit


@dataclass(frozen=True)
class Conflict:
    """A field an editor changed by hand where IMDb has another value."""

    imdb_id: str
    field: str
    kept: object
    imdb: object


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
    conflicts: list = field(default_factory=list)  # hand edits kept (or, with overwrite, replaced)
    seconds: float = 0.0

    def report(self, problem):
        self.problems.append(problem)

    def count_problem(self, problem, *, unknown):
        if unknown:
            self.unknown_ids += 1
        else:
            self.malformed += 1
        if len(self.problems) < MAX_REPORTED:
            self.report(problem)


@dataclass
class ImportSummary:
    files: list = field(default_factory=list)

    @property
    def problems(self):
        return [problem for summary in self.files for problem in summary.problems]

    @property
    def conflicts(self):
        return [conflict for summary in self.files for conflict in summary.conflicts]
