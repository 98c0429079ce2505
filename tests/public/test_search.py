"""Search at /search/: free text, filters that combine, bookmarkable GET URLs, and a page for any input."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section, Tag

SEARCH = reverse("articles:search")


def headlines(response):
    return [story.headline for story in response.context_data["stories"]]


def test_finds_words_in_headline_dek_and_body(client, make_story):
    make_story(headline="Bacon signs on")
    make_story(headline="A new role", dek="Sedgwick returns")
    make_story(headline="A chance encounter", body="<p>It happens in Connescence.</p>")
    make_story(headline="Unrelated")
    assert headlines(client.get(SEARCH, {"q": "bacon"})) == ["Bacon signs on"]
    assert headlines(client.get(SEARCH, {"q": "sedgwick"})) == ["A new role"]
    assert headlines(client.get(SEARCH, {"q": "connescence"})) == ["A chance encounter"]


def test_never_shows_unpublished_stories(client, make_story):
    make_story(headline="Bacon draft", state=Article.State.DRAFT)
    make_story(headline="Bacon scheduled", publish_at=timezone.now() + timedelta(days=1))
    make_story(headline="Bacon live")
    assert headlines(client.get(SEARCH, {"q": "bacon"})) == ["Bacon live"]


def test_filters_combine(client, make_story, make_person, make_film, make_credits, section):
    tv = Section.objects.create(name="TV", slug="tv")
    casting = Tag.objects.create(name="Casting", slug="casting")
    person, film = make_person(), make_film()
    [credit] = make_credits(1, person=person, film=film)
    make_story(headline="Credited in movies", credits=[credit]).tags.add(casting)
    make_story(headline="Credited on TV", credits=[credit], section=tv)
    linked = make_story(headline="Linked directly")
    linked.linked_people.add(person)
    linked.linked_films.add(film)
    make_story(headline="Unrelated")

    assert set(headlines(client.get(SEARCH, {"person": person.slug}))) == {
        "Credited in movies",
        "Credited on TV",
        "Linked directly",
    }
    assert set(headlines(client.get(SEARCH, {"title": film.slug}))) == {
        "Credited in movies",
        "Credited on TV",
        "Linked directly",
    }
    assert headlines(client.get(SEARCH, {"person": person.slug, "section": "tv"})) == ["Credited on TV"]
    assert headlines(client.get(SEARCH, {"person": person.slug, "tag": "casting"})) == ["Credited in movies"]
    assert headlines(client.get(SEARCH, {"q": "credited", "section": "movies"})) == ["Credited in movies"]


def test_story_linked_and_credited_appears_once(client, make_story, make_person, make_credits):
    person = make_person()
    story = make_story(credits=make_credits(3, person=person))
    story.linked_people.add(person)
    assert headlines(client.get(SEARCH, {"person": person.slug})) == [story.headline]


def test_date_range(client, make_story):
    make_story(headline="Old news", publish_at=timezone.now() - timedelta(days=400))
    make_story(headline="New news")
    since = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert headlines(client.get(SEARCH, {"published_after": since})) == ["New news"]
    until = (timezone.localdate() - timedelta(days=300)).isoformat()
    assert headlines(client.get(SEARCH, {"published_before": until})) == ["Old news"]


def test_results_paginate_and_pages_keep_the_query(client, make_story):
    for i in range(25):
        make_story(headline=f"Bacon {i}")
    first = client.get(SEARCH, {"q": "bacon"})
    assert len(first.context_data["stories"]) == 20
    assert 'href="?q=bacon&amp;page=2"' in first.content.decode()
    second = client.get(SEARCH, {"q": "bacon", "page": 2})
    assert len(second.context_data["stories"]) == 5


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 10_000},
        {"q": "' OR 1=1; -- \" <script>alert(1)</script> & | ! ( ) : * \\ \x00"},
        {"q": "!!! ((( :* &&& ||| -"},
        {"q": "word " * 500},
        {"published_after": "not-a-date", "published_before": "2024-02-31"},
        {"published_after": "9999-12-31", "published_before": "0001-01-01"},
        {"section": "no-such-section", "tag": "nope", "person": "nobody", "title": "nothing"},
        {"person": "../../etc/passwd", "title": "%00"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"page": "abc"},
    ],
)
def test_absurd_queries_still_get_a_page(client, make_story, params):
    make_story(headline="Bacon")
    response = client.get(SEARCH, params)
    assert response.status_code == 200


def test_unknown_filter_value_is_explained_not_fatal(client, make_story):
    make_story(headline="Bacon")
    response = client.get(SEARCH, {"person": "nobody"})
    assert response.status_code == 200
    assert "could not be used" in response.content.decode()
    assert headlines(response) == ["Bacon"]


@pytest.fixture
def postgresql(db):
    from django.db import connection

    assert connection.vendor == "postgresql"
    return connection


@pytest.mark.postgresql
def test_postgresql_ranks_the_best_match_first_and_stems_words(client, postgresql, make_story):
    make_story(headline="A quiet week", body="<p>Bacon was mentioned once.</p>", publish_at=timezone.now())
    make_story(
        headline="Bacon directs Bacon", dek="Kevin Bacon on directing", publish_at=timezone.now() - timedelta(days=9)
    )
    assert headlines(client.get(SEARCH, {"q": "bacon"})) == ["Bacon directs Bacon", "A quiet week"]
    assert headlines(client.get(SEARCH, {"q": "directed"})) == ["Bacon directs Bacon"]
    assert headlines(client.get(SEARCH, {"q": '"quiet week" -directs'})) == ["A quiet week"]


@pytest.mark.postgresql
def test_postgresql_search_is_served_by_the_gin_index(postgresql):
    from articles.search import INDEX_NAME, search

    with postgresql.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX_NAME])
        [(definition,)] = cursor.fetchall()
        assert "USING gin" in definition
        sql, params = search(Article.objects.all(), "bacon").query.sql_with_params()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX_NAME in plan


def test_the_search_index_migration_indexes_the_expression_search_queries():
    """The migration froze the expression; if search_vector() changes, a new migration must change the index too."""
    from importlib import import_module

    from django.contrib.postgres.indexes import GinIndex

    from articles.search import INDEX_NAME, search_vector

    migration = import_module("articles.migrations.0005_search_index")
    assert migration.search_index().deconstruct() == GinIndex(search_vector(), name=INDEX_NAME).deconstruct()
