"""Where an import meets a hand edit: the editor's values, to report where IMDb's differ."""

from .parsing import COLUMNS
from .summary import Conflict


class KeptEdits:
    """The hand-edited records of one table that have an IMDb id, read once per file.

    Few records are edited by hand, so this holds only those, never the whole table.
    """

    def __init__(self, model, *, dataset):
        self.positions = {
            field: i for i, (_, _, field) in enumerate(COLUMNS[dataset]) if field in model.IMPORTED_FIELDS
        }
        edited = model.objects.exclude(imdb_id="").exclude(edited_fields=[])
        self.records = {
            record["imdb_id"]: {name: record[name] for name in record["edited_fields"] if name in self.positions}
            for record in edited.values("imdb_id", "edited_fields", *self.positions).iterator()
        }

    def conflicts(self, row):
        """The fields of a parsed row (IMDb id first) whose value differs from the one an editor kept."""
        kept = self.records.get(row[0]) if self.records else None
        if not kept:
            return []
        return [
            Conflict(imdb_id=row[0], field=name, kept=value, imdb=row[self.positions[name]])
            for name, value in kept.items()
            if row[self.positions[name]] != value
        ]
