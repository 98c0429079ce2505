"""Every public page runs a fixed number of queries, whatever the number of credits, stories or people.

Lists of stories page without counting (newsroom/pagination.py), except search, which shows its count.

Counts are pinned with a warm navigation cache (its one query is paid once per process and section change).
"""

import pytest
from django.urls import reverse

from articles.models import Correction, Tag
from people.models import Relationship

SIZES = [5, 50]


@pytest.fixture
def crowded_story(make_story, make_credits, make_person, make_film):
    """A story with n credits, n directly linked people and titles, n tags and n corrections."""

    def make(n):
        story = make_story(credits=make_credits(n))
        story.linked_people.set([make_person() for _ in range(n)])
        story.linked_films.set([make_film() for _ in range(n)])
        story.tags.set([Tag.objects.create(name=f"Tag {story.pk}-{i}", slug=f"tag-{story.pk}-{i}") for i in range(n)])
        Correction.objects.bulk_create(Correction(article=story, note=f"Correction {i}.") for i in range(n))
        return story

    return make


@pytest.mark.parametrize("n", SIZES)
def test_story_page_runs_six_queries(client, crowded_story, warm_get, django_assert_num_queries, n):
    url = warm_get(crowded_story(n).get_absolute_url())
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_home_runs_one_query(client, make_story, warm_get, django_assert_num_queries, n):
    for _ in range(n):
        make_story()
    warm_get("/")
    with django_assert_num_queries(1):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_section_page_runs_two_queries(client, make_story, section, warm_get, django_assert_num_queries, n):
    for _ in range(n):
        make_story()
    url = warm_get(section.get_absolute_url() + ("?page=2" if n > 20 else ""))
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_tag_page_runs_two_queries(client, make_story, warm_get, django_assert_num_queries, n):
    tag = Tag.objects.create(name="Casting", slug="casting")
    for _ in range(n):
        make_story().tags.add(tag)
    url = warm_get(tag.get_absolute_url())
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_person_page_runs_four_queries(
    client, make_person, make_film, make_credits, make_story, warm_get, django_assert_num_queries, n
):
    person = make_person()
    credits = make_credits(n, person=person)
    for credit in credits:
        make_story(credits=[credit])
    for _ in range(n):
        Relationship.objects.create(person=person, other=make_person(), kind=Relationship.Kind.SIBLING)
    url = warm_get(person.get_absolute_url())
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_title_page_runs_three_queries(
    client, make_film, make_credits, make_story, warm_get, django_assert_num_queries, n
):
    film = make_film()
    credits = make_credits(n, film=film)
    for credit in credits:
        make_story(credits=[credit])
    url = warm_get(film.get_absolute_url())
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_search_runs_seven_queries_with_every_filter(
    client, make_person, make_film, make_credits, make_story, section, warm_get, django_assert_num_queries, n
):
    person, film = make_person(name="Kevin Bacon"), make_film()
    tag = Tag.objects.create(name="Casting", slug="casting")
    for credit in make_credits(n, person=person, film=film):
        make_story(credits=[credit], headline="Bacon returns").tags.add(tag)
    url = warm_get(
        reverse("articles:search")
        + f"?q=bacon&section={section.slug}&tag=casting&person={person.slug}&title={film.slug}"
        + "&published_after=2000-01-01&published_before=2100-01-01"
    )
    # the section menu, then section, tag, person and title looked up, then count and page
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context_data["stories"]) == min(n, 20)


def test_plain_search_runs_three_queries(client, make_story, warm_get, django_assert_num_queries):
    for _ in range(30):
        make_story()
    url = warm_get(reverse("articles:search") + "?q=story&page=2")
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(
    "feed, queries",
    [("latest", 2), ("section", 3), ("person", 3), ("title", 3)],
)
def test_feeds_run_constant_queries(
    client,
    make_person,
    make_film,
    make_credits,
    make_story,
    section,
    django_user_model,
    django_assert_num_queries,
    n,
    feed,
    queries,
):
    person, film = make_person(), make_film()
    author = django_user_model.objects.create_user("reporter", first_name="Rita", last_name="Reporter")
    for credit in make_credits(n, person=person, film=film):
        make_story(credits=[credit]).authors.add(author)
    url = {
        "latest": reverse("articles:feed-rss"),
        "section": reverse("articles:section-feed-atom", args=[section.slug]),
        "person": reverse("articles:person-feed-rss", args=[person.slug]),
        "title": reverse("articles:title-feed-atom", args=[film.slug]),
    }[feed]
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", SIZES)
def test_sitemaps_run_constant_queries(client, make_story, make_person, make_film, django_assert_num_queries, n):
    for _ in range(n):
        make_story(), make_person(), make_film()
    with django_assert_num_queries(8):  # per sitemap: a count and the newest lastmod
        assert client.get("/sitemap.xml").status_code == 200
    for section in ("stories", "people", "titles", "sections"):
        with django_assert_num_queries(2):  # count, then the page
            assert client.get(f"/sitemap-{section}.xml").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/news-sitemap-news.xml").status_code == 200


def test_not_found_page_runs_no_query(db, client, warm_get, django_assert_num_queries):
    warm_get("/no-such-page/")
    with django_assert_num_queries(0):
        assert client.get("/no-such-page/").status_code == 404
