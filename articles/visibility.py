"""The one rule for which people, titles, credits and tags a reader may see.

Embargo reaches the data a story brings: a person, title or credit is public once an editor has released it
(what imports and fixtures load starts released) or once a public story links it; a tag once a public
story carries it. Like Article.objects.public() it is computed at read time, so a scheduled story's people
appear at its publication time with no job, and unpublishing a story hides them again.

A credit also needs its person and title to be public, so a released credit never names an embargoed
actor on a public title's cast list. Each builder adds EXISTS subqueries to the query it is given: no
page pays an extra query for it. The *_is_public() forms filter another model by its relation
("person", "film", "credit"), e.g. Relationship.objects.filter(person_is_public("other")).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from films.models import Credit, Film
from people.models import Person

from .models import Article, Tag


def _paths(relation):
    """The released flag and the primary key of the row named by relation, seen from the filtered query."""
    if not relation:
        return "is_released", OuterRef("pk")
    return f"{relation}__is_released", OuterRef(f"{relation}_id")


def person_is_public(relation="", *, at=None):
    flag, person = _paths(relation)
    return Q(**{flag: True}) | Exists(Article.objects.public(at=at).about_person(person))


def title_is_public(relation="", *, at=None):
    flag, film = _paths(relation)
    return Q(**{flag: True}) | Exists(Article.objects.public(at=at).about_title(film))


def credit_is_public(relation="", *, at=None):
    """Linked by a public story, or released with its person and title public."""
    at = at or timezone.now()
    prefix = f"{relation}__" if relation else ""
    flag, credit = _paths(relation)
    linked = Exists(Article.objects.public(at=at).filter(article_credits__credit=credit))
    return linked | (
        Q(**{flag: True}) & person_is_public(f"{prefix}person", at=at) & title_is_public(f"{prefix}film", at=at)
    )


def public_people(queryset=None, *, at=None):
    return (Person.objects.all() if queryset is None else queryset).filter(person_is_public(at=at))


def public_titles(queryset=None, *, at=None):
    return (Film.objects.all() if queryset is None else queryset).filter(title_is_public(at=at))


def public_credits(queryset=None, *, at=None):
    return (Credit.objects.all() if queryset is None else queryset).filter(credit_is_public(at=at))


def public_tags(queryset=None, *, at=None):
    """Tags exist only to gather stories: one is public while a public story carries it."""
    carried = Exists(Article.objects.public(at=at).filter(tags=OuterRef("pk")))
    return (Tag.objects.all() if queryset is None else queryset).filter(carried)
