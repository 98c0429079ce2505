"""The admin import screens: paste or upload, review the suggestions, confirm some, get a draft with them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import connections
from articles import story_import as story_import_module
from articles.models import CreditSuggestion, StoryImport
from articles.story_import import import_story
from films.models import Credit
from tests.conftest import SEED_TEXT_FILE

SEED_TEXT = SEED_TEXT_FILE.read_text(encoding="utf-8")
ADD_URL = reverse("admin:articles_storyimport_add")


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def review_form(story_import, decisions):
    """The change form's POST: every suggestion row, with the editor's decisions applied."""
    rows = list(story_import.suggestions.all())
    data = {
        "suggestions-TOTAL_FORMS": len(rows),
        "suggestions-INITIAL_FORMS": len(rows),
        "suggestions-MIN_NUM_FORMS": 0,
        "suggestions-MAX_NUM_FORMS": 0,
    }
    for i, row in enumerate(rows):
        data[f"suggestions-{i}-id"] = row.pk
        data[f"suggestions-{i}-story_import"] = story_import.pk
        data[f"suggestions-{i}-status"] = decisions.get(row.pk, row.status)
    for prefix, related in [
        ("source_suggestions", story_import.source_suggestions),
        ("relationship_suggestions", story_import.relationship_suggestions),
    ]:
        others = list(related.all())
        data |= {f"{prefix}-TOTAL_FORMS": len(others), f"{prefix}-INITIAL_FORMS": len(others)}
        data |= {f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 0}
        for i, row in enumerate(others):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-story_import"] = story_import.pk
            data[f"{prefix}-{i}-status"] = decisions.get((prefix, row.pk), row.status)
    return data


def test_pasting_the_seed_text_makes_a_draft_and_opens_its_suggestions(editor_client, seed):
    response = editor_client.post(ADD_URL, {"raw_text": SEED_TEXT, "section": seed.section.pk}, follow=True)

    story_import = StoryImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:articles_storyimport_change", args=[story_import.pk])
    page = response.content.decode()
    assert "Draft made with 15 credit suggestion(s) to review below." in page
    assert "Kevin Bacon as Stan in Connescence" in page and "Kyra Sedgwick as Cynthia in Connescence" in page
    assert story_import.article.section == seed.section and story_import.created_by.username == "chief"


def test_uploading_a_text_file_works_like_pasting(editor_client, seed):
    upload = SimpleUploadedFile("connescence.txt", SEED_TEXT.encode(), content_type="text/plain")

    editor_client.post(ADD_URL, {"raw_text": "", "upload": upload})

    story_import = StoryImport.objects.get()
    assert story_import.file_name == "connescence.txt" and story_import.suggestions.count() == 15


def test_empty_text_is_refused_with_a_message(editor_client, db):
    response = editor_client.post(ADD_URL, {"raw_text": "Advertisement"})

    assert response.status_code == 200
    assert "No story found in the text" in response.content.decode()
    assert not StoryImport.objects.exists()


def test_editor_confirms_some_suggestions_and_only_those_are_linked(editor_client, seed):
    story_import = import_story(text=SEED_TEXT)
    stan, cynthia, writer = story_import.suggestions.all()[:3]
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])

    response = editor_client.post(
        url, review_form(story_import, {stan.pk: "confirmed", cynthia.pk: "confirmed", writer.pk: "rejected"})
    )

    assert response.status_code == 302
    linked = list(story_import.article.article_credits.order_by("position").values_list("credit__character", flat=True))
    assert linked == ["Stan", "Cynthia"]
    assert story_import.suggestions.filter(status=CreditSuggestion.Status.PENDING).count() == 12


def test_a_decided_suggestion_cannot_be_flipped_from_the_form(editor_client, seed, superuser):
    story_import = import_story(text=SEED_TEXT)
    stan = story_import.suggestions.first()
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])
    editor_client.post(url, review_form(story_import, {stan.pk: "confirmed"}))

    editor_client.post(url, review_form(story_import, {stan.pk: "rejected"}))

    stan.refresh_from_db()
    assert stan.status == CreditSuggestion.Status.CONFIRMED
    assert story_import.article.article_credits.count() == 1


def test_review_page_runs_a_constant_number_of_queries(editor_client, seed, make_person, django_assert_max_num_queries):
    story_import = import_story(text=SEED_TEXT)
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])
    connections.graph()  # read once per process and after edits, not per page
    with django_assert_max_num_queries(14) as small:  # 12 + the claim check's people and titles
        editor_client.get(url)
    connescence = Credit.objects.get(character="Stan").film
    extras = [make_person(name=f"Extra {n}") for n in range(30)]
    story_import.suggestions.model.objects.bulk_create(
        CreditSuggestion(story_import=story_import, person=p, film=connescence, role="actor", position=100 + i)
        for i, p in enumerate(extras)
    )

    connections.graph()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = editor_client.get(url)
    assert response.content.decode().count('type="radio"') == 3 * (45 + 3)  # and each inline's blank template row


def test_import_list_shows_how_many_suggestions_wait(editor_client, seed):
    import_story(text=SEED_TEXT)

    response = editor_client.get(reverse("admin:articles_storyimport_changelist"))

    assert response.status_code == 200 and "Kevin Bacon and Kyra Sedgwick join hands" in response.content.decode()


def test_a_reporter_imports_a_story_and_owns_its_draft(client, reporter, seed):
    client.force_login(reporter)
    assert client.get(ADD_URL).status_code == 200
    client.post(ADD_URL, {"raw_text": SEED_TEXT, "section": seed.section.pk})
    draft = StoryImport.objects.get().article
    assert draft.created_by == reporter
    assert draft.state == draft.State.DRAFT


def test_an_editor_from_the_editors_group_confirms_suggestions(client, editor, seed):
    story_import = import_story(text=SEED_TEXT, by=editor, section=seed.section)
    stan = story_import.suggestions.get(character="Stan")
    client.force_login(editor)
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])
    assert client.post(url, review_form(story_import, {stan.pk: "confirmed"})).status_code == 302
    assert list(story_import.article.article_credits.values_list("credit__character", flat=True)) == ["Stan"]


def test_a_reporter_cannot_link_credits_to_someone_elses_published_story(client, reporter, editor, seed):
    story_import = import_story(text=SEED_TEXT, by=editor, section=seed.section)
    story = story_import.article
    story.authors.add(editor)
    client.force_login(reporter)
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])
    everything = {s.pk: "confirmed" for s in story_import.suggestions.all()}
    response = client.post(url, review_form(story_import, everything))
    assert response.status_code in (302, 403, 404)  # the admin treats an import it hides as missing
    assert not story.article_credits.exists()
    with pytest.raises(PermissionDenied):
        story_import_module.decide(story_import, confirm=list(everything), by=reporter)
    assert not story.article_credits.exists()


def test_an_upload_with_nul_characters_is_refused_with_a_message(editor_client, db):
    upload = SimpleUploadedFile("story.txt", b"date 2024-02-07\nHeadline\x00here\n\nA paragraph.", "text/plain")
    response = editor_client.post(ADD_URL, {"raw_text": "", "upload": upload})
    assert response.status_code == 200
    assert "NUL characters" in response.content.decode()
    assert not StoryImport.objects.exists()
