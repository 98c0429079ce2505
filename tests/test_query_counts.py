"""Every public page runs the same number of queries with 5 credits or 50 (the story page at most 6)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films.models import Credit

BUDGETS = {"story": 6, "person": 4, "title": 3, "home": 1, "section": 3, "tag": 3}


@pytest.fixture
def page_with(make_story, make_credits, make_person, make_film):
    """Builds the page of one kind for a story/person/title with n credits, returns its URL."""

    def build(kind, n):
        if kind == "person":
            person = make_person()
            credits = make_credits(n, person=person)
        elif kind == "title":
            film = make_film()
            credits = make_credits(n, film=film)
        else:
            credits = make_credits(n)
        story = make_story(credits=credits)
        story.tags.create(name=f"Tag {n}", slug=f"tag-{n}")
        story.linked_people.add(make_person())
        for i in range(n):
            make_story(credits=credits[i : i + 1])
        return {
            "story": story.get_absolute_url(),
            "person": credits[0].person.get_absolute_url(),
            "title": credits[0].film.get_absolute_url(),
            "home": "/",
            "section": story.section.get_absolute_url(),
            "tag": f"/tag/tag-{n}/",
        }[kind]

    return build


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", list(BUDGETS))
def test_page_query_count_is_constant_and_within_budget(client, page_with, kind):
    few = queries_for(client, page_with(kind, 5))
    many = queries_for(client, page_with(kind, 50))
    assert few == many, f"{kind} page: {few} queries with 5 credits, {many} with 50"
    assert many <= BUDGETS[kind]


def test_seed_story_page_needs_six_queries(client, seed, django_assert_max_num_queries):
    assert Credit.objects.count() == 15
    with django_assert_max_num_queries(6):
        client.get(seed.get_absolute_url())
