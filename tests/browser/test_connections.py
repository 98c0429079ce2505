"""In Chromium: a reader finds how Kevin James connects to Kyra Sedgwick with the connections search."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]


def test_connections_search_with_person_autocomplete(live_server, transactional_db, page):
    call_command("loaddata", "connescence", verbosity=0)
    page.goto(f"{live_server.url}/people/kevin-james/")
    assert "Bacon number 2" in page.inner_text(".person-connections")
    page.get_by_role("link", name="How is Kevin James connected to someone else?").click()

    to = page.get_by_label("To", exact=True)
    to.fill("")
    to.press_sequentially("Kyra", delay=30)
    # The autocomplete fills the form's list of people as the reader types.
    page.locator('#connections-people option[value="kyra-sedgwick"]').wait_for(state="attached")
    assert page.locator("#connections-people option").first.get_attribute("label") == "Kyra Sedgwick"
    to.fill("kyra-sedgwick")
    page.get_by_role("button", name="Connect").click()

    # The answer is a new page: wait for it rather than read the one the click left.
    expect(page.get_by_role("heading", name="Kevin James to Kyra Sedgwick: 2 steps")).to_be_visible()
    diagram = page.locator("svg.chain__diagram")
    assert diagram.get_by_role("link", name="Person: Michael J. Weithorn").count() == 1
    assert "The King of Queens (1998)" in diagram.text_content()
    diagram.get_by_role("link", name="Person: Kyra Sedgwick").click()
    page.wait_for_url("**/people/kyra-sedgwick/")
