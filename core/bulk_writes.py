"""A signal for writes that skip Model.save() and its signals: QuerySet.update(), bulk_create(), bulk_update()
(through update) and bulk SQL such as the IMDb importer's, so what is built from the rows (the connections graph)
learns its copy is stale. The sender is the model class.
"""

from django.db import models
from django.dispatch import Signal

bulk_written = Signal()


class BulkWriteQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes send bulk_written once each (only when a row changed)."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            bulk_written.send(sender=self.model)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        made = super().bulk_create(objs, *args, **kwargs)
        if made:
            bulk_written.send(sender=self.model)
        return made

    bulk_create.alters_data = True
