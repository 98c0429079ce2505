"""In Chromium: an editor pastes the seed story, reviews the suggested credits, confirms some, gets a draft."""

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from articles.models import StoryImport
from tests.conftest import SEED_TEXT_FILE

pytestmark = pytest.mark.browser

SEED_TEXT = SEED_TEXT_FILE.read_text(encoding="utf-8")


def test_editor_imports_the_seed_story_and_links_the_credits_she_confirms(
    live_server, transactional_db, seed, superuser, page
):
    # An earlier transactional test's flush may have renumbered content types behind the admin log's cache.
    ContentType.objects.clear_cache()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "chief-password-123")
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/articles/storyimport/add/")
    page.fill("#id_raw_text", SEED_TEXT)
    page.select_option("#id_section", label="Movies")
    page.click("input[name=_save]")

    assert page.locator(".messagelist").inner_text().startswith("Draft made with 15 credit suggestion(s)")
    assert page.locator("td.field-suggested_credit").first.inner_text() == "Kevin Bacon as Stan in Connescence"
    page.check("input[name='suggestions-0-status'][value=confirmed]")
    page.check("input[name='suggestions-1-status'][value=confirmed]")
    page.check("input[name='suggestions-2-status'][value=rejected]")
    page.click("input[name=_continue]")

    assert "Linked 2 credit(s) to the story; rejected 1 suggestion(s)." in page.locator(".messagelist").inner_text()
    assert page.locator("input[name='suggestions-0-status'][value=confirmed]").is_disabled()
    page.click("div.field-draft a")
    assert "/admin/articles/article/" in page.url
    draft = StoryImport.objects.get().article
    assert draft.state == "draft"
    assert list(draft.article_credits.values_list("credit__character", flat=True)) == ["Stan", "Cynthia"]


DUNE_STORY = """ date 2024-03-04 Advertisement

Kyle MacLachlan starred in the film Dune, directed by David Lynch, reports The Wrap.

MacLachlan looks back at Dune

Newcomer Sam Rivera said the book was a gift.
"""


def test_editor_switches_a_same_name_title_in_one_click_and_confirms_the_strong_suggestions(
    live_server, transactional_db, superuser, page
):
    from tests.articles.suggestions.world import build

    ContentType.objects.clear_cache()
    build()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "chief-password-123")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/storyimport/add/")
    page.fill("#id_raw_text", DUNE_STORY)
    page.click("input[name=_save]")

    expect(page.locator("td.field-evidence_marked mark", has_text="Kyle MacLachlan").first).to_be_visible()
    assert page.locator("ul.not-in-database", has_text="Sam Rivera").is_visible()
    assert (
        page.locator("ul.not-in-database a", has_text="create source")
        .get_attribute("href")
        .endswith("/admin/articles/source/add/?name=The+Wrap")
    )
    page.locator("button.switch-title", has_text="Dune (2021)").first.click()

    expect(page.locator(".messagelist")).to_contain_text("Switched to Dune (2021).")
    page.click("input[name=_confirm_strong]")
    expect(page.locator(".messagelist")).to_contain_text("strong suggestion(s) to the story")
    draft = StoryImport.objects.get().article
    linked = {(link.credit.person.slug, link.credit.film.slug) for link in draft.article_credits.all()}
    assert ("kyle-maclachlan", "dune-2021") in linked  # the switched row (its first), a new credit by an editor
    assert ("david-lynch", "dune-1984") in linked
