"""A story's whole road in a real browser: a reporter writes it with linked credits, an editor sends it back,
the reporter revises, the editor schedules it, and readers see it, credits linked, only from its publication time."""

import os
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from films.models import Credit, Film
from people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Omar Haddad boards The Night Ferry"
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


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


def choose(page, select_id, search, option_text):
    """Pick an option in one of the admin's autocomplete (Select2) boxes, as a person does: click, type, choose."""
    page.click(f"[aria-labelledby='select2-{select_id}-container']")
    page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{option_text}')")


def write_body(page, text):
    """Replace the story's text in the rich-text editor, as a person does: select all, type."""
    page.click(".prose-editor .ProseMirror[contenteditable]")
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def open_story(page, base):
    page.goto(f"{base}/admin/")
    page.click(f".desk a:has-text('{HEADLINE}')")
    page.wait_for_selector(".workflow-status")


def status(page):
    return page.inner_text(".workflow-badge")


@pytest.fixture
def newsroom(make_user, section):
    director = Person.objects.create(name="Greta Lindqvist", slug="greta-lindqvist")
    actor = Person.objects.create(name="Omar Haddad", slug="omar-haddad")
    film = Film.objects.create(title="The Night Ferry", slug="the-night-ferry-2026", year=2026)
    Credit.objects.create(person=director, film=film, role=Credit.Role.DIRECTOR)
    make_user("riley", "Reporters", last_name="Reporter")
    make_user("eden", "Editors", last_name="Editor")
    return {"director": director, "actor": actor, "film": film}


def test_reporter_to_reader(live_server, page, browser, newsroom):
    base = live_server.url

    # The reporter writes a new story and links two credits, creating the missing one on the way.
    log_in(page, base, "riley")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_headline", HEADLINE)
    page.fill("#id_dek", "The actor plays the captain in Greta Lindqvist's thriller.")
    write_body(page, "Omar Haddad has joined The Night Ferry, directed by Greta Lindqvist.")
    choose(page, "id_section", "Mov", "Movies")
    choose(page, "id_article_credits-0-credit", "lindqvist ferry", "Greta Lindqvist")
    page.click("#article_credits-group .add-row a")  # a second linked-credit row
    with page.expect_popup() as popup_info:
        page.click("#add_id_article_credits-1-credit")
    popup = popup_info.value
    popup.wait_for_load_state()
    choose(popup, "id_film", "night ferry", "The Night Ferry")
    choose(popup, "id_person", "haddad", "Omar Haddad")
    popup.select_option("#id_role", "actor")
    popup.fill("#id_character", "Captain Aziz")
    popup.click("input[name=_save]")
    popup.wait_for_event("close")
    assert "Omar Haddad as Captain Aziz" in page.inner_text("#select2-id_article_credits-1-credit-container")
    snap(page, "1-reporter-new-story")
    page.click("button[name=_workflow][value=submit]")
    page.wait_for_selector(".workflow-status")
    assert status(page) == "in review"
    story = Article.objects.get(headline=HEADLINE)
    assert [str(link.credit) for link in story.article_credits.select_related("credit__person", "credit__film")] == [
        "Greta Lindqvist, director of The Night Ferry (2026)",
        "Omar Haddad as Captain Aziz in The Night Ferry (2026)",
    ]

    # The editor asks for changes, with a comment.
    log_in(page, base, "eden")
    snap(page, "2-editors-desk")
    open_story(page, base)
    page.click("button[name=_workflow][value=request_changes]")  # without a comment: refused, said why
    assert "a comment is required" in page.inner_text(".workflow-panel")
    page.fill("#id_workflow_comment", "Say when filming starts.")
    page.click("button[name=_workflow][value=request_changes]")
    page.wait_for_selector(".workflow-status")
    assert status(page) == "changes requested"

    # The reporter sees why on their desk, revises and resubmits.
    log_in(page, base, "riley")
    assert "Say when filming starts." in page.inner_text(".desk-changes")
    open_story(page, base)
    write_body(page, "Omar Haddad has joined The Night Ferry. Filming starts in March.")
    page.fill("#id_workflow_comment", "Added the start of filming.")
    page.click("button[name=_workflow][value=submit]")
    page.wait_for_selector(".workflow-status")
    assert status(page) == "in review"

    # The editor schedules it for the next minute (times are chosen to the minute), in newsroom time.
    log_in(page, base, "eden")
    open_story(page, base)
    at = timezone.localtime(timezone.now() + timedelta(seconds=70)).replace(second=0, microsecond=0)
    page.fill("#id_workflow_publish_at_0", at.strftime("%Y-%m-%d"))
    page.fill("#id_workflow_publish_at_1", at.strftime("%H:%M"))
    snap(page, "3-editor-schedules")
    page.click("button[name=_workflow][value=schedule]")
    page.wait_for_selector(".workflow-status")
    assert status(page).startswith("scheduled for")
    story.refresh_from_db()
    assert story.publish_at == at

    # A reader without an account: nothing before the publication time, the story with its credits linked after.
    reader = browser.new_page()
    try:
        response = reader.goto(f"{base}{story.get_absolute_url()}")
        assert response.status == 404
        assert HEADLINE not in reader.content()
        # The clock moves past the publication time for this process, live server included: no minute of waiting.
        # The browser's clock does not move, so the reader reloads (a 404 is fresh until the publication time).
        with time_machine.travel(story.publish_at + timedelta(seconds=1), tick=True):
            response = reader.reload()
        assert response.status == 200
        assert reader.inner_text("h1") == HEADLINE
        assert "Filming starts in March." in reader.inner_text(".story__body")
        links = {a.inner_text(): a.get_attribute("href") for a in reader.query_selector_all("a")}
        assert links["Omar Haddad"] == "/people/omar-haddad/"
        assert links["Greta Lindqvist"] == "/people/greta-lindqvist/"
        assert links["The Night Ferry"] == "/titles/the-night-ferry-2026/"
        assert re.search(r"Captain Aziz", reader.content())
        snap(reader, "4-reader-sees-story")
    finally:
        reader.close()
