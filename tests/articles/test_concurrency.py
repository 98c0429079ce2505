"""Two editors on one story: the second save over a newer edit is refused, loudly, and loses nothing."""

import html
import re

import pytest
from django.test import Client

from articles import workflow
from articles.models import Article

from .conftest import change_url


@pytest.fixture
def chief_client(superuser):
    other = Client()
    other.force_login(superuser)
    return other


def shown(page, name):
    """The value the form's input shows, as a browser reads it (whatever the entity spelling)."""
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page).group(0)
    return html.unescape(re.search(r'\bvalue="([^"]*)"', tag).group(1))


def test_second_save_over_a_newer_edit_is_refused(client, chief_client, make_draft, editor, story_form):
    story = make_draft(state=Article.State.IN_REVIEW, body="<p>Original.</p>")
    client.force_login(editor)
    _, eden = story_form(client, story)
    _, chief = story_form(chief_client, story)

    eden.update(headline="Eden's headline", body="<p>Eden's body.</p>")
    assert client.post(change_url(story), eden).status_code == 302

    chief.update(headline="Chief's headline", dek="Chief's dek")
    response = chief_client.post(change_url(story), chief)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Eden Editor changed this story at" in page
    assert "Your changes have NOT been saved" in page
    assert shown(page, "headline") == "Chief's headline"  # what the chief typed is still in the form
    assert shown(page, "dek") == "Chief's dek"
    story.refresh_from_db()
    assert (story.headline, story.body, story.dek) == ("Eden's headline", "<p>Eden's body.</p>", "A dek.")


def test_saving_again_after_the_refusal_is_still_refused(client, chief_client, make_draft, editor, story_form):
    story = make_draft(state=Article.State.IN_REVIEW)
    client.force_login(editor)
    _, eden = story_form(client, story)
    _, chief = story_form(chief_client, story)
    client.post(change_url(story), {**eden, "headline": "Eden's headline"})
    chief_client.post(change_url(story), {**chief, "headline": "Chief's headline"})
    chief_client.post(change_url(story), {**chief, "headline": "Chief's headline"})
    story.refresh_from_db()
    assert story.headline == "Eden's headline"


def test_a_workflow_move_since_opening_also_makes_the_form_stale(client, make_draft, editor, superuser, story_form):
    story = make_draft(state=Article.State.IN_REVIEW)
    client.force_login(editor)
    _, data = story_form(client, story)
    workflow.move(story, "approve", by=superuser)
    response = client.post(change_url(story), {**data, "headline": "Late edit"})
    assert "chief changed this story at" in response.content.decode()
    story.refresh_from_db()
    assert story.headline != "Late edit"


def test_a_fresh_form_saves_normally(client, make_draft, editor, story_form):
    story = make_draft()
    client.force_login(editor)
    _, data = story_form(client, story)
    client.post(change_url(story), {**data, "headline": "First"})
    _, data = story_form(client, story)
    assert client.post(change_url(story), {**data, "headline": "Second"}).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Second"


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_wins_one_is_refused(make_draft, editor, superuser, story_form, monkeypatch):
    """Real concurrency: the first save holds the story's row; the second waits for it, then sees it is stale."""
    import threading
    import time

    from django.db import connection

    from articles.forms import ArticleForm

    story = make_draft(state=Article.State.IN_REVIEW)
    eden, chief = Client(), Client()
    eden.force_login(editor)
    chief.force_login(superuser)
    _, eden_data = story_form(eden, story)
    _, chief_data = story_form(chief, story)

    first_holds_lock = threading.Event()
    original = ArticleForm.refuse_stale_save

    def slow_first(form, token):
        original(form, token)
        if not first_holds_lock.is_set():
            first_holds_lock.set()
            time.sleep(0.5)  # the second save arrives while this one holds the row

    monkeypatch.setattr(ArticleForm, "refuse_stale_save", slow_first)
    results = {}

    def save(name, client, data):
        try:
            results[name] = client.post(change_url(story), data)
        finally:
            connection.close()

    first = threading.Thread(target=save, args=("eden", eden, {**eden_data, "headline": "Eden's"}))
    first.start()
    first_holds_lock.wait(5)
    second = threading.Thread(target=save, args=("chief", chief, {**chief_data, "headline": "Chief's"}))
    second.start()
    first.join(10)
    second.join(10)

    assert results["eden"].status_code == 302
    assert results["chief"].status_code == 200
    assert "Eden Editor changed this story at" in results["chief"].content.decode()
    story.refresh_from_db()
    assert story.headline == "Eden's"
