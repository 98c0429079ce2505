"""Working together on a story: the comment thread, assignment, and who else has the form open."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles import assignment, comments, desk, workflow
from articles.models import Article, WorkflowEvent

from .conftest import change_url

State = Article.State


def collaborate(client, story, action, **fields):
    return client.post(
        reverse("admin:articles_article_collaborate", args=[story.pk]), {"_collaborate": action, **fields}
    )


def poll(client, story, opened=""):
    return client.post(reverse("admin:articles_article_presence", args=[story.pk]), {"opened": opened}).json()


# The comment thread


def test_every_comment_stays_with_its_author_time_and_what_it_is_about(
    client, make_draft, make_credits, reporter, editor
):
    story = make_draft(state=State.IN_REVIEW, credits=make_credits(1))
    link = story.article_credits.get()
    client.force_login(editor)
    collaborate(client, story, "comment", collab_text="Shorter, please.", collab_about="field:headline")
    collaborate(client, story, "comment", collab_text="Is this the right character?", collab_about=f"credit:{link.pk}")
    client.force_login(reporter)  # the reporter cannot edit a story in review, but joins its thread
    collaborate(client, story, "comment", collab_text="Checked with the studio.")
    thread = [(c.author, c.about, c.text) for c in story.comments.all()]
    assert thread == [
        (editor, "headline", "Shorter, please."),
        (editor, f"credit {link.credit}", "Is this the right character?"),
        (reporter, "", "Checked with the studio."),
    ]
    # The form holds the desk's place; its script reads the panel once the form is on screen.
    desk_url = reverse("admin:articles_article_collaborate", args=[story.pk])
    assert f'id="collaboration" data-url="{desk_url}?panel=1"' in client.get(change_url(story)).content.decode()
    panel = client.get(desk_url, {"panel": "1"}).content.decode()
    assert "Shorter, please." in panel and "on the headline" in panel and "Checked with the studio." in panel
    assert f"credit {link.credit}" in panel, "a comment can be about one of the linked credits"


def test_without_scripts_the_desk_is_a_page_whose_buttons_work(client, make_draft, editor):
    story = make_draft()
    client.force_login(editor)
    desk_url = reverse("admin:articles_article_collaborate", args=[story.pk])
    assert f'<a href="{desk_url}">Open the desk' in client.get(change_url(story)).content.decode()
    page = client.get(desk_url).content.decode()
    assert f'<form method="post" action="{desk_url}">' in page and "No comments yet." in page
    assert f"<title>Desk: {story.headline} |" in page and client.head(desk_url).status_code == 200
    response = collaborate(client, story, "comment", collab_text="From the desk page.")
    assert response.status_code == 302 and response.url == desk_url
    page = client.get(desk_url).content.decode()
    assert "From the desk page." in page and "Comment added." in page


def test_resolving_a_comment_is_recorded_and_shown_in_history(client, make_draft, reporter, editor):
    story = make_draft()
    comment = comments.add(story, by=editor, text="Add the release date.", field="dek")
    client.force_login(reporter)
    collaborate(client, story, f"resolve:{comment.pk}")
    comment.refresh_from_db()
    assert (comment.resolved_by, comment.resolved_at is not None) == (reporter, True)
    history = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert "Add the release date." in history and "Riley Reporter, " in history


def test_a_comment_posted_in_the_background_answers_with_the_panel(client, make_draft, editor):
    story = make_draft()
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_collaborate", args=[story.pk]),
        {"_collaborate": "comment", "collab_text": "Good lede."},
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 200 and 'id="collaboration"' in response.content.decode()
    assert "Good lede." in response.content.decode()


def test_an_empty_comment_is_refused(make_draft, editor):
    with pytest.raises(ValidationError):
        comments.add(make_draft(), by=editor, text="  ")


def test_only_people_who_may_see_the_story_comment(make_draft, other_reporter):
    with pytest.raises(PermissionDenied):
        comments.add(make_draft(), by=other_reporter, text="Hello")


def test_commenting_does_not_save_the_story(client, make_draft, editor):
    story = make_draft()
    client.force_login(editor)
    before = story.updated_at
    collaborate(client, story, "comment", collab_text="No rush.")
    story.refresh_from_db()
    assert story.updated_at == before  # nobody's open form goes stale over a comment


# Assignment


def test_an_editor_assigns_a_story_and_it_comes_first_on_the_assignees_desk(client, make_draft, make_user, editor):
    colleague = make_user("dana", "Editors", last_name="Desk")
    story = make_draft(state=State.IN_REVIEW)
    client.force_login(editor)
    collaborate(client, story, "assign", collab_assignee=colleague.pk)
    assert desk.desk(colleague)["assigned_to_me"] == [story]
    assert story.workflow_events.get(action=WorkflowEvent.Action.ASSIGN).comment == "Assigned to Dana Desk"
    client.force_login(colleague)
    page = client.get(reverse("admin:index")).content.decode()
    assert page.index("Assigned to me") < page.index("Awaiting review")


def test_an_editor_takes_a_story(client, make_draft, editor):
    story = make_draft()
    client.force_login(editor)
    collaborate(client, story, "take")
    assert story.assignment.assignee == editor


def test_a_reporter_cannot_assign(make_draft, reporter, editor):
    with pytest.raises(PermissionDenied):
        assignment.assign(make_draft(), to=editor, by=reporter)


def test_stories_are_assigned_only_to_editors(make_draft, reporter, editor):
    with pytest.raises(ValidationError):
        assignment.assign(make_draft(), to=reporter, by=editor)


# Presence


def test_the_form_shows_who_else_has_it_open_and_since_when(client, make_draft, make_user, editor):
    colleague = make_user("dana", "Editors", last_name="Desk")
    story = make_draft()
    client.force_login(colleague)
    assert poll(client, story)["also_editing"] == ""
    client.force_login(editor)
    assert poll(client, story)["also_editing"].startswith("Also editing: Dana Desk, since ")


def test_someone_who_closed_the_form_is_no_longer_shown(client, make_draft, make_user, editor):
    colleague = make_user("dana", "Editors")
    story = make_draft()
    client.force_login(colleague)
    poll(client, story)
    client.post(reverse("admin:articles_article_presence", args=[story.pk]), {"gone": "1"})
    client.force_login(editor)
    assert poll(client, story)["also_editing"] == ""


def test_the_form_warns_as_soon_as_someone_else_saves(client, make_draft, reporter, editor):
    story = make_draft()
    opened = story.updated_at.isoformat()
    client.force_login(editor)
    assert poll(client, story, opened)["saved"] == ""
    workflow.move(story, "submit", by=reporter)
    assert poll(client, story, opened)["saved"].startswith("Riley Reporter saved this story at ")


def test_presence_poll_queries(client, make_draft, make_user, editor, django_assert_max_num_queries):
    story = make_draft()
    for i in range(5):
        colleague = make_user(f"colleague{i}", "Editors")
        client.force_login(colleague)
        poll(client, story)
    client.force_login(editor)
    poll(client, story)
    with django_assert_max_num_queries(9):
        assert poll(client, story, story.updated_at.isoformat())["also_editing"].count("since") == 5


def test_a_poll_does_not_touch_the_page_cache(client, make_draft, editor, settings):
    from newsroom.public import page_cache

    story = make_draft()
    client.force_login(editor)
    generation = page_cache.current_generation()
    poll(client, story)
    poll(client, story)
    assert page_cache.current_generation() == generation


def test_only_staff_who_may_see_the_story_poll(client, make_draft, other_reporter):
    story = make_draft()
    client.force_login(other_reporter)
    assert client.post(reverse("admin:articles_article_presence", args=[story.pk])).status_code == 404
