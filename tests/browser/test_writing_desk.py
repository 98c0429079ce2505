"""The writing desk in a real browser: a story written in the rich-text editor, a person linked while writing,
credits suggested from the body and linked, a missing credit added through one dialog, the public page; axe
finds nothing on the form, in light and dark mode, wide and on a phone."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from articles import workflow
from articles.models import Article
from films.models import Credit
from people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
EDITOR = ".prose-editor .ProseMirror[contenteditable]"
HEADLINE = "Kevin Bacon plays a guard in Connescence"


def snap(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def axe_violations(page):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make node-tools`.")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the CSP (rightly) refuses an injected <script>
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def press(page, *keys):
    for key in keys:
        page.keyboard.press(key)


def test_a_story_written_linked_and_credited_in_the_editor(live_server, page, seed, editor, section):
    base = live_server.url
    kyra = Person.objects.get(name="Kyra Sedgwick")
    log_in(page, base, "eden")
    page.goto(f"{base}/admin/articles/article/add/")
    page.wait_for_selector(EDITOR)
    snap(page, "desk-1-empty-form")
    page.fill("#id_headline", HEADLINE)
    page.fill("#id_dek", "A security guard named Stan, and a new face.")
    page.click("[aria-labelledby='select2-id_section-container']")
    page.fill(".select2-container--open .select2-search__field", "Mov")
    page.click(".select2-results__option:has-text('Movies')")

    # The body: a bold opening, a subheading, a list and a link, typed as an editor types.
    page.click(EDITOR)
    press(page, "Control+b")
    page.keyboard.type("Exclusive:")
    press(page, "Control+b")
    page.keyboard.type(" Kevin Bacon stars in Connescence as a security guard named Stan, opposite ")
    page.keyboard.type("@")
    page.wait_for_selector("#reference-dialog[open]")
    page.fill("#desk-reference-search", "Kyra")
    page.click("#desk-reference-results li:has-text('Kyra Sedgwick')")
    page.keyboard.type("and Dana Whitfield.")
    press(page, "Enter", "Control+Alt+2")
    page.keyboard.type("The cast")
    press(page, "Enter")
    page.keyboard.type("- Kevin Bacon")
    press(page, "Enter")
    page.keyboard.type("Dana Whitfield")
    press(page, "Enter", "Enter")
    page.keyboard.type("Read the announcement")
    press(page, *["Shift+ArrowLeft"] * len("announcement"))
    page.click(".prose-menubar__button[title='insert link']")
    page.fill("dialog[open] input[name=href]", "https://deadline.com/connescence")
    page.click("dialog[open] button:has-text('Update')")
    body = page.input_value("textarea[name=body]")
    assert "<strong>Exclusive:</strong>" in body
    assert f'data-person="{kyra.pk}"' in body
    assert "<h2>The cast</h2>" in body and "<ul><li><p>Kevin Bacon</p></li>" in body
    assert 'href="https://deadline.com/connescence"' in body
    assert page.inner_text(".desk-count").startswith("27 words")

    # Suggested credits, from the text as it stands.
    page.click("#check-credits")
    suggestion = page.locator(".desk-suggestion", has_text="Kevin Bacon as Stan in Connescence")
    suggestion.wait_for()
    assert "security guard named Stan" in suggestion.inner_text()
    suggestion.get_by_role("button", name="Link").click()
    suggestion.get_by_text("Linked").wait_for()
    stan = Credit.objects.get(person__name="Kevin Bacon", film__title="Connescence", character="Stan")
    assert page.input_value("#id_article_credits-0-credit") == str(stan.pk)

    # A name nobody has on file: one dialog makes the person, the title and the credit.
    unmatched = page.locator("#unmatched-name-list li", has_text="Dana Whitfield")
    unmatched.get_by_role("button").click()
    page.wait_for_selector("#add-credit-dialog[open]")
    assert page.input_value("#desk-credit-person") == "Dana Whitfield"
    page.fill("#desk-credit-title", "Night Shift Blues")
    page.fill("#desk-credit-year", "2025")
    page.fill("#desk-credit-character", "Mara")
    snap(page, "desk-2-add-credit-dialog")
    page.click("#desk-credit-save")
    page.wait_for_selector("#add-credit-dialog", state="hidden")
    assert "Dana Whitfield as Mara in Night Shift Blues (2025)" in page.inner_text("#article_credits-group")
    assert page.input_value("textarea[name=body]") == body  # nothing typed was lost
    snap(page, "desk-3-written")
    found = axe_violations(page)
    assert not found, "\n".join(found)

    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-status")
    story = Article.objects.get(headline=HEADLINE)
    assert [str(link.credit) for link in story.article_credits.all()] == [
        "Kevin Bacon as Stan in Connescence",
        "Dana Whitfield as Mara in Night Shift Blues (2025)",
    ]
    assert kyra in story.linked_people.all()  # the link made while writing counts as a mention

    workflow.move(story, "publish", by=editor)
    page.goto(f"{base}{story.get_absolute_url()}")
    article = page.locator(".story__body")
    assert article.locator("strong", has_text="Exclusive:").count() == 1
    assert article.locator("h2", has_text="The cast").count() == 1
    assert article.locator("ul li", has_text="Dana Whitfield").count() == 1
    assert article.locator("a[href='https://deadline.com/connescence']").inner_text() == "announcement"
    assert article.locator(f"a[href='{kyra.get_absolute_url()}']").first.inner_text() == "Kyra Sedgwick"
    page_text = page.inner_text("body")
    assert "Stan" in page_text and "Mara" in page_text
    snap(page, "desk-4-public-page")


@pytest.mark.parametrize(
    "scheme, width", [("light", 1280), ("dark", 1280), ("dark", 390), ("light", 390)], ids=lambda v: str(v)
)
def test_the_seed_story_opens_and_saves_unchanged_in_any_mode_and_width(live_server, page, seed, editor, scheme, width):
    stored = seed.body
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, "eden")
    page.goto(f"{live_server.url}/admin/articles/article/{seed.pk}/change/")
    page.wait_for_selector(EDITOR)
    page.wait_for_selector("#suggested-credits")
    assert page.locator(f"{EDITOR} h2").inner_text() == "Who more do we know about Connescence?"
    assert page.locator(f"{EDITOR} q").count() == 4
    assert not page.is_visible(".presence__saved")  # no empty warning box when nobody else has saved
    page.wait_for_selector(".claim-check table")  # the Claim check panel, read once the form is on screen
    assert "first film together since 2004" in page.inner_text(".claim-check")
    editor_box = page.locator(".prose-editor").bounding_box()
    assert editor_box["x"] + editor_box["width"] <= width
    snap(page, f"desk-seed-{scheme}-{width}")
    found = axe_violations(page)
    assert not found, "\n".join(found)
    page.click("input[name=_continue]")
    page.wait_for_selector(".workflow-status")
    seed.refresh_from_db()
    assert seed.body == stored


def test_leaving_with_unsaved_changes_asks_first(live_server, page, seed, editor):
    log_in(page, live_server.url, "eden")
    change = f"{live_server.url}/admin/articles/article/{seed.pk}/change/"
    page.goto(change)
    page.wait_for_selector(EDITOR)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.click(f"{EDITOR} h2")
    page.keyboard.type(" Updated")
    page.evaluate("() => { window.location.href = '/admin/' }")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url == change  # dismissed: the editor stays, with the text


def test_paste_from_a_word_processor_keeps_structure_and_drops_the_rest(live_server, page, seed, editor):
    log_in(page, live_server.url, "eden")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_selector(EDITOR)
    page.click(EDITOR)
    pasted = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
        '<h2 style="font-family:Arial;color:#c00">Casting news</h2>'
        '<p class="MsoNormal" style="margin:0"><span style="font-weight:700">Bold</span> and '
        '<span style="font-style:italic">italic</span> <font color="red">words</font><o:p></o:p></p>'
        '<ul><li><p style="color:blue">One</p></li></ul><script>alert(1)</script>'
        '<img src="x.png"><table><tr><td>cell</td></tr></table></b>'
    )
    page.evaluate(
        """html => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "Casting news")
            const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
            document.querySelector(".prose-editor .ProseMirror[contenteditable]").dispatchEvent(event)
        }""",
        pasted,
    )
    body = page.input_value("textarea[name=body]")
    assert "<h2>Casting news</h2>" in body
    assert "<strong>Bold</strong>" in body and "<em>italic</em>" in body
    assert "<ul><li><p>One</p></li></ul>" in body
    for dropped in ("style", "class", "font", "script", "img", "table", "o:p", "docs-internal"):
        assert dropped not in body
