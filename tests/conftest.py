"""Shared set-up for the suite: the seed story, people, titles, credits and stories made to order."""

import itertools
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleCredit, Section
from films.models import Credit, Film
from people.models import Person

SEED_STORY_SLUG = "kevin-bacon-and-kyra-sedgwick-join-hands-after-20-years"
SEED_STORY_URL = f"/news/2024/02/07/{SEED_STORY_SLUG}/"

_counter = itertools.count(1)


@pytest.fixture
def seed(db):
    """The Connescence story and everything it links, loaded from its fixture."""
    call_command("loaddata", "connescence", verbosity=0)
    return Article.objects.get(slug=SEED_STORY_SLUG)


@pytest.fixture
def make_person(db):
    def make(**fields):
        n = next(_counter)
        fields.setdefault("name", f"Person {n}")
        fields.setdefault("slug", f"person-{n}")
        return Person.objects.create(**fields)

    return make


@pytest.fixture
def make_film(db):
    def make(**fields):
        n = next(_counter)
        fields.setdefault("title", f"Title {n}")
        fields.setdefault("slug", f"title-{n}")
        fields.setdefault("year", 2020)
        return Film.objects.create(**fields)

    return make


@pytest.fixture
def section(db):
    return Section.objects.get_or_create(slug="movies", defaults={"name": "Movies"})[0]


@pytest.fixture
def make_story(db, section):
    """A story; published an hour ago unless told otherwise."""

    def make(*, credits=(), **fields):
        n = next(_counter)
        fields.setdefault("headline", f"Story number {n}")
        fields.setdefault("slug", f"story-{n}")
        fields.setdefault("dek", "A dek.")
        fields.setdefault("body", "<p>Body.</p>")
        fields.setdefault("section", section)
        fields.setdefault("state", Article.State.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        story = Article.objects.create(**fields)
        ArticleCredit.objects.bulk_create(
            ArticleCredit(article=story, credit=credit, position=i) for i, credit in enumerate(credits)
        )
        return story

    return make


@pytest.fixture
def make_credits(make_person, make_film):
    """n credits spread over fresh people and titles, for query-count tests."""

    def make(n, *, film=None, person=None):
        credits = []
        for i in range(n):
            credits.append(
                Credit.objects.create(
                    film=film or make_film(),
                    person=person or make_person(),
                    role=Credit.Role.ACTOR,
                    character=f"Character {i}",
                    billing=i,
                )
            )
        return credits

    return make


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.com", "chief-password-123")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with a cold cache (the section navigation lives there)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def warm_get(client):
    """GET a page once to fill the navigation cache, so a second GET shows the page's own queries."""

    def get(url, **extra):
        client.get(url, **extra)
        return url

    return get
