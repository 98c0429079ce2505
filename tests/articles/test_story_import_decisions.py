"""Deciding suggestions needs the permissions making the same thing by hand needs; the review screen's one-click moves."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import story_decisions
from articles.models import (
    ArticleSource,
    CreditSuggestion,
    RelationshipSuggestion,
    Source,
    SourceSuggestion,
    StoryImport,
)
from articles.story_import import import_story
from films.models import Credit
from people.models import Relationship
from tests.articles.suggestions.world import build as build_lookalikes

ADD_URL = reverse("admin:articles_storyimport_add")

STORY = """ date 2024-05-02 Advertisement

Kyle MacLachlan starred in the film Dune, directed by David Lynch, reports The Wrap.

MacLachlan looks back at Dune

In Dune, MacLachlan plays a young duke named Paul, and Sean Quill plays a smuggler named Tuek. Newcomer Sam Rivera said it was a gift.

Javier Bardem and his wife Penélope Cruz, married since 2010, were at the screening.

(With inputs from PTI)
"""


@pytest.fixture
def lookalikes(db):
    return build_lookalikes()


@pytest.fixture
def writer(make_user):
    """A reporter who may edit their own stories but holds no right to add or change credits, sources or people."""
    user = make_user("wren")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_article", "view_article"]))
    return user


def own_import(user):
    story_import = import_story(text=STORY, by=user)
    story_import.article.authors.add(user)
    return story_import


def test_confirming_a_credit_on_file_needs_only_the_right_to_edit_the_story(lookalikes, writer):
    story_import = own_import(writer)
    lynch = story_import.suggestions.get(person__slug="david-lynch", role="director")
    assert lynch.credit is not None

    story_decisions.decide(story_import, confirm=[lynch.pk], by=writer)

    assert story_import.article.article_credits.get().credit == lynch.credit


def test_confirming_what_would_create_or_change_a_credit_needs_the_credit_permissions(lookalikes, writer):
    story_import = own_import(writer)
    paul = story_import.suggestions.get(person__slug="kyle-maclachlan", role="actor")
    assert paul.film.slug == "dune-1984" and paul.action == "credit on file"  # "Paul" is "Paul Atreides" on file
    credit = Credit.objects.get(person__slug="kyle-maclachlan")
    credit.character = ""
    credit.save()
    CreditSuggestion.objects.filter(pk=paul.pk).update(character="Paul")

    with pytest.raises(PermissionDenied):
        story_decisions.decide(story_import, confirm=[paul.pk], by=writer)
    credit.refresh_from_db()
    assert credit.character == "" and not story_import.article.article_credits.exists()

    writer.user_permissions.add(Permission.objects.get(codename="change_credit"))
    writer = type(writer).objects.get(pk=writer.pk)  # a fresh permission cache
    with pytest.raises(PermissionDenied):  # readers see that credit: a reporter's character goes on a new one
        story_decisions.decide(story_import, confirm=[paul.pk], by=writer)

    writer.user_permissions.add(Permission.objects.get(codename="add_credit"))
    writer = type(writer).objects.get(pk=writer.pk)
    story_decisions.decide(story_import, confirm=[paul.pk], by=writer)
    credit.refresh_from_db()
    added = Credit.objects.get(person__slug="kyle-maclachlan", character="Paul")
    assert credit.character == "" and not added.is_released  # unreleased until an editor or a published story


def test_an_editor_completes_the_character_on_the_credit_itself(lookalikes, superuser):
    story_import = import_story(text=STORY)
    paul = story_import.suggestions.get(person__slug="kyle-maclachlan", role="actor")
    credit = Credit.objects.get(person__slug="kyle-maclachlan")
    Credit.objects.filter(pk=credit.pk).update(character="")
    CreditSuggestion.objects.filter(pk=paul.pk).update(character="Paul")

    story_decisions.decide(story_import, confirm=[paul.pk], by=superuser)

    credit.refresh_from_db()
    assert credit.character == "Paul" and Credit.objects.filter(person__slug="kyle-maclachlan").count() == 1


def test_a_suggestion_that_creates_a_credit_is_refused_without_add_credit(lookalikes, writer):
    story_import = own_import(writer)
    suggestion = story_import.suggestions.get(person__slug="kyle-maclachlan", role="actor")
    CreditSuggestion.objects.filter(pk=suggestion.pk).update(credit=None, character="Young Paul")

    with pytest.raises(PermissionDenied):
        story_decisions.decide(story_import, confirm=[suggestion.pk], by=writer)

    assert not Credit.objects.filter(character="Young Paul").exists()


def test_new_outlets_and_relationships_need_their_own_add_permissions(lookalikes, writer, superuser):
    story_import = own_import(writer)
    wrap = story_import.source_suggestions.get(name="The Wrap")
    marriage = story_import.relationship_suggestions.get()
    assert (wrap.source, wrap.credited_as) == (None, "reports The Wrap")
    assert (marriage.person.slug, marriage.other.slug, marriage.kind, marriage.since_year) == (
        "javier-bardem",
        "penelope-cruz",
        "spouse",
        2010,
    )

    with pytest.raises(PermissionDenied):
        story_decisions.decide_sources(story_import, confirm=[wrap.pk], by=writer)
    with pytest.raises(PermissionDenied):
        story_decisions.decide_relationships(story_import, confirm=[marriage.pk], by=writer)
    assert not Source.objects.filter(name="The Wrap").exists() and not Relationship.objects.exists() - 1

    story_decisions.decide_sources(story_import, confirm=[wrap.pk], by=superuser)
    story_decisions.decide_relationships(story_import, confirm=[marriage.pk], by=superuser)
    link = ArticleSource.objects.get(article=story_import.article, source__name="The Wrap")
    assert link.credited_as == "reports The Wrap"
    assert Relationship.objects.get(person__slug="javier-bardem").since.year == 2010


# The review screen --------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def test_review_screen_shows_evidence_strength_alternatives_and_what_is_not_on_file(lookalikes, editor_client):
    story_import = import_story(text=STORY)

    page = editor_client.get(reverse("admin:articles_storyimport_change", args=[story_import.pk])).content.decode()

    assert "<mark>Kyle MacLachlan</mark> starred in the film <mark>Dune</mark>" in page
    assert 'name="_switch"' in page and "Dune (2021) · film · tt1160419 · Timothée Chalamet" in page
    assert "Sam Rivera" in page and "/admin/people/person/add/?name=Sam+Rivera" in page
    assert "/admin/articles/source/add/?name=The+Wrap" in page and "/admin/articles/source/add/?name=PTI" in page
    assert "Sean Quill" in page  # a name the database lacks
    assert "Javier Bardem and Penélope Cruz: spouse since 2010" in page
    assert "Confirm all strong suggestions" in page


def test_one_click_switches_a_suggestion_to_a_same_name_title(lookalikes, editor_client):
    story_import = import_story(text=STORY)
    lynch = story_import.suggestions.get(person__slug="david-lynch", role="director")
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])
    dune_2021 = next(alt["film"] for alt in lynch.alternatives if "2021" in alt["label"])

    response = editor_client.post(url, {"_switch": f"{lynch.pk}:{dune_2021}"})

    assert response.status_code == 302
    lynch.refresh_from_db()
    assert lynch.film.slug == "dune-2021" and lynch.credit is None and lynch.status == "pending"
    assert any("1984" in alt["label"] for alt in lynch.alternatives)


def test_bulk_confirm_links_every_strong_suggestion_and_no_weak_one(lookalikes, editor_client):
    story_import = import_story(text=STORY)
    CreditSuggestion.objects.filter(pk=story_import.suggestions.last().pk).update(strength="weak")
    strong = set(story_import.suggestions.filter(strength="strong").values_list("pk", flat=True))
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])

    editor_client.post(url, {"_confirm_strong": "1"})

    assert set(story_import.suggestions.filter(status="confirmed").values_list("pk", flat=True)) == strong
    assert story_import.suggestions.filter(strength="weak", status="pending").count() == 1

    editor_client.post(url, {"_reject_pending": "1"})
    assert not story_import.suggestions.filter(status="pending").exists()


def test_a_reporter_without_the_story_cannot_use_the_one_click_moves(lookalikes, client, reporter, editor):
    story_import = import_story(text=STORY, by=editor)
    client.force_login(reporter)
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])

    response = client.post(url, {"_confirm_strong": "1"})

    assert response.status_code in (302, 403, 404)
    assert not story_import.suggestions.filter(status="confirmed").exists()


def test_an_upload_over_200_kb_is_refused_with_a_clear_message(editor_client, db):
    upload = SimpleUploadedFile("story.txt", b"Headline\n\n" + b"A paragraph about films. " * 10000, "text/plain")

    response = editor_client.post(ADD_URL, {"raw_text": "", "upload": upload})

    assert response.status_code == 200
    assert "the limit is 200 KB (a real story is under 100 KB)" in response.content.decode()
    assert not StoryImport.objects.exists()


def test_pasted_text_over_200_kb_is_refused_too(editor_client, db):
    response = editor_client.post(ADD_URL, {"raw_text": "Headline here\n\n" + "Words about films. " * 12000})

    assert "the limit is 200 KB" in response.content.decode() and not StoryImport.objects.exists()


def test_source_and_relationship_suggestions_are_decided_from_the_review_form(lookalikes, editor_client):
    from tests.articles.test_story_import_admin import review_form

    story_import = import_story(text=STORY)
    wrap = story_import.source_suggestions.get(name="The Wrap")
    pti = story_import.source_suggestions.get(name="PTI")
    data = review_form(
        story_import, {("source_suggestions", wrap.pk): "confirmed", ("source_suggestions", pti.pk): "rejected"}
    )
    url = reverse("admin:articles_storyimport_change", args=[story_import.pk])

    assert editor_client.post(url, data).status_code == 302

    assert list(story_import.article.source_links.values_list("source__name", flat=True)) == ["The Wrap"]
    assert SourceSuggestion.objects.get(pk=pti.pk).status == "rejected"
    assert RelationshipSuggestion.objects.get().status == "pending"
