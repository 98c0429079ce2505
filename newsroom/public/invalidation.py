"""Invalidation by tag, seen by every app-server process within a poll interval.

An edit takes the next number of a site-wide sequence (an atomic increment in the shared cache: Redis in
production) and writes the tags it touches under that number: the feed. Each process reads the feed into its own
map of tag -> number of the latest edit touching it, at most every PAGE_CACHE_POLL_SECONDS and with one cache
round trip when nothing changed. A page remembers how far its process had read the feed when it started
rendering: it stays fresh while none of its tags has a later edit. An edit bumps its tags when it is made and
again when it commits, so a page rendered from the old rows while the edit was in flight started before the
second number and is stale after it. After the commit the CDN is purged by the same tags (settings.CDN_PURGE).
"""

import threading
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils.module_loading import import_string

from core import prefetch

SEQ_KEY = "page-cache:seq"
FEED_PREFIX = "page-cache:feed:"
GENERATION_KEY = "page-cache:generation"
ALL = "all"
AHEAD = 8  # feed entries fetched with the sequence in one round trip
MAX_BEHIND = 512  # further behind than this, a process starts over: every page it knew is stale
MAX_TAGS_KNOWN = 50_000  # past this, a process starts over rather than grow
GAP_PATIENCE = 1.0  # seconds a numbered feed entry may stay unwritten before it is taken to touch everything


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def seed():
    """Where a lost (or first) sequence starts again: the clock in microseconds, past every number given before."""
    return int(time.time() * 1_000_000)


def sequence(cache):
    found = cache.get(SEQ_KEY)
    if found is None:
        cache.add(SEQ_KEY, seed(), timeout=None)
        found = cache.get(SEQ_KEY)
    return found


class Reader:
    """One process's view of the feed: how far it has read (position), the latest edit of each tag it has seen,
    and a floor below which it knows nothing (pages started before it are stale)."""

    def __init__(self, cache_settings, cache):
        self.cache_settings = cache_settings  # kept, so a test's new CACHES gives a new reader
        self.floor = self.position = sequence(cache)
        self.versions = {}
        self.polled = time.monotonic()
        self.gap_since = None
        self.lock = threading.Lock()

    def start_over(self, at):
        self.floor = self.position = at
        self.versions = {}
        self.gap_since = None

    def note(self, number, tags):
        versions = self.versions
        for tag in tags:
            if versions.get(tag, 0) < number:
                versions[tag] = number

    def read(self, cache):
        """Catch up with the feed: normally one round trip (the sequence and the next few entries together)."""
        self.polled = time.monotonic()
        numbers = range(self.position + 1, self.position + 1 + AHEAD)
        found = cache.get_many([SEQ_KEY, *(FEED_PREFIX + str(n) for n in numbers)])
        head = found.get(SEQ_KEY)
        if head is None or head < self.position or head - self.position > MAX_BEHIND:
            self.start_over(sequence(cache) if head is None else head)
            return
        if head > numbers[-1]:
            found.update(cache.get_many([FEED_PREFIX + str(n) for n in range(numbers[-1] + 1, head + 1)]))
        reached = self.position
        for number in range(self.position + 1, head + 1):
            tags = found.get(FEED_PREFIX + str(number))
            if tags is None:
                # Numbered but not written yet (the editor's next call), or lost: wait a moment, then assume the worst.
                self.gap_since = self.gap_since or time.monotonic()
                if time.monotonic() - self.gap_since < GAP_PATIENCE:
                    break
                tags = (ALL,)
            self.gap_since = None
            self.note(number, tags)
            reached = number
        for number in range(reached + 1, head + 1):  # later entries count already; the gap is read again
            self.note(number, found.get(FEED_PREFIX + str(number), ()))
        self.position = reached
        if len(self.versions) > MAX_TAGS_KNOWN:
            self.start_over(self.position)

    def fresh(self, started, tags):
        """Whether a page started at feed position `started` and showing `tags` has seen no later edit."""
        if started < self.floor:
            return False
        versions = self.versions
        return all(versions.get(tag, 0) <= started for tag in tags)


_reader = None


def reader():
    """This process's feed reader, caught up if the poll interval has passed."""
    global _reader
    cache_settings = settings.CACHES
    current = _reader
    if current is None or current.cache_settings is not cache_settings:
        current = _reader = Reader(cache_settings, page_cache())
        return current
    if time.monotonic() - current.polled >= settings.PAGE_CACHE_POLL_SECONDS:
        with current.lock:
            current.read(page_cache())
    return current


def bump(tags):
    """Announce an edit of tags to every process (and to this one at once)."""
    cache = page_cache()
    try:
        number = cache.incr(SEQ_KEY)
    except ValueError:  # lost or never set: start again above every number given before
        cache.add(SEQ_KEY, seed(), timeout=None)
        number = cache.incr(SEQ_KEY)
    # Long enough for every process to read it; a process further behind starts over.
    cache.set(FEED_PREFIX + str(number), tuple(tags), timeout=max(60, 2 * settings.PAGE_CACHE_SECONDS))
    # Conditional GETs fold the site's edit generation into their ETags (newsroom/public/conditional.py).
    cache.set(GENERATION_KEY, new_generation(), timeout=None)
    prefetch.forget(GENERATION_KEY, settings.PAGE_CACHE_ALIAS)
    feed = reader()
    with feed.lock:
        feed.note(number, tags)
        if number == feed.position + 1:  # nothing of anyone else's skipped: this process has read up to here
            feed.position = number


class AfterCommit:
    """The tags a transaction touched, bumped again and purged from the CDN once it commits."""

    def __init__(self):
        self.tags = set()

    def __call__(self):
        bump(self.tags)
        purge(self.tags)


def invalidate(tags, *, using=None):
    """Pages showing any of tags are stale: now, for readers inside the same transaction, and again after commit."""
    tags = set(tags)
    bump(tags)
    connection = transaction.get_connection(using or DEFAULT_DB_ALIAS)
    if not connection.in_atomic_block:
        purge(tags)
        return
    pending = next((hook[1] for hook in connection.run_on_commit if isinstance(hook[1], AfterCommit)), None)
    if pending is None:
        pending = AfterCommit()
        # robust: a CDN that fails is logged; the edit is committed already and must not answer with an error.
        transaction.on_commit(pending, using=connection.alias, robust=True)
    pending.tags |= tags


def purge(tags):
    if settings.CDN_PURGE and tags:
        purger(settings.CDN_PURGE)(sorted(tags))


@lru_cache(maxsize=4)
def purger(path):
    return import_string(path)


def new_generation():
    """A generation never repeats: it is the moment of the edit (plus noise), so a lost one cannot come back."""
    import uuid

    return f"{time.time():.6f}-{uuid.uuid4().hex[:8]}"


def generation_time(generation):
    return float(generation.split("-", 1)[0])


def current_generation():
    """The site's edit generation; if the cache lost it, a new one."""
    generation = prefetch.get(GENERATION_KEY, settings.PAGE_CACHE_ALIAS)
    if generation is None:
        page_cache().add(GENERATION_KEY, new_generation(), timeout=None)
        generation = prefetch.get(GENERATION_KEY, settings.PAGE_CACHE_ALIAS)
    return generation
