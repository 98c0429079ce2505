"""Stories through the API: what a story carries, the list's filters, cursor pages, fields= and search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Correction, Quote, Tag
from films.models import Film
from people.models import Person
from tests.api.conftest import API
from tests.conftest import SEED_STORY_SLUG


def test_story_carries_everything_the_page_shows(get_json, seed, reporter):
    seed.authors.add(reporter)
    Correction.objects.create(article=seed, note="Sedgwick's age was wrong.")
    story = get_json(f"/stories/{SEED_STORY_SLUG}/")
    assert story["headline"] == seed.headline and story["dek"] == seed.dek
    assert story["url"].endswith(seed.get_absolute_url()) and story["url"].startswith("http")
    assert story["section"]["slug"] == "movies"
    assert [t["slug"] for t in story["tags"]] == sorted(t.slug for t in seed.tags.all())
    assert story["bylines"] == [{"name": "Riley Reporter"}]
    assert {s["name"]: s["credited_as"] for s in story["sources"]}["People"] == "reports People magazine"
    stan = next(c for c in story["credits"] if c["character"] == "Stan")
    assert stan["person"]["name"] == "Kevin Bacon" and stan["title"]["title"] == "Connescence"
    assert stan["role"] == "actor" and isinstance(stan["billing"], int)
    assert stan["person"]["url"].endswith("/people/kevin-bacon/")
    assert stan["person"]["api_url"].endswith(f"{API}/people/kevin-bacon/")
    assert stan["api_url"].endswith(f"{API}/credits/{stan['id']}/")
    assert len(story["quotes"]) == Quote.objects.filter(article=seed).count()
    assert story["quotes"][0]["speaker"] and story["quotes"][0]["text"]
    assert story["corrections"][0]["note"] == "Sedgwick's age was wrong."
    assert story["published_at"].startswith("2024-02-07")


def test_story_body_is_sanitised_and_links_people_and_titles(get_json, make_story, make_person):
    anna = make_person(name="Anna Example")
    body = f'<p onclick="x()">Anna Example and <a data-person="{anna.pk}">her</a>.</p><script>1</script>'
    story = make_story(body=body)
    story.linked_people.add(anna)
    body = get_json(f"/stories/{story.slug}/")["body_html"]
    assert "<script" not in body and "onclick" not in body
    assert f'href="http://127.0.0.1:8000/people/{anna.slug}/">her</a>' in body


def test_story_lead_image_has_renditions_with_sizes(get_json, make_story, jpeg_upload, after_commit):
    with after_commit():
        story = make_story(lead_image=jpeg_upload(800, 600), lead_image_alt="A set", lead_image_credit="Studio")
    image = get_json(f"/stories/{story.slug}/")["lead_image"]
    assert (image["width"], image["height"], image["alt"], image["credit"]) == (800, 600, "A set", "Studio")
    assert {(r["width"], r["type"]) for r in image["renditions"]} == {
        (320, "image/webp"), (320, "image/jpeg"), (640, "image/webp"), (640, "image/jpeg"),
        (800, "image/webp"), (800, "image/jpeg"),
    }  # fmt: skip
    assert len(image["share"]) == 3


def test_list_is_newest_first_with_summaries(get_json, make_story):
    older = make_story(publish_at=timezone.now() - timedelta(days=2))
    newer = make_story(publish_at=timezone.now() - timedelta(days=1))
    items = get_json("/stories/")["items"]
    assert [i["slug"] for i in items] == [newer.slug, older.slug]
    assert "body_html" not in items[0]


@pytest.mark.parametrize("param", ["section", "tag", "person", "title"])
def test_list_filters(get_json, seed, make_story, param):
    other = make_story(section=None)
    value = {"section": "movies", "tag": "casting", "person": "kevin-bacon", "title": "connescence"}[param]
    slugs = [i["slug"] for i in get_json(f"/stories/?{param}={value}")["items"]]
    assert SEED_STORY_SLUG in slugs and other.slug not in slugs
    assert get_json(f"/stories/?{param}=nobody-has-this")["items"] == []


def test_list_filters_by_publication_time(get_json, make_story):
    old = make_story(publish_at=timezone.now() - timedelta(days=10))
    new = make_story(publish_at=timezone.now() - timedelta(days=1))
    since = (timezone.now() - timedelta(days=5)).date().isoformat()
    assert [i["slug"] for i in get_json(f"/stories/?since={since}")["items"]] == [new.slug]
    assert [i["slug"] for i in get_json(f"/stories/?until={since}")["items"]] == [old.slug]
    get_json("/stories/?since=not-a-date", status=422)


def test_cursor_pages_are_stable_while_stories_are_published(get_json, make_story):
    now = timezone.now()
    stories = [make_story(publish_at=now - timedelta(hours=i + 1)) for i in range(7)]
    first = get_json("/stories/?limit=3")
    # Stories published meanwhile, one newer than everything and one in the middle of the pages already seen.
    make_story(publish_at=now - timedelta(minutes=1))
    make_story(publish_at=now - timedelta(hours=1, minutes=30))
    second = get_json(f"/stories/?limit=3&cursor={first['cursor']}")
    third = get_json(f"/stories/?limit=3&cursor={second['cursor']}")
    seen = [i["slug"] for page in (first, second, third) for i in page["items"]]
    assert seen == [s.slug for s in stories]
    assert third["next"] is None and third["cursor"] is None
    assert second["next"].startswith("http") and "limit=3" in second["next"]


def test_same_time_stories_page_by_id(get_json, make_story):
    moment = timezone.now() - timedelta(hours=1)
    stories = [make_story(publish_at=moment) for _ in range(5)]
    first = get_json("/stories/?limit=2")
    rest = get_json(f"/stories/?limit=10&cursor={first['cursor']}")
    assert [i["slug"] for i in first["items"] + rest["items"]] == [s.slug for s in reversed(stories)]


def test_a_forged_or_foreign_cursor_is_refused(get_json, make_story, make_person):
    for _ in range(3):
        make_story()
        make_person()
    people_cursor = get_json("/people/?limit=1")["cursor"]
    assert "cursor" in get_json(f"/stories/?cursor={people_cursor}", status=400)["detail"]
    get_json("/stories/?cursor=forged", status=400)


def test_fields_trims_items_and_names_unknown_fields(get_json, seed):
    items = get_json("/stories/?fields=headline,url")["items"]
    assert items == [{"headline": seed.headline, "url": items[0]["url"]}]
    story = get_json(f"/stories/{SEED_STORY_SLUG}/?fields=headline,credits")
    assert set(story) == {"headline", "credits"}
    assert "nonsense" in get_json("/stories/?fields=headline,nonsense", status=400)["detail"]


def test_search_finds_public_stories(get_json, seed, make_story):
    make_story(headline="Nothing to see", body="<p>Quiet.</p>")
    assert [i["slug"] for i in get_json("/search/?q=Sedgwick")["items"]] == [SEED_STORY_SLUG]
    get_json("/search/", status=422)


def test_search_pages_with_a_cursor(get_json, make_story):
    for i in range(5):
        make_story(headline=f"Casting news {i}")
    first = get_json("/search/?q=casting&limit=2")
    second = get_json(f"/search/?q=casting&limit=2&cursor={first['cursor']}")
    third = get_json(f"/search/?q=casting&limit=2&cursor={second['cursor']}")
    slugs = [i["slug"] for page in (first, second, third) for i in page["items"]]
    assert len(slugs) == len(set(slugs)) == 5
    assert get_json(f"/search/?q=other&cursor={first['cursor']}", status=400)


def test_index_lists_every_resource(get_json):
    index = get_json("/")
    assert index["stories"].endswith(f"{API}/stories/") and index["docs"].endswith(f"{API}/docs/")


def test_unknown_things_are_json_404s(get_json, db):
    for path in ["/stories/nope/", "/people/nope/", "/titles/nope/", "/credits/999999/"]:
        assert get_json(path, status=404)["detail"]
    assert Person.objects.count() == Film.objects.count() == Tag.objects.count() == 0


def test_a_withdrawn_correction_leaves_the_story(get_json, seed):
    kept = Correction.objects.create(article=seed, note="Sedgwick is 58.")
    Correction.objects.create(article=seed, note="Wrongly corrected.", withdrawn_at=timezone.now())
    assert [c["note"] for c in get_json(f"/stories/{SEED_STORY_SLUG}/")["corrections"]] == [kept.note]
