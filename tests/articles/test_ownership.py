"""Whose story it is: one rule ("mine" = created it, or in its byline; editors see every story) on every surface.

The desk, the story list, the right to edit and the Story imports list must agree for every kind of user.
"""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, StoryImport

from .conftest import change_url

# Who looks, and whether the story is theirs to see and edit on every surface.
CASES = [("creator", True), ("co_author", True), ("other_reporter", False), ("editor", True)]


@pytest.fixture
def people(reporter, other_reporter, editor, make_user):
    return {
        "creator": reporter,
        "co_author": make_user("cora", "Reporters", last_name="Coauthor"),
        "other_reporter": other_reporter,
        "editor": editor,
    }


@pytest.fixture
def story(make_draft, people):
    """A story sent back to its reporters (they may edit it again), with a co-author in its byline."""
    story = make_draft(by=people["creator"], state=Article.State.CHANGES_REQUESTED, headline="Whose story is this")
    story.authors.add(people["co_author"])
    StoryImport.objects.create(raw_text="Whose story is this", article=story, created_by=people["creator"])
    return story


def surfaces(client, user, story):
    """What each surface says about this story for this user: shown on it, or editable by them."""
    client.force_login(user)
    change_page = client.get(change_url(story))
    return {
        "desk": story.headline in client.get(reverse("admin:index")).content.decode(),
        "story list": story.headline in client.get(reverse("admin:articles_article_changelist")).content.decode(),
        "edit form": change_page.status_code == 200 and 'name="_save"' in change_page.content.decode(),
        "may_edit": workflow.may_edit(story, user),
        "story imports": story.headline
        in client.get(reverse("admin:articles_storyimport_changelist")).content.decode(),
    }


@pytest.mark.parametrize(("who", "theirs"), CASES)
def test_desk_story_list_edit_permission_and_story_imports_agree(client, people, story, who, theirs):
    user = people[who]
    assert surfaces(client, user, story) == dict.fromkeys(
        ["desk", "story list", "edit form", "may_edit", "story imports"], theirs
    )


@pytest.mark.parametrize(("who", "theirs"), CASES)
def test_the_rule_is_owned_by(people, story, who, theirs):
    user = people[who]
    is_editor = user.has_perm("articles.can_edit_any")
    assert story.is_owned_by(user) == Article.objects.owned_by(user).filter(pk=story.pk).exists()
    assert story.is_owned_by(user) == (theirs and not is_editor)
