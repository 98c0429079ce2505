"""Keeping answers fresh between full rebuilds.

Every save or delete that can change a public credit writes a GraphChange row and moves a generation in the
shared cache. A worker whose graph is older than the generation (or than the next scheduled publication or
expiry, which changes what is public without any save) re-reads only the titles those changes touch and lays
them over its memory-mapped base: an edit reaches answers on the next request, with no rebuild. Requests in
between cost one cache read and no query.
"""

import fcntl
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import Signal
from django.utils import timezone

from core import prefetch
from core.bulk_writes import bulk_written
from films.models import Credit, Film
from people.models import Person

from ..models import Article, ArticleCredit, GraphChange
from . import store
from .build import build, public_credit_rows
from .graph import Graph, Overlay

GENERATION_KEY = "connections:generation"
LOCK_FILE = ".rebuild.lock"
log = logging.getLogger(__name__)


# Recording changes


def new_generation():
    """Never repeats, so a generation the cache lost cannot come back and pass a stale graph off as fresh."""
    return f"{time.time():.6f}-{uuid.uuid4().hex[:8]}"


def bump_generation():
    cache.set(GENERATION_KEY, new_generation(), timeout=None)
    prefetch.forget(GENERATION_KEY)


def record(changes, raw=False):
    """Write the changes and tell every worker; again once the edit commits, for a reader who looked in between.

    Fixtures (raw saves) are bulk data like an IMDb import: they leave the change log alone (loading a fixture
    twice changes nothing), move the generation, which rebuilds a graph built in process, and ask for a rebuild.
    """
    if raw:
        ask_for_rebuild(GraphChange)
    else:
        GraphChange.objects.bulk_create([GraphChange(**change) for change in changes])
    bump_generation()
    transaction.on_commit(bump_generation)


def credit_loaded(instance, **kwargs):
    # The person and title a credit had when read, so a save that moves it refreshes the old ones too.
    # Read from __dict__: a deferred field must not cost a query per instance.
    instance._graph_ends = (instance.__dict__.get("person_id"), instance.__dict__.get("film_id"))


def credit_changed(instance, raw=False, **kwargs):
    changes = [{"person_id": instance.person_id, "film_id": instance.film_id}]
    person, film = getattr(instance, "_graph_ends", (None, None))
    if (person, film) != (instance.person_id, instance.film_id) and (person or film):
        changes.append({"person_id": person, "film_id": film})
    record(changes, raw)
    instance._graph_ends = (instance.person_id, instance.film_id)


def person_changed(instance, raw=False, **kwargs):
    record([{"person_id": instance.pk}], raw)


def title_changed(instance, raw=False, **kwargs):
    record([{"film_id": instance.pk}], raw)


# Announced, so the task queue can run rebuild() in the background; sent when rows changed in bulk.
rebuild_requested = Signal()


def written_in_bulk(sender, **kwargs):
    """Rows changed without saves (QuerySet.update, bulk_create, the IMDb importer): which ones is unknown, so the
    change log marks the base stale and asks for a full rebuild; until it lands, answers are the previous ones."""
    GraphChange.objects.create(bulk=True)
    bump_generation()
    transaction.on_commit(bump_generation)
    ask_for_rebuild(sender)


def ask_for_rebuild(sender):
    """Send rebuild_requested once the transaction commits, once per transaction and sender however many rows
    asked (a fixture's thousand raw saves, an update per batch)."""
    if any(getattr(func, "asks_for_rebuild", None) is sender for _, func, _ in connection.run_on_commit):
        return

    def send():
        rebuild_requested.send(sender=sender)

    send.asks_for_rebuild = sender
    transaction.on_commit(send)


def story_changed(instance, raw=False, update_fields=None, signal=None, **kwargs):
    # A save that leaves the story's state and times alone (an edit of the copy, a byline, a correction) changes no
    # credit's visibility; a delete may.
    if signal is post_save and not raw and not instance.visibility_moved(update_fields):
        return
    record([{"article_id": instance.pk}], raw)


def story_credit_changed(instance, raw=False, **kwargs):
    if raw:
        return record([], raw)
    found = Credit.objects.filter(pk=instance.credit_id).values("person_id", "film_id").first()
    record([found or {"article_id": instance.article_id}])


def story_links_changed(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    column = "person_id" if sender is Article.linked_people.through else "film_id"
    if isinstance(instance, Article):
        record([{column: pk} for pk in pk_set] if pk_set else [{"article_id": instance.pk}])
    else:  # changed from the person's or title's side: pk_set holds stories
        record([{column: instance.pk}])


def connect_signals():
    receivers = [(Credit, credit_changed), (Person, person_changed), (Film, title_changed)]
    receivers += [(Article, story_changed), (ArticleCredit, story_credit_changed)]
    for model, receiver in receivers:
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"connections-{model.__name__}-{signal!r}")
    for through in (Article.linked_people.through, Article.linked_films.through):
        m2m_changed.connect(story_links_changed, sender=through, dispatch_uid=f"connections-{through.__name__}")
    post_init.connect(credit_loaded, sender=Credit, dispatch_uid="connections-credit-loaded")
    for model in (Credit, Person, Film, ArticleCredit):
        bulk_written.connect(written_in_bulk, sender=model, dispatch_uid=f"connections-bulk-{model.__name__}")


# Reading them back as an overlay


