"""The admin an editor uses: searchable, autocompleting credits, constant query counts."""

import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import connections
from films.models import Credit


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def queries_for(client, url):
    connections.graph()  # the claim check's graph is read once per process and after edits, not per page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_credit_autocomplete_finds_bacon_in_connescence(admin_client, seed):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "bacon connescence", "app_label": "articles", "model_name": "articlecredit", "field_name": "credit"},
    )
    results = json.loads(response.content)["results"]
    assert [r["text"] for r in results] == ["Kevin Bacon as Stan in Connescence"]


def test_credit_admin_searches_by_character(admin_client, seed):
    html = admin_client.get("/admin/films/credit/", {"q": "cynthia"}).content.decode()
    assert "Kyra Sedgwick" in html and "Cynthia" in html
    assert "Kevin James" not in html


def test_story_form_offers_adding_a_missing_credit_in_a_popup(admin_client, seed):
    html = admin_client.get(f"/admin/articles/article/{seed.pk}/change/").content.decode()
    assert 'id="add_id_article_credits-0-credit"' in html
    assert "/admin/films/credit/add/?_to_field=id&amp;_popup=1" in html


def test_each_linked_credit_row_has_its_own_popup_links(admin_client, seed):
    html = admin_client.get(f"/admin/articles/article/{seed.pk}/change/").content.decode()
    rows = seed.article_credits.count()
    for i in range(rows + 1):  # the linked credits and the blank row
        name = f"article_credits-{i}-credit"
        assert f'<select name="{name}"' in html
        assert f'id="add_id_{name}"' in html and f'id="change_id_{name}"' in html and f'id="view_id_{name}"' in html
    assert 'id="add_id_article_credits-__prefix__-credit"' in html  # the template row "Add another" copies
    assert html.count('data-href-template="/admin/films/credit/__fk__/change/?_to_field=id&amp;_popup=1"') == rows + 2
    assert (
        html.count('id="add_id_section"') == 1
        and 'href="/admin/articles/section/add/?_to_field=id&amp;_popup=1"' in html
    )


def test_a_missing_credit_created_in_the_popup_comes_back_to_the_story_form(admin_client, seed):
    from films.models import Film
    from people.models import Person

    kevin_james = Person.objects.get(slug="kevin-james")
    film = Film.objects.get(slug="the-king-of-queens")
    response = admin_client.post(
        "/admin/films/credit/add/?_to_field=id&_popup=1",
        {
            "film": film.pk,
            "person": kevin_james.pk,
            "role": "actor",
            "character": "Doug Heffernan",
            "billing": 1,
            "_popup": "1",
            "_to_field": "id",
        },  # fmt: skip
    )
    assert response.status_code == 200
    credit = Credit.objects.get(character="Doug Heffernan")
    payload = re.search(r'data-popup-response="([^"]*)"', response.content.decode()).group(1)
    assert json.loads(html.unescape(payload))["value"] == str(credit.pk)


def test_story_admin_list_offers_search_filters_and_dates(admin_client, seed):
    html = admin_client.get("/admin/articles/article/").content.decode()
    assert seed.headline in html
    assert 'id="changelist-search"' in html
    assert "By state" in html and "By section" in html
    assert 'class="xfull"' in html or "date_hierarchy" in html or "?publish_at__year=2024" in html


def test_story_change_form_links_to_the_public_page(admin_client, seed):
    html = admin_client.get(f"/admin/articles/article/{seed.pk}/change/").content.decode()
    assert "View on site" in html
    assert 'id="id_slug"' in html and "prepopulated" in html


def test_the_story_forms_byline_names_staff_as_readers_see_them(client, make_draft, reporter, editor):
    story = make_draft(by=reporter)
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    byline = re.search(r'<select name="authors".*?</select>', page, re.S).group(0)
    assert "Riley Reporter" in byline and ">riley<" not in byline
    assert 'data-ajax--url="/admin/articles/article/byline/"' in byline


def test_the_byline_picker_suggests_staff_by_full_name(client, reporter, editor):
    client.force_login(editor)
    response = client.get(
        "/admin/articles/article/byline/",
        {"term": "riley", "app_label": "articles", "model_name": "article", "field_name": "authors"},
    )
    assert [r["text"] for r in json.loads(response.content)["results"]] == ["Riley Reporter"]


def test_a_reporter_sees_their_byline_read_only_by_full_name(client, make_draft, reporter):
    story = make_draft(by=reporter)
    client.force_login(reporter)
    page = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert 'name="authors"' not in page
    assert re.search(r'<div class="readonly">\s*Riley Reporter\s*</div>', page)


@pytest.fixture
def admin_pages(make_story, make_credits, make_person, make_film):
    def build(n):
        person, film = make_person(), make_film()
        credits = make_credits(n, person=person) + make_credits(n, film=film)
        story = make_story(credits=credits)
        for credit in credits[:n]:
            make_story(credits=[credit])
        return {
            "story list": "/admin/articles/article/",
            "story form": f"/admin/articles/article/{story.pk}/change/",
            "person list": "/admin/people/person/",
            "person form": f"/admin/people/person/{person.pk}/change/",
            "title list": "/admin/films/film/",
            "title form": f"/admin/films/film/{film.pk}/change/",
            "credit list": "/admin/films/credit/",
            "credit search": "/admin/films/credit/?q=character",
        }

    return build


def test_admin_pages_run_a_constant_number_of_queries(admin_client, admin_pages):
    pages = admin_pages(5)
    for url in pages.values():  # warm per-process caches (content types, permissions) first
        admin_client.get(url)
    few = {name: queries_for(admin_client, url) for name, url in pages.items()}
    many = {name: queries_for(admin_client, url) for name, url in admin_pages(50).items()}
    assert few == many
