"""In Chromium: an editor pastes the seed story, reviews the suggested credits, confirms some, gets a draft."""

import os
from pathlib import Path

import pytest

from articles.import_models import StoryImport

# Playwright's sync API runs an event loop in this thread; the ORM calls from the test stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

SEED_TEXT = Path("/work/shared/seed/connescence-story.txt").read_text(encoding="utf-8")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_editor_imports_the_seed_story_and_links_the_credits_she_confirms(
    live_server, transactional_db, seed, superuser, chromium_page
):
    page = chromium_page
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
    assert page.locator("#id_state").input_value() == "draft"
    draft = StoryImport.objects.get().article
    assert list(draft.article_credits.values_list("credit__character", flat=True)) == ["Stan", "Cynthia"]
