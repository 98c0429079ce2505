"""Querysets compiled once per process give what the ORM gives, with each call's own values."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from articles.models import Article
from articles.visibility import public_credits, public_people
from films.models import Credit
from newsroom.public.prepared import ID, MOMENT, TEXT, Prepared, prepared


@prepared(at=MOMENT, slug=TEXT)
def people_named(*, at, slug):
    return public_people(at=at).filter(slug=slug)


@prepared(at=MOMENT, person=ID)
def filmography(*, at, person):
    credits = Credit.objects.filter(person=person).select_related("film")
    return public_credits(credits, given="person", at=at).order_by("film__title")


def test_each_call_binds_its_own_values(make_person):
    first, second = make_person(is_released=True), make_person(is_released=True)
    now = timezone.now()
    assert people_named(at=now, slug=first.slug) == [first]
    assert people_named(at=now, slug=second.slug) == [second]
    assert people_named(at=now, slug="nobody") == []


def test_the_moment_decides_what_is_public_as_the_orm_does(make_person, make_credits, make_story):
    """A person brought by a scheduled story is public from its publication time on, and not before."""
    person = make_person(is_released=False)
    publish_at = timezone.now() + timedelta(hours=1)
    make_story(credits=make_credits(1, person=person), publish_at=publish_at)
    for at in (publish_at - timedelta(minutes=1), publish_at + timedelta(minutes=1)):
        assert people_named(at=at, slug=person.slug) == list(public_people(at=at).filter(slug=person.slug))
    assert people_named(at=publish_at - timedelta(minutes=1), slug=person.slug) == []
    assert people_named(at=publish_at + timedelta(minutes=1), slug=person.slug) == [person]


def test_rows_become_instances_with_their_related_objects(make_person, make_credits):
    person = make_person(is_released=True)
    credits = make_credits(3, person=person)
    read = filmography(at=timezone.now(), person=person.pk)
    assert [c.pk for c in read] == [c.pk for c in sorted(credits, key=lambda c: c.film.title)]
    assert [c.film.title for c in read] == sorted(c.film.title for c in credits)
    assert not read[0]._state.adding


def test_a_shape_argument_compiles_its_own_sql(make_story):
    stories = [make_story() for _ in range(3)]
    newest = Prepared(
        lambda *, at, count: Article.objects.public(at=at).order_by("-publish_at", "-id")[:count], at=MOMENT
    )
    assert len(newest(at=timezone.now(), count=1)) == 1
    assert len(newest(at=timezone.now(), count=3)) == len(stories)


def test_a_value_the_query_never_uses_is_refused(db):
    unused = Prepared(lambda *, at, slug: Article.objects.filter(slug=slug), at=MOMENT, slug=TEXT)
    with pytest.raises(ImproperlyConfigured, match="at"):
        unused(at=timezone.now(), slug="x")