def touched_titles(base, at):
    """Ids of the titles (and people) whose public credits may differ from the base's."""
    people, titles, stories = set(), set(), set()
    changes = GraphChange.objects.filter(pk__gt=base.last_change, bulk=False)
    changes = changes.values_list("person_id", "film_id", "article_id")
    for person, title, story in changes:
        people.add(person), titles.add(title), stories.add(story)
    built = datetime.fromtimestamp(base.built_at, tz=UTC)
    # Publication and expiry times that passed since the build change what is public without a save.
    timed = Q(publish_at__gt=built, publish_at__lte=at) | Q(expire_at__gt=built, expire_at__lte=at)
    stories |= set(Article.objects.filter(timed).values_list("pk", flat=True))
    stories.discard(None)
    if stories:
        links = ArticleCredit.objects.filter(article__in=stories).values_list("credit__person_id", "credit__film_id")
        for person, title in links:
            people.add(person), titles.add(title)
        people |= set(
            Article.linked_people.through.objects.filter(article__in=stories).values_list("person_id", flat=True)
        )
        titles |= set(
            Article.linked_films.through.objects.filter(article__in=stories).values_list("film_id", flat=True)
        )
    people.discard(None)
    if people:
        titles |= set(Credit.objects.filter(person__in=people).values_list("film_id", flat=True))
    titles.discard(None)
    return people, titles


@dataclass
class _Numbering:
    """Node numbers for ids, giving new ones past the base to people and titles it does not have."""

    graph: Graph
    overlay: Overlay

    def person(self, person_id):
        node = self.graph.person_node(person_id)
        return node if node is not None else self._new(self.overlay.extra_people, person_id)

    def title(self, title_id):
        node = self.graph.title_node(title_id)
        return node if node is not None else self._new(self.overlay.extra_titles, title_id)

    def _new(self, extra, wanted):
        if wanted not in extra:
            extra[wanted] = self.graph.base_nodes + len(self.overlay.extra_people) + len(self.overlay.extra_titles)
        return extra[wanted]


def overlay_since(base, at):
    """The overlay of everything that changed since base was built."""
    people, titles = touched_titles(base, at)
    overlay = Overlay()
    if not people and not titles:
        return overlay
    numbering = _Numbering(Graph(base), overlay)
    masks = {}
    for person, title, role in public_credit_rows(queryset=Credit.objects.filter(film__in=titles), at=at):
        edge = (numbering.person(person), numbering.title(title))
        masks[edge] = masks.get(edge, 0) | 1 << role
    overlay.dirty_titles = np.array(
        sorted(n for n in (numbering.graph.title_node(t) for t in titles) if n is not None and n < base.nodes),
        np.int64,
    )
    by_node = {}
    for (person, title), mask in masks.items():
        by_node.setdefault(person, []).append((title, mask))
        by_node.setdefault(title, []).append((person, mask))
    overlay.edges = {
        node: (np.array([n for n, _ in pairs], np.int64), np.array([m for _, m in pairs], np.uint16))
        for node, pairs in by_node.items()
    }
    _read_labels(numbering, overlay, people | {p for p in overlay.extra_people}, titles)
    return overlay


def _read_labels(numbering, overlay, people, titles):
    for pk, name, slug in Person.objects.filter(pk__in=people).values_list("pk", "name", "slug"):
        node = numbering.person(pk)
        if node is not None:
            overlay.labels[node] = f"{name}{store.LABEL_SEPARATOR}{slug}"
    for pk, title, slug, year in Film.objects.filter(pk__in=titles).values_list("pk", "title", "slug", "year"):
        node = numbering.title(pk)
        if node is not None:
            overlay.labels[node] = f"{title}{store.LABEL_SEPARATOR}{slug}"
            overlay.years[node] = year or 0


# The graph a request reads


class _Current:
    def __init__(self):
        self.lock = threading.Lock()
        self.graph = self.base = None
        self.generation = self.next_change = self.centre_id = None

    def get(self):
        generation = prefetch.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, new_generation(), timeout=None)
            generation = cache.get(GENERATION_KEY)
        now = timezone.now()
        stale = self.graph is None or generation != self.generation
        if stale or (self.next_change is not None and now >= self.next_change):
            with self.lock:
                self.refresh(generation, now)
        return self.graph

    def refresh(self, generation, now):
        directory = settings.CONNECTIONS_DIR
        version = store.current_version(directory)
        if version:
            if self.base is None or self.base.version != version:
                self.base = store.load(directory)
            graph = Graph(self.base, overlay_since(self.base, now))
        else:
            log.warning("No connections graph in %s: building it in this process (run build_graph).", directory)
            self.base = None
            graph = Graph(build(at=now))
        self.graph, self.generation = graph, generation
        self.next_change = Article.objects.next_visibility_change(at=now)
        self.centre_id = Person.objects.filter(slug=settings.CONNECTIONS_CENTRE).values_list("pk", flat=True).first()

    def forget(self):
        with self.lock:
            self.graph = self.base = self.generation = self.next_change = self.centre_id = None


current = _Current()


def rebuild():
    """THE full rebuild: written beside the served graph, then swapped in; returns the new base's directory.

    Safe while requests are served (workers keep answering from the graph they have and switch when the new one is
    on disk) and when called twice at once: a lock file serialises rebuilds on this machine, and a call that waited
    while another rebuild read the database after it was asked returns that one's result instead of building again.
    """
    asked = time.time()
    directory = Path(settings.CONNECTIONS_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if this process dies
        previous = store.load(directory)
        if previous is not None and previous.built_at >= asked:
            return directory / previous.version
        path = store.save(build(), directory)
        if previous is not None:  # changes this machine's previous base held, kept a while for other machines' bases
            kept_since = timezone.now() - timedelta(seconds=settings.CONNECTIONS_CHANGE_LOG_SECONDS)
            GraphChange.objects.filter(pk__lte=previous.last_change, at__lt=kept_since).delete()
    bump_generation()
    return path
