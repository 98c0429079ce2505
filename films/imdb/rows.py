"""One file's lines into the rows to stage: parsed, filtered, and each left-out row counted or reported."""

from django.utils import timezone

from people.models import Person

from ..models import Film
from .datasets import NAMES, PRINCIPALS, TITLES, DatasetError, RowError
from .idsets import IdSet
from .kept_edits import KeptEdits
from .parsing import parse_name, parse_principal, parse_title


class RowChecker:
    """Checks the rows of one file. Lines up to `done` were written by an earlier, interrupted run:
    they are read again (titles must still be filtered the same way) but neither written nor reported.

    skipped_titles is shared across the files of one import: titles the filters leave out, whose
    credits are then left out too.
    """

    def __init__(self, *, dataset, path, filters, strict, done, result, skipped_titles):
        self.path, self.filters, self.strict, self.done = path, filters, strict, done
        self.result, self.skipped_titles = result, skipped_titles
        self.this_year = timezone.now().year
        self.titles_kept = 0
        self.check = {NAMES: self.name, TITLES: self.title, PRINCIPALS: self.principal}[dataset]
        if dataset == PRINCIPALS:
            self.known_titles, self.known_people = IdSet.in_database(Film), IdSet.in_database(Person)
        else:
            self.kept = KeptEdits(Person if dataset == NAMES else Film, dataset=dataset)

    def rows(self, lines):
        """Checked rows to write, each ending with its line number; filtered and bad rows left out."""
        for line_no, fields in lines:
            self.result.lines += 1
            try:
                row = self.check(fields, line_no)
            except RowError as error:
                if line_no > self.done:
                    self.problem(line_no, str(error))
                continue
            if row is not None and line_no > self.done:
                yield (*row, line_no)

    def problem(self, line_no, message, *, unknown=False):
        error = DatasetError(self.path, line_no, message)
        if self.strict:
            raise error
        self.result.count_problem(str(error), unknown=unknown)

    def name(self, fields, line_no):
        return self.note_conflicts(parse_name(fields), line_no)

    def title(self, fields, line_no):
        row = parse_title(fields, this_year=self.this_year)
        if not self.filters.keep_title(kind=row[3], year=row[4], kept_so_far=self.titles_kept):
            self.skipped_titles.add(int(row[0][2:]))
            self.result.filtered += 1
            return None
        self.titles_kept += 1
        return self.note_conflicts(row, line_no)

    def note_conflicts(self, row, line_no):
        if line_no > self.done:
            self.result.conflicts.extend(self.kept.conflicts(row))
        return row

    def principal(self, fields, line_no):
        number, person, row = parse_principal(fields)
        if number in self.skipped_titles:
            self.result.filtered += 1
            return None
        if number not in self.known_titles or person not in self.known_people:
            if line_no > self.done:
                missing = [row[0]] if number not in self.known_titles else []
                missing += [row[1]] if person not in self.known_people else []
                self.problem(line_no, f"unknown id {' and '.join(missing)}", unknown=True)
            return None
        return row
