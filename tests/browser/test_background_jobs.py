"""In Chromium, under the enforced Content-Security-Policy: an IMDb import's page follows the job as its task moves
it (progress bar, counts, step), then reloads itself to show the report."""

import os

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from core.models import Job
from films.models import ImdbImport

from .conftest import visit

pytestmark = [pytest.mark.browser]
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")  # set to keep the pages as PNGs for a look


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, name), full_page=True)


def test_the_import_page_follows_the_job_and_then_shows_its_report(live_server, transactional_db, superuser, watched):
    ContentType.objects.clear_cache()
    base = live_server.url
    watched.goto(f"{base}/admin/login/")
    watched.fill("#id_username", "chief")
    watched.fill("#id_password", "chief-password-123")
    watched.click("input[type=submit]")
    visit(watched, f"{base}/admin/films/imdbimport/add/")
    shot(watched, "imdb-import-upload.png")

    job = ImdbImport.objects.create(
        kind=ImdbImport.KIND,
        title="IMDb import of name.basics.tsv.gz, title.basics.tsv.gz, title.principals.tsv.gz",
        state=Job.State.RUNNING,
        started_by=superuser,
        done=12,
        total=100,
        step="Reading name.basics.tsv",
        counts={"people rows read": 120000},
    )
    visit(watched, f"{base}/admin/films/imdbimport/{job.pk}/change/")
    assert watched.locator("#job-status progress").get_attribute("value") == "12"

    # The task moves on: the page follows without a reload.
    Job.objects.filter(pk=job.pk).update(
        done=64, step="Reading title.principals.tsv", counts={"people rows read": 250000, "titles rows read": 90000}
    )
    expect(watched.locator("#job-status progress")).to_have_js_property("value", 64)
    assert "Reading title.principals.tsv" in watched.locator("#job-status").inner_text()
    assert "titles rows read" in watched.locator("#job-status").inner_text()
    shot(watched, "imdb-import-progress.png")

    report = {
        "created": {"people": 3, "titles": 3, "credits": 5},
        "keyed": 6,
        "files": [
            {"file": "name.basics.tsv.gz", "what": "people", "created": 3, "updated": 0, "filtered": 0,
             "malformed": 1, "unknown_ids": 0, "resumed_after_line": 0, "seconds": 0.4, "hand_edits_kept": 0,
             "problems": ["name.basics.tsv.gz line 5: birth year 'abc' is not a year"]},
            {"file": "title.basics.tsv.gz", "what": "titles", "created": 3, "updated": 0, "filtered": 1,
             "malformed": 0, "unknown_ids": 0, "resumed_after_line": 0, "seconds": 0.3, "hand_edits_kept": 0,
             "problems": []},
            {"file": "title.principals.tsv.gz", "what": "credits", "created": 5, "updated": 0, "filtered": 1,
             "malformed": 0, "unknown_ids": 0, "resumed_after_line": 0, "seconds": 0.5, "hand_edits_kept": 0,
             "problems": []},
        ],
    }  # fmt: skip
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=100, step="", report=report)
    watched.wait_for_selector("#report-heading")  # reloaded by the script once the job finished
    assert "5 credits" in watched.locator(".job-report").inner_text()
    assert "birth year 'abc'" in watched.locator(".job-report").inner_text()
    assert watched.violations() == []
    shot(watched, "imdb-import-report.png")
