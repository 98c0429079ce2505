"""A desk of two editors, a reporter and a lawyer working on one story in Chromium: who else has it open, a warning
the moment someone else saves, an assignment, a comment thread with a resolved comment, and a Legal review step
before the desk's approval; the notifications are read back from a real SMTP server."""

import pytest
from django.contrib.auth.models import Group, Permission

from articles.models import Article, ReviewStep

from .test_editorial_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Omar Haddad boards The Night Ferry"


@pytest.fixture
def desk(make_user, section, settings, smtp_server):
    settings.PRESENCE_POLL_SECONDS = 1  # the form polls every 30 s in use; a second here keeps the test short
    reporter = make_user("riley", "Reporters", last_name="Reporter")
    make_user("eden", "Editors", last_name="Editor")
    make_user("dana", "Editors", last_name="Desk")
    legal = Group.objects.create(name="Legal")
    legal.permissions.add(Permission.objects.get(codename="view_article"))
    make_user("lee", last_name="Legal").groups.add(legal)
    ReviewStep.objects.create(section=section, name="Legal review", group=legal)
    story = Article.objects.create(
        headline=HEADLINE,
        slug="omar-haddad-boards-the-night-ferry",
        dek="The actor plays the captain.",
        body="<p>Omar Haddad has joined The Night Ferry.</p>",
        section=section,
        created_by=reporter,
        updated_by=reporter,
    )
    story.authors.add(reporter)
    return story


def person(browser, base, username):
    """One member of the desk in their own browser session."""
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.context.set_default_timeout(15_000)
    log_in(page, base, username)
    return page


def open_story(page, base, story):
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    page.wait_for_selector(".workflow-status")


def test_a_desk_working_together(live_server, browser, desk, smtp_server):
    base, story = live_server.url, desk

    # The reporter submits; the section's Legal review comes before the desk's approval.
    riley = person(browser, base, "riley")
    open_story(riley, base, story)
    riley.click("button[name=_workflow][value=submit]")
    riley.wait_for_selector(".workflow-status")
    assert riley.inner_text(".workflow-badge") == "in review"
    assert "Legal review (Legal): not signed off yet" in riley.inner_text(".collaboration__steps")
    riley.goto(f"{base}/admin/")  # leaving the form: nobody sees the reporter there any more

    # Two editors open it: each sees the other, without reloading.
    eden, dana = person(browser, base, "eden"), person(browser, base, "dana")
    open_story(eden, base, story)
    open_story(dana, base, story)
    eden.wait_for_selector(".presence__others:has-text('Also editing: Dana Desk, since ')")
    dana.wait_for_selector(".presence__others:has-text('Also editing: Eden Editor, since ')")
    assert "Approve" not in eden.inner_text(".workflow-buttons")  # Legal has not signed it off

    # Eden assigns it to Dana and comments on the headline: the panel answers in place, the form is untouched.
    eden.fill("#id_headline", HEADLINE + " (draft edit)")
    eden.select_option("#id_collab_assignee", label="Dana Desk")
    eden.click("#collaboration button[value=assign]")
    eden.wait_for_selector(".collaboration__assignee:has-text('Dana Desk')")
    eden.fill("#id_collab_text", "Shorter headline, please.")
    eden.select_option("#id_collab_about", "field:headline")
    eden.click("#collaboration button[value=comment]")
    eden.wait_for_selector(".comment:has-text('Shorter headline, please.')")
    assert eden.input_value("#id_headline") == HEADLINE + " (draft edit)"

    # Dana sees the assignment first on her desk, resolves the comment and saves a shorter headline.
    dana.goto(f"{base}/admin/")
    assert HEADLINE in dana.inner_text(".desk-assigned")
    assert "Eden Editor assigned" in dana.inner_text(".desk-notifications")
    open_story(dana, base, story)
    assert "on the headline" in dana.inner_text(".comment")
    dana.click(".comment button.comment__resolve")
    dana.wait_for_selector(".comment__resolved:has-text('Resolved by Dana Desk')")
    dana.fill("#id_headline", "Haddad boards The Night Ferry")
    dana.click("input[name=_continue]")
    dana.wait_for_selector(".messagelist .success")

    # Eden, still in the old form, is warned at once, before any save of hers would be refused.
    eden.wait_for_selector(".presence__saved:has-text('Dana Desk saved this story at ')")

    # The lawyer reads it and signs off; then the desk may approve.
    lee = person(browser, base, "lee")
    open_story(lee, base, story)
    lee.click("button[name=_workflow][value=sign_off]")
    lee.wait_for_selector(".messagelist .success")
    open_story(eden, base, story)
    eden.click("button[name=_workflow][value=approve_publish]")
    eden.wait_for_selector(".workflow-status")
    assert eden.inner_text(".workflow-badge") == "published"

    # History: the Legal sign-off with its approver, the assignment, the thread with its resolution.
    eden.goto(f"{base}/admin/articles/article/{story.pk}/history/")
    events = eden.inner_text("#workflow-events")
    assert "Signed off Legal review" in events and "Lee Legal" in events and "Assigned to Dana Desk" in events
    assert "Shorter headline, please." in eden.inner_text("#comments")
    assert "Dana Desk, " in eden.inner_text("#comments")

    # What the mail server received.
    assert any("waiting for Legal review" in body for _, body in smtp_server.to("lee@example.com"))
    assert any("Eden Editor assigned" in body for _, body in smtp_server.to("dana@example.com"))
    assert any("signed off by Lee Legal (Legal review)" in body for _, body in smtp_server.to("eden@example.com"))
    assert any("approved and published by Eden Editor" in body for _, body in smtp_server.to("riley@example.com"))
    assert any("Eden Editor commented on the headline" in body for _, body in smtp_server.to("riley@example.com"))
    for page in (riley, eden, dana, lee):
        page.context.close()
