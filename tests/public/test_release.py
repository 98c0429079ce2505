"""What a reporter adds (people, titles, credits: admin forms, popups, story-import confirmations) is saved
unreleased; an editor releases it with a tick or the list action, or a published story that links it does."""

import pytest

from articles import workflow
from articles.models import Article
from articles.story_import import decide, import_story
from films.models import Credit, Film
from people.models import Person
from tests.articles.test_story_import import STONE_STORY, stone_world  # noqa: F401  (a fixture, used by name)

# A new credit is suggested only on a title its sentence names (the suggestion engine never invents one elsewhere).
TEDDY_IN_BUGONIA = STONE_STORY.replace("Jesse Plemons co-stars as Teddy", "In Bugonia, Jesse Plemons co-stars as Teddy")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


PERSON_FORM = {
    "name": "Zoe Newcast",
    "slug": "zoe-newcast",
    # the inlines' management forms (credits, relationships), empty
    **{f"{prefix}-{key}": value for prefix in ("credits", "relationships") for key, value in
       (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"), ("MIN_NUM_FORMS", "0"), ("MAX_NUM_FORMS", "1000"))},
}  # fmt: skip


def test_only_editors_hold_the_release_permissions(reporter, editor):
    for permission in ("people.release_person", "films.release_film", "films.release_credit"):
        assert editor.has_perm(permission)
        assert not reporter.has_perm(permission)


def test_a_person_a_reporter_adds_is_unreleased_and_not_public(reporter_client, seed, client):
    form = reporter_client.get("/admin/people/person/add/").content.decode()
    assert 'name="is_released"' not in form
    response = reporter_client.post("/admin/people/person/add/", {**PERSON_FORM, "is_released": "on"})
    assert response.status_code == 302
    assert Person.objects.get(slug="zoe-newcast").is_released is False
    client.logout()
    assert client.get("/people/zoe-newcast/").status_code == 404


def test_a_person_an_editor_adds_is_released_unless_unticked(editor_client):
    assert 'name="is_released"' in editor_client.get("/admin/people/person/add/").content.decode()
    editor_client.post("/admin/people/person/add/", {**PERSON_FORM, "is_released": "on"})
    assert Person.objects.get(slug="zoe-newcast").is_released is True
    editor_client.post("/admin/people/person/add/", {**PERSON_FORM, "name": "Quiet One", "slug": "quiet-one"})
    assert Person.objects.get(slug="quiet-one").is_released is False


def test_a_title_a_reporter_adds_with_its_cast_is_unreleased(reporter_client, seed):
    bacon = Person.objects.get(slug="kevin-bacon")
    response = reporter_client.post(
        "/admin/films/film/add/",
        {
            "title": "Night Shift Returns", "slug": "night-shift-returns", "kind": "movie", "year": "2026",
            "release_status": "announced",
            "credits-TOTAL_FORMS": "1", "credits-INITIAL_FORMS": "0",
            "credits-MIN_NUM_FORMS": "0", "credits-MAX_NUM_FORMS": "1000",
            "credits-0-person": bacon.pk, "credits-0-role": "actor", "credits-0-character": "Stan Again",
            "credits-0-billing": "1",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    film = Film.objects.get(slug="night-shift-returns")
    assert film.is_released is False
    assert film.credits.get().is_released is False
    reporter_client.logout()
    assert "Stan Again" not in reporter_client.get("/people/kevin-bacon/").content.decode()


def test_a_credit_a_reporter_adds_in_the_story_popup_is_unreleased(reporter_client, seed, client):
    kevin_james, queens = Person.objects.get(slug="kevin-james"), Film.objects.get(slug="the-king-of-queens")
    response = reporter_client.post(
        "/admin/films/credit/add/?_to_field=id&_popup=1",
        {"film": queens.pk, "person": kevin_james.pk, "role": "actor", "character": "Doug Heffernan",
         "billing": 1, "_popup": "1", "_to_field": "id", "is_released": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert Credit.objects.get(character="Doug Heffernan").is_released is False
    client.logout()
    assert "Doug Heffernan" not in client.get("/titles/the-king-of-queens/").content.decode()


def test_an_editor_releases_a_selection_with_the_list_action(editor_client, seed, make_person):
    hidden = [make_person(is_released=False), make_person(is_released=False)]
    response = editor_client.post(
        "/admin/people/person/",
        {"action": "release", "_selected_action": [person.pk for person in hidden]},
        follow=True,
    )
    assert "Released 2 people to readers." in response.content.decode()
    editor_client.logout()
    for person in hidden:
        assert editor_client.get(person.get_absolute_url()).status_code == 200


def test_reporters_are_not_offered_the_release_action(reporter_client, seed, make_person):
    make_person(is_released=False)
    assert 'value="release"' not in reporter_client.get("/admin/people/person/").content.decode()
    reporter_client.post(
        "/admin/people/person/", {"action": "release", "_selected_action": [Person.objects.first().pk]}
    )
    assert Person.objects.filter(is_released=False).exists()


@pytest.mark.usefixtures("stone_world")
def test_a_credit_a_reporter_confirms_from_a_story_import_waits_for_the_story(reporter, editor, client, section):
    Credit.objects.filter(person__slug="jesse-plemons").delete()
    story_import = import_story(text=TEDDY_IN_BUGONIA, by=reporter)
    suggestion = story_import.suggestions.get(person__slug="jesse-plemons")
    decide(story_import, confirm=[suggestion.pk], by=reporter)

    credit = Credit.objects.get(person__slug="jesse-plemons", film__slug="bugonia", character="Teddy")
    assert credit.is_released is False
    assert "Teddy" not in client.get("/titles/bugonia/").content.decode()

    story = story_import.article
    Article.objects.filter(pk=story.pk).update(state=Article.State.APPROVED, dek="A dek.", section=section)
    story.refresh_from_db()
    story.authors.add(reporter)
    workflow.move(story, "publish", by=editor)
    assert "Teddy" in client.get("/titles/bugonia/").content.decode()


@pytest.mark.usefixtures("stone_world")
def test_a_reporter_naming_a_character_does_not_change_a_public_credit(reporter, client):
    Credit.objects.filter(person__slug="jesse-plemons").update(character="")
    story_import = import_story(text=STONE_STORY, by=reporter)
    suggestion = story_import.suggestions.get(person__slug="jesse-plemons")
    decide(story_import, confirm=[suggestion.pk], by=reporter)

    assert Credit.objects.get(person__slug="jesse-plemons", character="").is_released is True
    assert Credit.objects.get(person__slug="jesse-plemons", character="Teddy").is_released is False
    assert "Teddy" not in client.get("/titles/bugonia/").content.decode()


@pytest.mark.usefixtures("stone_world")
def test_a_credit_an_editor_confirms_is_released(editor):
    Credit.objects.filter(person__slug="jesse-plemons").delete()
    story_import = import_story(text=TEDDY_IN_BUGONIA, by=editor)
    decide(story_import, confirm=[story_import.suggestions.get(person__slug="jesse-plemons").pk], by=editor)
    assert Credit.objects.get(person__slug="jesse-plemons", character="Teddy").is_released is True
