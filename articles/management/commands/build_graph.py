from django.core.management.base import BaseCommand

from articles.connections import store
from articles.connections.freshness import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the connections graph from the public credits and swap it in atomically: requests keep being "
        "answered from the previous graph meanwhile. Run after an IMDb import (it writes with plain SQL) and "
        "now and then to fold the recent edits into the base."
    )

    def handle(self, *args, **options):
        path = rebuild()
        base = store.load(path.parent)
        size = store.disk_size(path.parent) / 1e6
        self.stdout.write(
            f"Built {path}: {base.people:,} people, {base.nodes - base.people:,} titles, "
            f"{len(base.indices) // 2:,} person-title edges, {size:.1f} MB."
        )
