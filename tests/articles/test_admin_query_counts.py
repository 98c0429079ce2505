"""Admin pages cost the same number of queries whatever the number of stories, credits, events or revisions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import comments, workflow
from articles.models import Article

from .conftest import change_url

State = Article.State


def warm(client, url):
    """One visit first, so per-process caches (content types, templates) do not count against the page."""
    assert client.get(url).status_code == 200
    return url


# Pinned: a change here is a change in the page's query shape, to be made on purpose.
CHANGELIST_QUERIES = 10
# Showing the story form opens no transaction and records no revision (those are for saving). The story is read with
# its section; its byline, tags, linked people and linked titles once each (prefetched with the story):
# each widget's label and the form's initial values share that read.
# The claim check and the desk panel are read after the form, from their own addresses, so they add nothing here.
# The desk panel reads review steps, assignment, editors to assign to, comments and the credits to comment on
# (five; four for a reporter, who assigns no one); the editors' desk adds the unread notifications and
# "assigned to me"; History adds the comment thread.
CHANGE_FORM_QUERIES = 14
REPORTER_CHANGE_FORM_QUERIES = 13
DESK_PANEL_QUERIES = 2 + 2 + 1 + 5  # session and user, their permissions, the story, the panel
REPORTER_DESK_PANEL_QUERIES = 2 + 2 + 1 + 4
INDEX_QUERIES = 12
HISTORY_QUERIES = 8


def fill_desk(make_draft, editor, n):
    for i in range(n):
        story = make_draft(state=State.IN_REVIEW)
        workflow.move(story, "request_changes", by=editor, comment=f"Fix {i}")
        make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
        make_draft(state=State.PUBLISHED, publish_at=timezone.now() - timedelta(days=1))
        make_draft(by=editor)
        make_draft(state=State.IN_REVIEW)


@pytest.mark.parametrize("n", [1, 12])
def test_changelist_queries(client, make_draft, editor, n, django_assert_num_queries):
    for _ in range(n):
        make_draft(state=State.PUBLISHED, publish_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    url = warm(client, reverse("admin:articles_article_changelist"))
    with django_assert_num_queries(CHANGELIST_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 15])
def test_change_form_queries(client, make_draft, make_credits, editor, n, django_assert_num_queries):
    story = make_draft(state=State.IN_REVIEW, credits=make_credits(n))
    for _ in range(n):
        workflow.move(story, "request_changes", by=editor, comment="Again")
        workflow.move(story, "submit", by=editor)
    client.force_login(editor)
    url = warm(client, change_url(story))
    with django_assert_num_queries(CHANGE_FORM_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 15])
def test_reporter_change_form_queries(client, make_draft, make_credits, reporter, n, django_assert_num_queries):
    story = make_draft(credits=make_credits(n))
    client.force_login(reporter)
    url = warm(client, change_url(story))
    with django_assert_num_queries(REPORTER_CHANGE_FORM_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 15])
def test_desk_panel_queries(client, make_draft, make_credits, editor, reporter, n, django_assert_num_queries):
    story = make_draft(state=State.IN_REVIEW, credits=make_credits(n))
    for i in range(n):
        comments.add(story, by=editor if i % 2 else reporter, text=f"Note {i}")
    url = reverse("admin:articles_article_collaborate", args=[story.pk]) + "?panel=1"
    for user, queries in ((editor, DESK_PANEL_QUERIES), (reporter, REPORTER_DESK_PANEL_QUERIES)):
        client.force_login(user)
        warm(client, url)
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200 and response.content.decode().count('<li class="comment') == n


@pytest.mark.parametrize("n", [1, 12])
def test_index_with_editors_desk_queries(client, make_draft, editor, n, django_assert_num_queries):
    fill_desk(make_draft, editor, n)
    client.force_login(editor)
    url = warm(client, reverse("admin:index"))
    with django_assert_num_queries(INDEX_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 10])
def test_history_queries(client, make_draft, editor, n, django_assert_num_queries, story_form):
    story = make_draft(state=State.DRAFT)
    client.force_login(editor)
    for i in range(n):
        _, data = story_form(client, story)
        data["headline"] = f"Headline {i}"
        client.post(change_url(story), data)
        workflow.move(story, "submit", by=editor)
        workflow.move(story, "return_to_draft", by=editor)
    url = warm(client, reverse("admin:articles_article_history", args=[story.pk]))
    with django_assert_num_queries(HISTORY_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["versions"]) == n
