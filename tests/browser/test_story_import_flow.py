"""In Chromium: an editor pastes the seed story, reviews the suggested credits, confirms some, gets a draft."""

import pytest
from django.contrib.contenttypes.models import ContentType

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
