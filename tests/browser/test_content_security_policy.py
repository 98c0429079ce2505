"""In Chromium, with the Content-Security-Policy enforced: every kind of public page and the admin's flows
(login, desk, the story form with its widgets, story imports) run without a single policy violation."""

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.conftest import SEED_STORY_URL, SEED_TEXT_FILE

from .conftest import visit

pytestmark = [pytest.mark.browser]

PUBLIC_PAGES = [
    "/",
    SEED_STORY_URL,
    "/section/movies/",
    "/tag/casting/",
    "/search/?q=bacon",
    "/people/kevin-bacon/",
    "/titles/connescence/",
    "/no-such-page/",
]


def test_public_pages_run_without_violations(live_server, transactional_db, seed, watched):
    for path in PUBLIC_PAGES:
        visit(watched, f"{live_server.url}{path}")


def test_the_policy_is_enforced_and_a_violation_would_be_seen(live_server, transactional_db, seed, watched):
    visit(watched, f"{live_server.url}{SEED_STORY_URL}")
    ran = watched.evaluate(
        """() => { window.injected = false; const script = document.createElement("script");
                   script.textContent = "window.injected = true"; document.body.appendChild(script);
                   return window.injected; }"""
    )
    assert ran is False
    watched.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in violation for violation in watched.violations())


def test_admin_flows_run_without_violations(live_server, transactional_db, seed, superuser, watched):
    ContentType.objects.clear_cache()  # an earlier flush may have renumbered content types
    base = live_server.url
    visit(watched, f"{base}/admin/login/")
    watched.fill("#id_username", "chief")
    watched.fill("#id_password", "chief-password-123")
    watched.click("input[type=submit]")
    watched.wait_for_url(f"{base}/admin/")
    assert watched.violations() == []

    # The story form: autocomplete boxes, inline rows, the date and time pickers, the related-object popups.
    visit(watched, f"{base}/admin/articles/article/{seed.pk}/change/")
    watched.click("[aria-labelledby='select2-id_section-container']")
    watched.fill(".select2-container--open .select2-search__field", "Mov")
    watched.click(".select2-results__option:has-text('Movies')")
    watched.click("#article_credits-group .add-row a")
    watched.locator(".datetimeshortcuts a").first.click()
    with watched.expect_popup() as popup_info:
        watched.click("#add_id_article_credits-0-credit")
    popup = popup_info.value
    popup.wait_for_load_state("load")
    assert watched.violations() == []

    for path in ("/admin/articles/article/add/", "/admin/articles/article/", "/admin/films/credit/"):
        visit(watched, f"{base}{path}")

    # Story imports: paste the seed story, get the review screen with its suggestions.
    visit(watched, f"{base}/admin/articles/storyimport/add/")
    watched.fill("#id_raw_text", SEED_TEXT_FILE.read_text(encoding="utf-8"))
    watched.select_option("#id_section", label="Movies")
    watched.click("input[name=_save]")
    watched.wait_for_selector(".messagelist")
    assert watched.violations() == []
