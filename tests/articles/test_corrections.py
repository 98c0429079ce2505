"""Corrections on a published story: dated, shown to readers, in its structured data, within the page's query budget."""

import json
import re
from datetime import timedelta

from django.utils import timezone

from articles import corrections
from tests.conftest import SEED_STORY_URL


def json_ld(page):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_story_page_shows_every_correction_with_its_date_in_six_queries(
    client, seed, editor, warm_get, django_assert_max_num_queries
):
    warm_get("/")  # the section navigation is cached once per process
    first = timezone.now() - timedelta(days=3)
    corrections.add(seed, by=editor, note="Bacon is 65, not 66.", at=first)
    corrections.add(seed, by=editor, note="The Woodsman came out in 2004.")
    with django_assert_max_num_queries(6):
        response = client.get(SEED_STORY_URL)
    page = response.content.decode()
    assert page.index("Bacon is 65, not 66.") < page.index("The Woodsman came out in 2004.")
    assert timezone.localtime(first).strftime("%B %-d, %Y") in page
    shown = json_ld(page)["correction"]
    assert [c["text"] for c in shown] == ["Bacon is 65, not 66.", "The Woodsman came out in 2004."]
    assert all(c["@type"] == "CorrectionComment" and c["datePublished"] for c in shown)


def test_a_correction_moves_date_modified(client, seed, editor):
    before = json_ld(client.get(SEED_STORY_URL).content.decode())["dateModified"]
    corrections.add(seed, by=editor, note="A name was misspelled.")
    after = json_ld(client.get(SEED_STORY_URL).content.decode())["dateModified"]
    assert after > before


def test_a_story_without_corrections_has_no_corrections_box(client, seed):
    page = client.get(SEED_STORY_URL).content.decode()
    assert "Corrections" not in page and '"correction"' not in page
