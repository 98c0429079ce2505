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


def public_credits_in_bulk(*, at=None):
    """Every public credit, the same rule as public_credits() shaped for reading them all at once (the graph).

    Joining ten million credits to their people and titles to read two flags costs seconds; the people and titles
    that are NOT public are few (embargoed ones), so they are listed once and credits naming them left out.
    """
    at = at or timezone.now()
    hidden_people = Person.objects.exclude(person_is_public(at=at)).values("pk")
    hidden_titles = Film.objects.exclude(title_is_public(at=at)).values("pk")
    released = Q(is_released=True) & ~Q(person__in=hidden_people) & ~Q(film__in=hidden_titles)
    return Credit.objects.filter(_linked_by_public_story(ArticleCredit, at, credit=OuterRef("pk")) | released)


def public_tags(queryset=None, *, at=None):
    """Tags exist only to gather stories: one is public while a public story carries it."""
    carried = _linked_by_public_story(TAGGED, at or timezone.now(), tag=OuterRef("pk"))
    return (Tag.objects.all() if queryset is None else queryset).filter(carried)
