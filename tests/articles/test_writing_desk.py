"""The story form's writing desk: the body editor's storage rules, links made while writing as mentions, and the
Suggested credits endpoints (rights, CSRF, answers, constant query counts)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from films.models import Credit, Film
from people.models import Person

from .conftest import change_url

SUGGESTIONS = "admin:articles_article_desk_suggestions"
CREDIT = "admin:articles_article_desk_credit"
# Copy that never repeats itself, so every word run is a new candidate for the engine's lookups.
FILLER = "<p>On day {n} of the shoot, crew member {n} worked late at location {n} before the reviews arrive.</p>"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def suggest(client, body, *, story=None, credits=()):
    data = {"body": body, "credits": [str(pk) for pk in credits]}
    if story is not None:
        data["story"] = story.pk
    return client.post(reverse(SUGGESTIONS), data)


def test_the_seed_story_saves_byte_for_byte_when_its_body_is_not_edited(editor_client, seed, story_form):
    stored = seed.body
    response, data = story_form(editor_client, seed)
    assert data["body"] == stored
    response = editor_client.post(change_url(seed), {**data, "_continue": "1"})
    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.body == stored


def test_an_edited_body_keeps_only_the_allowed_html(editor_client, make_draft, story_form, make_person):
    story, person = make_draft(), make_person(name="Dana Whitfield")
    response, data = story_form(editor_client, story)
    data["body"] = (
        f'<p style="color:red" onclick="x()">Hi <a data-person="{person.pk}" class="story-reference">Dana</a>'
        "<script>alert(1)</script><q>quoted</q></p>"
    )
    editor_client.post(change_url(story), {**data, "_continue": "1"})
    story.refresh_from_db()
    assert story.body == (f'<p>Hi <a data-person="{person.pk}" rel="noopener noreferrer">Dana</a><q>quoted</q></p>')


def test_people_and_titles_linked_in_the_body_become_the_storys_mentions(
    editor_client, make_draft, story_form, make_person, make_film
):
    story, person, film = make_draft(), make_person(name="Dana Whitfield"), make_film(title="Night Shift Blues")
    response, data = story_form(editor_client, story)
    data["body"] = (
        f'<p><a data-person="{person.pk}">Dana</a> in <a data-title="{film.pk}">it</a>; <a data-person="999999">gone</a></p>'
    )
    editor_client.post(change_url(story), {**data, "_continue": "1"})
    assert list(story.linked_people.all()) == [person]
    assert list(story.linked_films.all()) == [film]


def test_the_form_shows_the_editor_and_the_suggested_credits_panel(editor_client, seed):
    html = editor_client.get(change_url(seed)).content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "articles/editor/extensions.js" in html and "django_prose_editor/editor.js" in html
    assert '<script type="importmap"' in html  # the editor's modules come from the project's own static files
    assert "Suggested credits" in html and 'id="add-credit-dialog"' in html


# Suggested credits


def test_suggestions_name_the_credit_with_its_evidence(editor_client, seed):
    answer = suggest(editor_client, seed.body, story=seed).json()
    stan = next(s for s in answer["suggestions"] if s["label"] == "Kevin Bacon as Stan in Connescence")
    assert "security guard named Stan" in stan["evidence"]
    assert stan["credit"] == Credit.objects.get(person__name="Kevin Bacon", character="Stan").pk


def test_suggestions_list_linked_credits_the_body_no_longer_names_and_unknown_names(editor_client, seed):
    loverboy = Credit.objects.get(film__title="Loverboy", role=Credit.Role.DIRECTOR)
    body = "<p>Kevin Bacon plays Stan in Connescence, with Dana Whitfield.</p>"
    answer = suggest(editor_client, body, story=seed, credits=[loverboy.pk]).json()
    assert [c["credit"] for c in answer["unmentioned"]] == []  # Kevin Bacon is named
    answer = suggest(editor_client, "<p>Dana Whitfield joins Connescence.</p>", story=seed, credits=[loverboy.pk])
    assert [c["credit"] for c in answer.json()["unmentioned"]] == [loverboy.pk]
    assert answer.json()["unmatched"] == ["Dana Whitfield"]


def test_suggestions_need_the_right_to_edit_the_story(client, make_draft, other_reporter, reporter):
    story = make_draft(by=reporter)
    client.force_login(other_reporter)
    assert suggest(client, "<p>x</p>", story=story).status_code == 403
    assert client.post(reverse(CREDIT), {"story": story.pk}).status_code == 403
    client.force_login(reporter)
    assert suggest(client, "<p>x</p>", story=story).status_code == 200


def test_suggestions_refuse_a_post_without_the_csrf_token(editor, seed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(reverse(SUGGESTIONS), {"story": seed.pk, "body": seed.body}).status_code == 403
    assert client.post(reverse(CREDIT), {"story": seed.pk}).status_code == 403


def test_suggestions_cost_a_bounded_number_of_queries_for_a_short_and_a_1000_word_body(
    editor_client, seed, django_assert_max_num_queries
):
    """Session, user, story, the engine's lookups by index, the linked credits; whatever the database's size.

    The current engine looks titles up 5,000 word runs at a time, so a 1,000-word body costs it one query more.
    """
    links = list(seed.article_credits.values_list("credit", flat=True))
    long_body = seed.body + "".join(FILLER.format(n=n) for n in range(45))
    assert len(long_body.split()) > 1000
    with django_assert_max_num_queries(9):
        assert (
            suggest(editor_client, "<p>Kevin Bacon in Connescence.</p>", story=seed, credits=links[:1]).status_code
            == 200
        )
    with django_assert_max_num_queries(10):
        assert suggest(editor_client, long_body, story=seed, credits=links).status_code == 200


# Add credit


def test_add_credit_makes_the_person_the_title_and_the_credit_in_one_step(editor_client, seed):
    answer = editor_client.post(
        reverse(CREDIT),
        {"story": seed.pk, "person_name": "Dana Whitfield", "title_name": "Night Shift Blues", "year": "2025",
         "kind": "movie", "role": "actor", "character": "Mara"},
    )  # fmt: skip
    assert answer.status_code == 200
    credit = Credit.objects.select_related("person", "film").get(pk=answer.json()["credit"])
    assert answer.json()["label"] == "Dana Whitfield as Mara in Night Shift Blues (2025)"
    assert (credit.person.slug, credit.film.slug, credit.film.year) == (
        "dana-whitfield",
        "night-shift-blues-2025",
        2025,
    )


def test_add_credit_reuses_what_is_on_file(editor_client, seed, django_assert_max_num_queries):
    bacon, film = Person.objects.get(name="Kevin Bacon"), Film.objects.get(title="Connescence")
    people, films = Person.objects.count(), Film.objects.count()
    with django_assert_max_num_queries(10):
        answer = editor_client.post(
            reverse(CREDIT),
            {"story": seed.pk, "person": bacon.pk, "title": film.pk, "role": "actor", "character": "Stan"},
        )
    assert answer.json()["credit"] == Credit.objects.get(person=bacon, film=film, character="Stan").pk
    assert (Person.objects.count(), Film.objects.count()) == (people, films)


def test_add_credit_says_what_is_missing(editor_client, seed):
    answer = editor_client.post(reverse(CREDIT), {"story": seed.pk, "role": "actor", "title_name": "X"})
    assert answer.status_code == 400
    assert json.loads(answer.content)["error"] == "Choose a person or type the name of a new one."


def test_a_new_story_can_use_the_panel(editor_client, db):
    assert suggest(editor_client, "<p>Nobody Known here.</p>").status_code == 200
