"""The Content API's documentation page, in Chromium under the site's Content-Security-Policy: Swagger UI loads
from the site's own static files, renders every operation, and triggers no policy violation."""

import pytest

pytestmark = [pytest.mark.browser]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def test_api_docs_render_under_the_policy(live_server, transactional_db, page):
    console, requests = [], []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: console.append(message.text))
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path >> text=/api/v1/stories/{slug}/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".opblock").count() >= 13
    assert page.locator(".info .title").first.inner_text().startswith("Newsroom Content API")
    assert page.evaluate("window.__cspViolations") == []
    assert [text for text in console if "Content Security Policy" in text] == []
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests)  # no CDN
