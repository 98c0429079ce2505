"""Every API endpoint runs a fixed number of queries, whatever the number of stories, credits or people.

The counts are the ones each endpoint's docstring states; the README lists them.
"""

import pytest

from articles.models import Correction, Quote, Tag
from tests.api.conftest import API

SIZES = [5, 40]


@pytest.fixture
def crowd(make_story, make_credits, make_person, make_film, make_user):
    """n stories, each with n credits on one title, n tags, n linked people, two bylines, quotes and corrections."""

    def make(n):
        film, person = make_film(slug="the-film"), make_person(slug="the-person")
        authors = [make_user(f"writer{n}a"), make_user(f"writer{n}b")]
        for i in range(n):
            story = make_story(credits=make_credits(n, film=film) + make_credits(1, person=person), slug=f"s-{i}")
            story.tags.set([Tag.objects.get_or_create(name=f"Tag {j}", slug=f"tag-{j}")[0] for j in range(n)])
            story.linked_people.set([make_person() for _ in range(3)])
            story.authors.set(authors)
            Correction.objects.bulk_create(Correction(article=story, note=f"Fix {j}.") for j in range(3))
            for j in range(3):
                Quote.objects.create(article=story, text=f"Quote {j}", position=j).speakers.set([person])
        return film, person

    return make


def endpoints(film, person):
    credit = person.credits.first()
    return {
        "/": 0,
        "/stories/?limit=100": 3,
        "/stories/?tag=tag-1&person=the-person&title=the-film&section=movies": 3,
        "/stories/s-1/": 8,
        "/search/?q=story&limit=100": 3,
        "/people/?limit=200": 1,
        "/people/the-person/": 3,
        "/titles/?limit=200": 1,
        "/titles/the-film/": 2,
        "/credits/?limit=200": 1,
        f"/credits/{credit.pk}/": 1,
        "/sections/": 1,
        "/tags/?limit=200": 1,
    }


@pytest.mark.parametrize("n", SIZES)
def test_each_endpoint_runs_a_fixed_number_of_queries(client, crowd, warm_get, django_assert_num_queries, n):
    for path, queries in endpoints(*crowd(n)).items():
        url = warm_get(f"{API}{path}")
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200, path
