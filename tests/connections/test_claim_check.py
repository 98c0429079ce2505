"""The claim check holds the copy's statements about shared work against the public credits."""

from django.urls import reverse

from articles.connections.claims import AGREES, DISAGREES, check_story
from articles.story_import import import_story
from tests.conftest import SEED_TEXT_FILE


def by_claim(claims, claim):
    return [c for c in claims if c.claim == claim]


def test_seed_agrees_with_first_film_together_since_2004_for_acting_together(seed):
    found = by_claim(check_story(seed), "first film together since 2004")
    assert found and all(c.verdict == AGREES for c in found)
    note = found[0].note
    assert (
        "the last title where Kevin Bacon and Kyra Sedgwick both act is Cavedweller (2004) and The Woodsman (2004)"
        in note
    )
    assert "Space Oddity (2022: Kevin Bacon actor, Kyra Sedgwick director)" in note
    assert "Loverboy (2005: Kevin Bacon director, Kyra Sedgwick actor)" in note


def test_seed_checks_direction_casting_and_debuts(seed):
    claims = check_story(seed)
    assert [c.verdict for c in by_claim(claims, "directed by")] == [AGREES]
    assert by_claim(claims, "directed by")[0].note == "Michael J. Weithorn directed Connescence."
    stars = [c for c in claims if c.claim.startswith("stars Bacon")]
    assert stars[0].verdict == AGREES and stars[0].note == "Kevin Bacon plays Stan in Connescence."
    debuts = {c.note for c in by_claim(claims, "directorial debut") if c.verdict == AGREES}
    assert debuts == {
        "Kevin Bacon's first title as director on file is Loverboy (2005).",
        "Kyra Sedgwick's first title as director on file is Space Oddity (2022).",
    }


def test_a_wrong_year_disagrees_with_the_evidence(seed):
    seed.dek = "Their first film together since 1999."
    found = by_claim(check_story(seed), "first film together since 1999")
    assert found[0].verdict == DISAGREES
    assert "Cavedweller (2004) and The Woodsman (2004), not 1999" in found[0].note


def test_claim_check_panel_in_the_story_form(client, seed, editor):
    """The form shows the panel's place and its link at once; the verdicts come from the panel's own address."""
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[seed.pk])).content.decode()
    placeholder = page[page.index('id="claim-check-heading"') :]
    url = reverse("admin:articles_article_claim_check", args=[seed.pk])
    assert f'data-url="{url}?panel=1"' in page and f'<a href="{url}">' in placeholder
    assert "never blocks publishing" in placeholder and "articles/admin/claim_check.js" in placeholder
    panel = client.get(url, {"panel": "1"}).content.decode()
    assert "<html" not in panel
    assert "never blocks publishing" in panel and "Agrees" in panel and "first film together since 2004" in panel


def test_claim_check_opens_as_a_page_without_scripts(client, seed, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_claim_check", args=[seed.pk])).content.decode()
    assert "<html" in page and 'class="breadcrumbs"' in page
    assert "Agrees" in page and "first film together since 2004" in page


def test_claim_check_of_a_story_one_may_not_see_is_refused(client, make_draft, other_reporter):
    story = make_draft()
    client.force_login(other_reporter)
    response = client.get(reverse("admin:articles_article_claim_check", args=[story.pk]), {"panel": "1"})
    assert response.status_code in (403, 404)


def test_claim_check_in_the_story_import_review(client, seed, editor):
    client.force_login(editor)
    made = import_story(text=SEED_TEXT_FILE.read_text(), by=editor)
    page = client.get(reverse("admin:articles_storyimport_change", args=[made.pk])).content.decode()
    assert "Claim check" in page and "first film together since 2004" in page
