"""Story, person and title pages say when they last changed, and answer 304 to a reader who has that version."""

from datetime import timedelta

import pytest
from django.utils import timezone

from films.models import Film
from people.models import Person
from tests.conftest import SEED_STORY_URL

PAGES = [SEED_STORY_URL, "/people/kevin-bacon/", "/titles/connescence/"]


@pytest.mark.parametrize("url", PAGES)
def test_page_carries_last_modified_and_etag(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Last-Modified"]
    assert response["ETag"].startswith('"')


# A story knows its last change once its credits are read, so its 304 skips only the rendering.
@pytest.mark.parametrize("url, queries", list(zip(PAGES, [6, 1, 1], strict=True)))
def test_unchanged_page_answers_304(client, seed, url, queries, django_assert_num_queries):
    first = client.get(url)
    with django_assert_num_queries(queries):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_renaming_a_person_changes_the_story_page_version(client, seed):
    before = client.get(SEED_STORY_URL)["ETag"]
    person = Person.objects.get(slug="kyra-sedgwick")
    person.save()  # a later updated_at
    Person.objects.filter(pk=person.pk).update(updated_at=person.updated_at.replace(year=person.updated_at.year + 1))
    response = client.get(SEED_STORY_URL, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before


def test_editing_a_title_changes_the_person_page_version(client, seed):
    before = client.get("/people/kevin-bacon/")["ETag"]
    film = Film.objects.get(slug="connescence")
    Film.objects.filter(pk=film.pk).update(updated_at=film.updated_at.replace(year=2099))
    assert client.get("/people/kevin-bacon/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_a_new_story_changes_the_title_page_version(client, seed, make_story, make_credits):
    before = client.get("/titles/connescence/")["ETag"]
    story = make_story()
    story.linked_films.add(Film.objects.get(slug="connescence"))
    assert client.get("/titles/connescence/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_unpublishing_an_older_story_refreshes_the_person_page_for_readers_who_have_it(
    client, make_story, make_credits, editor
):
    from articles import workflow

    credit = make_credits(1)[0]
    older = make_story(headline="Older casting news", credits=[credit], publish_at=timezone.now() - timedelta(days=2))
    make_story(headline="Newer casting news", credits=[credit])
    url = credit.person.get_absolute_url()
    first = client.get(url)
    assert "Older casting news" in first.content.decode()
    workflow.move(older, "unpublish", by=editor)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert "Older casting news" not in again.content.decode()


def test_fixing_a_credit_refreshes_the_story_page_for_readers_who_have_it(client, seed):
    from films.models import Credit

    first = client.get(SEED_STORY_URL)
    stan = Credit.objects.get(character="Stan")
    stan.character = "Stanley"
    stan.save()
    again = client.get(SEED_STORY_URL, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert "Stanley" in again.content.decode()


@pytest.mark.parametrize("folder", ["newsroom/jinja2/public", "newsroom/templates/admin", "core/static/core"])
def test_a_deploy_that_changes_the_pages_markup_changes_every_version(settings, tmp_path, monkeypatch, folder):
    """Without RELEASE, the version digests the templates (Jinja2's too) and static files: new markup, new ETags."""
    from newsroom.public import conditional

    monkeypatch.delenv("RELEASE", raising=False)
    settings.BASE_DIR = tmp_path
    (tmp_path / folder).mkdir(parents=True)
    page = tmp_path / folder / "story.html"
    page.write_text("<h1>{{ story.headline }}</h1>")
    conditional.release.cache_clear()
    before = conditional.release()
    page.write_text("<h1 class='headline'>{{ story.headline }}</h1>")
    conditional.release.cache_clear()
    try:
        assert conditional.release() != before
    finally:
        conditional.release.cache_clear()
