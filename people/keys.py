"""Keep Person.name_key filled where rows arrive by bulk SQL (the IMDb import) rather than save()."""

from django.db import transaction

from core.names import name_key

from .models import Person

BATCH = 5000


def fill_name_keys(*, since=None):
    """Key every person with no key yet, or (with since) every person updated since then; returns how many."""
    rows = Person.objects.filter(name_key="")
    if since is not None:
        rows = Person.objects.filter(updated_at__gte=since) | rows
    done, last = 0, 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", "name")[:BATCH]):
        with transaction.atomic():
            Person.objects.bulk_update(
                [Person(pk=pk, name_key=name_key(name)) for pk, name in batch], ["name_key"], batch_size=1000
            )
        done, last = done + len(batch), batch[-1][0]
    return done
