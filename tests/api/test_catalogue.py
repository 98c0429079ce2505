"""People, titles, credits, sections and tags through the API."""

from articles.models import Section
from films.models import Credit
from tests.api.conftest import API


def test_person_with_credits_and_relationships(get_json, seed):
    bacon = get_json("/people/kevin-bacon/")
    assert bacon["name"] == "Kevin Bacon" and bacon["imdb_id"] == "nm0000102"
    assert bacon["url"].endswith("/people/kevin-bacon/")
    assert bacon["stories_url"].endswith(f"{API}/stories/?person=kevin-bacon")
    stan = next(c for c in bacon["credits"] if c["character"] == "Stan")
    assert stan["title"]["slug"] == "connescence" and stan["title"]["api_url"].endswith(f"{API}/titles/connescence/")
    spouse = next(r for r in bacon["relationships"] if r["kind"] == "spouse")
    assert spouse["person"]["slug"] == "kyra-sedgwick"


def test_title_lists_cast_in_billing_order_then_crew(get_json, seed):
    title = get_json("/titles/connescence/")
    assert title["title"] == "Connescence"
    roles = [c["role"] for c in title["credits"]]
    cast = [c for c in title["credits"] if c["role"] in Credit.CAST_ROLES]
    assert roles[: len(cast)] == [c["role"] for c in cast]  # cast first
    assert [c["billing"] for c in cast] == sorted(c["billing"] for c in cast)
    assert {c["person"]["slug"] for c in title["credits"]} >= {"kevin-bacon", "kyra-sedgwick", "michael-j-weithorn"}


def test_lists_of_people_and_titles_page_by_name(get_json, make_person, make_film):
    for name in ["Cara", "Abe", "Bea"]:
        make_person(name=name)
    first = get_json("/people/?limit=2")
    rest = get_json(f"/people/?limit=2&cursor={first['cursor']}")
    assert [p["name"] for p in first["items"] + rest["items"]] == ["Abe", "Bea", "Cara"]
    film = make_film(title="Zed", imdb_id="tt0000001", kind="tvSeries", year=1999)
    make_film(title="Other")
    assert [f["slug"] for f in get_json("/titles/?imdb_id=tt0000001")["items"]] == [film.slug]
    assert [f["slug"] for f in get_json("/titles/?kind=tvSeries&year=1999")["items"]] == [film.slug]
    get_json("/titles/?kind=opera", status=422)


def test_credits_filter_by_person_title_and_role(get_json, seed):
    items = get_json("/credits/?person=kevin-bacon&title=connescence&role=actor")["items"]
    assert [(c["person"]["slug"], c["title"]["slug"], c["character"]) for c in items] == [
        ("kevin-bacon", "connescence", "Stan")
    ]
    one = get_json(f"/credits/{items[0]['id']}/")
    assert one == items[0]


def test_sections_and_tags(get_json, seed):
    Section.objects.create(name="Television", slug="tv", position=5)
    sections = get_json("/sections/")["items"]
    assert [s["slug"] for s in sections] == list(Section.objects.values_list("slug", flat=True))
    assert sections[0]["stories_url"].endswith(f"{API}/stories/?section={sections[0]['slug']}")
    tags = get_json("/tags/?fields=slug")["items"]
    assert tags == [{"slug": slug} for slug in sorted(t.slug for t in seed.tags.all())]
