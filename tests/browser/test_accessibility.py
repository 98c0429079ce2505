"""axe-core (installed from npm by `make node-tools`) finds no accessibility violations on the public pages."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.quality.conftest import PAGES

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, heading order, …).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

pytestmark = pytest.mark.browser


def violations(page, url):
    page.goto(url)
    # Evaluated through DevTools: the page's Content-Security-Policy (rightly) refuses an injected <script>.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_public_pages_have_no_axe_violations(live_server, page, seed, width):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make node-tools`.")
    page.set_viewport_size({"width": width, "height": 900})
    found = {name: violations(page, live_server.url + url) for name, url in PAGES.items()}
    assert not any(found.values()), "\n".join(f"{name}: {v}" for name, vs in found.items() for v in vs)


def test_skip_link_moves_focus_to_the_content(live_server, page, seed):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_from_the_masthead(live_server, page, seed):
    page.goto(live_server.url + "/")
    page.fill("#site-search", "sedgwick")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=sedgwick")
    assert page.locator(".story-card__headline").first.inner_text() == seed.headline


def test_story_layout_does_not_overflow_on_a_phone(live_server, page, seed):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + seed.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
