"""A long story import is read in the background: the text is kept from the first moment, the page shows the reading
and then the review; a reading that fails shows why and keeps the text."""

import pytest
from django.urls import reverse

from articles.admin.story_import_jobs import BACKGROUND_BYTES
from articles.models import Article, StoryImport
from core.models import Job
from tests.conftest import SEED_TEXT_FILE

ADD_URL = reverse("admin:articles_storyimport_add")
FILLER = "\n\nThe festival programme ran late into the night, and the audience stayed for the questions afterwards."
LONG_TEXT = SEED_TEXT_FILE.read_text(encoding="utf-8") + FILLER * (BACKGROUND_BYTES // len(FILLER) + 1)


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def test_a_long_text_is_read_in_the_background_then_reviewed(editor_client, seed, after_commit):
    assert len(LONG_TEXT.encode()) > BACKGROUND_BYTES
    with after_commit():
        response = editor_client.post(ADD_URL, {"raw_text": LONG_TEXT, "section": seed.section.pk})
        story_import = StoryImport.objects.get()
        assert story_import.article is None and story_import.raw_text == LONG_TEXT.strip()  # kept before any reading
    change_url = reverse("admin:articles_storyimport_change", args=[story_import.pk])
    assert response.url == change_url
    story_import.refresh_from_db()
    assert story_import.job.state == Job.State.DONE
    assert story_import.article.section == seed.section
    page = editor_client.get(change_url).content.decode()
    assert "Kevin Bacon as Stan in Connescence" in page


def test_while_it_is_read_the_page_shows_progress_and_the_text(editor_client, seed):
    response = editor_client.post(ADD_URL, {"raw_text": LONG_TEXT}, follow=True)  # never committed: no worker ran
    page = response.content.decode()
    assert "being read in the background" in page
    assert 'data-finished="false"' in page and "job_progress.js" in page
    assert "The festival programme ran late" in page  # the raw text, shown
    assert "suggestions-TOTAL_FORMS" not in page
    story_import = StoryImport.objects.get()
    status = editor_client.get(reverse("admin:articles_storyimport_reading", args=[story_import.pk])).json()
    assert (status["state"], status["finished"]) == ("queued", False)


def test_a_reading_that_fails_says_why_and_keeps_the_text(editor_client, seed, after_commit, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the suggestion engine ran out of memory")

    monkeypatch.setattr("articles.story_import.suggest", broken)
    with after_commit():
        editor_client.post(ADD_URL, {"raw_text": LONG_TEXT})
    story_import = StoryImport.objects.get()
    job = story_import.job
    assert (job.state, job.attempts) == (Job.State.FAILED, 4)  # tried again three times
    assert story_import.raw_text == LONG_TEXT.strip() and story_import.article is None
    assert not Article.objects.exclude(pk=seed.pk).exists()  # no half-made draft
    page = editor_client.get(reverse("admin:articles_storyimport_change", args=[story_import.pk])).content.decode()
    assert "RuntimeError: the suggestion engine ran out of memory" in page
    assert "The festival programme ran late" in page


def test_a_short_text_is_still_read_at_once(editor_client, seed):
    editor_client.post(ADD_URL, {"raw_text": SEED_TEXT_FILE.read_text(encoding="utf-8")})
    story_import = StoryImport.objects.get()
    assert story_import.job is None and story_import.suggestions.count() == 15
