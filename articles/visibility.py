"""The one rule for which people, titles, credits and tags a reader may see.

Embargo reaches the data a story brings: a person, title or credit is public once an editor has released it
(what imports and fixtures load starts released) or once a public story links it; a tag once a public
story carries it. Like Article.objects.public() it is computed at read time, so a scheduled story's people
appear at its publication time with no job, and unpublishing a story hides them again.

A credit also needs its person and title to be public, so a released credit never names an embargoed
actor on a public title's cast list. Each builder adds EXISTS subqueries to the query it is given: no
page pays an extra query for it. The *_is_public() forms filter another model by its relation
("person", "film", "other"), e.g. Relationship.objects.filter(person_is_public("other")). Each EXISTS reads
one link table joined to the story, so public pages stay cheap to build as well as to run.
"""

import numpy as np
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from films.models import Credit, Film
from people.models import Person

from .models import Article, ArticleCredit, Tag
from .models.stories import public_condition

LINKED_PEOPLE = Article.linked_people.through
LINKED_TITLES = Article.linked_films.through
TAGGED = Article.tags.through


def _paths(relation):
    """The released flag and the primary key of the row named by relation, seen from the filtered query."""
    if not relation:
        return "is_released", OuterRef("pk")
    return f"{relation}__is_released", OuterRef(f"{relation}_id")


def _linked_by_public_story(links, at, **lookups):
    return Exists(links.objects.filter(public_condition(at=at, through="article"), **lookups))


def person_is_public(relation="", *, at=None):
    at = at or timezone.now()
    flag, person = _paths(relation)
    return (
        Q(**{flag: True})
        | _linked_by_public_story(ArticleCredit, at, credit__person=person)
        | _linked_by_public_story(LINKED_PEOPLE, at, person=person)
    )


def title_is_public(relation="", *, at=None):
    at = at or timezone.now()
    flag, film = _paths(relation)
    return (
        Q(**{flag: True})
        | _linked_by_public_story(ArticleCredit, at, credit__film=film)
        | _linked_by_public_story(LINKED_TITLES, at, film=film)
    )


def credit_is_public(relation="", *, at=None, given=None):
    """Linked by a public story, or released with its person and title public.

    given: "person" or "film" when the query only holds credits of a person or title already checked (a
    person's filmography, a title's cast); that side's check is left out.
    """
    at = at or timezone.now()
    prefix = f"{relation}__" if relation else ""
    flag, credit = _paths(relation)
    released = Q(**{flag: True})
    if given != "person":
        released &= person_is_public(f"{prefix}person", at=at)
    if given != "film":
        released &= title_is_public(f"{prefix}film", at=at)
    return _linked_by_public_story(ArticleCredit, at, credit=credit) | released


def public_people(queryset=None, *, at=None):
    return (Person.objects.all() if queryset is None else queryset).filter(person_is_public(at=at))


def public_titles(queryset=None, *, at=None):
    return (Film.objects.all() if queryset is None else queryset).filter(title_is_public(at=at))


def public_credits(queryset=None, *, at=None, given=None):
    return (Credit.objects.all() if queryset is None else queryset).filter(credit_is_public(at=at, given=given))


def public_credits_in_bulk(read, *, at=None):
    """Every public credit, each once: the rule of public_credits() shaped for reading them all at once (the graph).

    Asking the database to test the rule on each of ten million credits costs seconds of its CPU, yet the rows the
    rule turns on are few: unreleased credits, embargoed people and titles, credits a public story links. So the
    released credits are read with a plain filter, those naming a person or title that is not public are dropped
    here (in numpy), and the credits only a public story's link makes public are added.

    read(queryset) returns the queryset's credits as numpy columns, person ids and title ids first, then any more
    the caller wants, aligned; the same columns come back.
    """
    at = at or timezone.now()
    # A released person or title is public, so only unreleased ones (a partial index) are tested further.
    hidden_people = _ids(Person.objects.filter(is_released=False).exclude(person_is_public(at=at)))
    hidden_titles = _ids(Film.objects.filter(is_released=False).exclude(title_is_public(at=at)))

    def ends_public(columns):
        return ~_member(columns[0], hidden_people) & ~_member(columns[1], hidden_titles)

    released = read(Credit.objects.filter(is_released=True))
    linked = Credit.objects.filter(
        pk__in=ArticleCredit.objects.filter(public_condition(at=at, through="article")).values("credit")
    )
    unreleased_linked = read(linked.filter(is_released=False))
    released_linked = read(linked.filter(is_released=True))  # public already unless a person or title is hidden
    parts = (
        (released, ends_public(released)),
        (unreleased_linked, None),
        (released_linked, ~ends_public(released_linked)),
    )
    return [_joined([_kept(part[i], keep) for part, keep in parts]) for i in range(len(released))]


def _kept(values, keep):
    return values if keep is None or keep.all() else values[keep]


def _joined(arrays):
    """np.concatenate, without copying ten million values when the other parts are empty (no embargo, no link)."""
    present = [values for values in arrays if len(values)]
    return present[0] if len(present) == 1 else np.concatenate(arrays)


def _ids(queryset):
    return np.fromiter(queryset.values_list("pk", flat=True), np.int64)


def _member(values, ids):
    """Whether each of values is one of ids (a lookup table over the ids' range: ten million values in ms)."""
    if not len(ids):
        return np.zeros(len(values), bool)
    return np.isin(values, ids, kind="table")


def public_tags(queryset=None, *, at=None):
    """Tags exist only to gather stories: one is public while a public story carries it."""
    carried = _linked_by_public_story(TAGGED, at or timezone.now(), tag=OuterRef("pk"))
    return (Tag.objects.all() if queryset is None else queryset).filter(carried)
