"""Who else has a story's form open, and whether someone saved the story since you opened it.

Each open form polls every POLL_SECONDS; a person is there while their last poll is recent. The rows live in the
database, so every app server sees the same people. Polls write with update()/bulk_create(), which send no save
signals: the page cache would otherwise take every poll for an edit.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Presence

# Two missed polls and a little slack: someone whose tab went quiet is no longer shown.
AWAY_AFTER = 2.5


def poll_seconds():
    return settings.PRESENCE_POLL_SECONDS


def _fresh(now):
    return now - timedelta(seconds=poll_seconds() * AWAY_AFTER)


def here(*, article, user, now=None):
    """Record that the user has the form open; someone back after a while is "since" now again."""
    now = now or timezone.now()
    mine = Presence.objects.filter(article=article, user=user)
    if mine.filter(seen_at__gte=_fresh(now)).update(seen_at=now):
        return
    if not mine.update(since=now, seen_at=now):
        Presence.objects.bulk_create(
            [Presence(article=article, user=user, since=now, seen_at=now)], ignore_conflicts=True
        )


def gone(*, article, user):
    """The user closed the form: stop showing them at once rather than after their last poll ages."""
    Presence.objects.filter(article=article, user=user).update(seen_at=timezone.now() - timedelta(days=1))


def others(*, article, user, now=None):
    """Everyone else with the story's form open, longest there first."""
    now = now or timezone.now()
    there = Presence.objects.filter(article=article, seen_at__gte=_fresh(now)).exclude(user=user)
    return list(there.select_related("user").order_by("since", "id"))
