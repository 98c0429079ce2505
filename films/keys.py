"""Keep Film.title_key filled where rows arrive by bulk SQL (the IMDb import) rather than save()."""

from django.db import transaction

from core.names import title_key

from .models import Film

BATCH = 5000


def fill_title_keys(*, since=None):
    """Key every title with no key yet, or (with since) every title updated since then; returns how many."""
    rows = Film.objects.filter(title_key="")
    if since is not None:
        rows = Film.objects.filter(updated_at__gte=since) | rows
    done, last = 0, 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", "title")[:BATCH]):
        with transaction.atomic():
            Film.objects.bulk_update(
                [Film(pk=pk, title_key=title_key(title)) for pk, title in batch], ["title_key"], batch_size=1000
            )
        done, last = done + len(batch), batch[-1][0]
    return done
