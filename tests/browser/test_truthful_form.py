"""The story screens tell the truth in a real browser: the story list fits a 1280 px screen, a scheduled story says
when it goes live and where, no "hours ahead of server time" note, and a favicon on every page."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
State = Article.State


def snap(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


@pytest.fixture
def newsroom(reporter, editor, make_draft, section):
    tv = Section.objects.create(name="Television and streaming", slug="television-and-streaming")
    long = "Kevin Bacon and Kyra Sedgwick join hands after 20 years for a thriller about a family and a secret"
    stories = []
    for i, state in enumerate([State.DRAFT, State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED] * 2):
        stories.append(make_draft(by=reporter, state=state, headline=f"{long} ({i})", section=tv if i % 2 else section))
    live = make_draft(by=reporter, state=State.APPROVED, headline=f"{long}, live")
    workflow.move(live, "publish", by=editor)
    scheduled = make_draft(by=reporter, state=State.IN_REVIEW, headline="Connescence sets its premiere")
    workflow.move(scheduled, "approve_schedule", by=editor, at=timezone.now() + timedelta(days=2))
    return {"scheduled": scheduled, "stories": stories}


def test_story_list_fits_1280_pixels(live_server, browser, newsroom):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        log_in(page, live_server.url, "eden")
        page.goto(f"{live_server.url}/admin/articles/article/")
        snap(page, "changelist-1280")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the story list is {overflow} px wider than the screen"
        # The admin scrolls a too-wide list inside its box, hiding the last columns: the list must fit that box.
        hidden = page.evaluate("(box => box.scrollWidth - box.clientWidth)(document.querySelector('.results'))")
        assert hidden <= 0, f"the story list's last {hidden} px are scrolled out of sight"
        assert page.locator("#result_list .column-last_saved").is_visible()
    finally:
        page.close()


def test_scheduled_story_form_and_desk(live_server, browser, newsroom):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, timezone_id="Asia/Tokyo")
    base = live_server.url
    try:
        log_in(page, base, "eden")
        snap(page, "desk")
        assert "Connescence sets its premiere" in page.inner_text(".desk-scheduled")
        story = newsroom["scheduled"]
        page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
        publication = page.inner_text(".field-publication")
        assert "Goes live at" in publication and "First published" not in publication
        address = page.inner_text(".field-public_address")
        assert story.get_absolute_url() in address and "from the moment it goes live" in address
        # The browser is in Tokyo; the form speaks newsroom time and does not argue with itself.
        # Django still adds its "hours ahead of server time" note (the browser is in Tokyo); nobody sees it.
        assert page.locator(".timezonewarning").count() > 0
        assert not page.locator(".timezonewarning").first.is_visible()
        assert page.locator("button[value=unpublish]").is_visible()
        snap(page, "scheduled-story-form")
        icon = page.get_attribute("link[rel=icon]", "href")
        assert page.request.get(f"{base}{icon}").status == 200
        assert page.request.get(f"{base}/favicon.ico").status == 200  # after the permanent redirect
    finally:
        page.close()
