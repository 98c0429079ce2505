"""Every admin save keeps a revision; history compares any revision with now; an editor can go back to one."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import revisions, workflow
from articles.models import Article

from .conftest import change_url

COMPARE_QUERIES = 15  # pinned: the compare page, whatever the number of credits in either revision


def save_in_admin(client, story, story_form, *, credits, **fields):
    """Save the story form with these fields and exactly these linked credits, as an editor would."""
    response, data = story_form(client, story)
    data.update(fields)
    current = {link.credit_id: i for i, link in enumerate(story.article_credits.all())}
    for credit_id, i in current.items():
        if credit_id not in [c.pk for c in credits]:
            data[f"article_credits-{i}-DELETE"] = "on"
    total = len(current)
    for credit in credits:
        if credit.pk not in current:
            data[f"article_credits-{total}-credit"] = credit.pk
            data[f"article_credits-{total}-position"] = total
            total += 1
    data["article_credits-TOTAL_FORMS"] = total
    response = client.post(change_url(story), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    story.refresh_from_db()


@pytest.fixture
def edited_story(client, make_draft, make_credits, editor, story_form):
    """A published story saved twice: first with credits A and B, then rewritten with B and C."""
    a, b, c = make_credits(3)
    story = make_draft(state=Article.State.PUBLISHED, publish_at=timezone.now())
    client.force_login(editor)
    save_in_admin(client, story, story_form, credits=[a, b], headline="First headline", body="<p>First body.</p>")
    save_in_admin(client, story, story_form, credits=[b, c], headline="Second headline", body="<p>Second body.</p>")
    first = revisions.versions_of(story).last()
    return story, first, (a, b, c)


def credit_ids(story):
    return list(story.article_credits.order_by("position", "id").values_list("credit_id", flat=True))


def test_every_admin_save_keeps_a_revision(edited_story, client):
    story, _, _ = edited_story
    page = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert len(revisions.versions_of(story)) == 2
    assert page.count("Compare with now") == 1  # the older one; the newest is the current story


def test_compare_shows_headline_body_and_linked_credits(edited_story, client):
    story, first, (a, b, c) = edited_story
    response = client.get(reverse("admin:articles_article_compare", args=[story.pk, first.pk]))
    page = response.content.decode()
    assert "<del>First</del> <ins>Second</ins> headline" in page
    assert "<del>First</del> <ins>Second</ins> body." in page
    assert f"<del>{a}</del>" in page and f"<ins>{c}</ins>" in page
    assert str(b) not in page  # unchanged credits are not listed


def test_revert_restores_headline_body_and_linked_credits(edited_story, client):
    story, first, (a, b, _) = edited_story
    response = client.post(reverse("admin:articles_article_revert", args=[story.pk, first.pk]), follow=True)
    assert "back as they were in that revision" in response.content.decode()
    story.refresh_from_db()
    assert (story.headline, story.body) == ("First headline", "<p>First body.</p>")
    assert credit_ids(story) == [a.pk, b.pk]
    assert story.state == Article.State.PUBLISHED  # reverting text does not unpublish
    assert story.is_public()
    assert story.workflow_events.filter(action="revert").exists()
    assert len(revisions.versions_of(story)) == 3  # the revert is itself a revision
    # The public page shows the restored credits.
    client.logout()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "First headline" in page and a.person.name in page


def test_revert_to_a_revision_whose_credit_was_deleted_changes_nothing(edited_story, client):
    story, first, (a, _, _) = edited_story
    a.delete()  # unlinked since the first revision, so nothing protects it
    response = client.post(reverse("admin:articles_article_revert", args=[story.pk, first.pk]), follow=True)
    assert "no longer exists; nothing changed" in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Second headline"


def test_reporters_cannot_revert(edited_story, client, reporter):
    story, first, _ = edited_story
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_revert", args=[story.pk, first.pk]))
    story.refresh_from_db()
    assert story.headline == "Second headline"


def test_reporter_sees_their_storys_history(client, make_draft, reporter):
    story = make_draft()
    client.force_login(reporter)
    workflow.move(story, "submit", by=reporter, comment="Over to you.")
    page = client.get(reverse("admin:articles_article_history", args=[story.pk])).content.decode()
    assert "Over to you." in page
    assert "Revert" not in page


@pytest.mark.parametrize("n", [2, 12])
def test_compare_page_queries_are_constant(
    client, make_draft, make_credits, editor, story_form, n, django_assert_num_queries
):
    story = make_draft()
    client.force_login(editor)
    credits = make_credits(n)
    save_in_admin(client, story, story_form, credits=credits[: n // 2], headline="One")
    save_in_admin(client, story, story_form, credits=credits[n // 2 :], headline="Two")
    url = reverse("admin:articles_article_compare", args=[story.pk, revisions.versions_of(story).last().pk])
    client.get(url)
    with django_assert_num_queries(COMPARE_QUERIES):
        assert client.get(url).status_code == 200
