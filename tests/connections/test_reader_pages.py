"""What readers see of the credits graph: the story's Worked together box, person pages, and /connections/."""

import re

import pytest

from articles.connections import paths
from films.models import Credit, Film
from people.models import Person
from tests.conftest import SEED_STORY_URL

from .conftest import CONNECTIONS_URL


def text(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def box(page):
    start = page.index('class="worked-together"')
    return page[start : page.index("</aside>", start)]


def test_story_box_lists_bacon_and_sedgwicks_five_shared_titles_with_roles_and_years_newest_first(client, seed):
    first_pair = box(client.get(SEED_STORY_URL).content.decode()).split("worked-together__pair")[1]
    shown = text(first_pair)
    assert shown.startswith('" aria-label="Kevin Bacon and Kyra Sedgwick"> Kevin Bacon and Kyra Sedgwick 5 titles')
    lines = re.findall(r"<li>(.*?)</li>", first_pair)
    assert [text(line) for line in lines] == [
        "Connescence upcoming — actor for both",
        "Space Oddity 2022 — Kevin Bacon: actor; Kyra Sedgwick: director",
        "Loverboy 2005 — Kevin Bacon: director; Kyra Sedgwick: actor",
        "Cavedweller 2004 — actor for both",
        "The Woodsman 2004 — actor for both",
    ]


def test_story_box_shows_only_pairs_that_share_a_title_strongest_first(client, seed):
    pairs = re.findall(r'worked-together__pair" aria-label="([^"]+)"', client.get(SEED_STORY_URL).content.decode())
    assert pairs[0] == "Kevin Bacon and Kyra Sedgwick"
    assert len(pairs) == 3  # at most CONNECTIONS_STORY_PAIRS
    assert not any("Kevin James" in pair and "Bacon" in pair for pair in pairs)


def test_person_page_gives_the_bacon_number_with_its_chain(client, seed):
    page = text(client.get("/people/kevin-james/").content.decode())
    assert "Bacon number 2: Kevin James → The King of Queens → Michael J. Weithorn → Connescence → Kevin Bacon" in page
    assert "Frequent collaborators Michael J. Weithorn 1 title: The King of Queens" in page


def test_centre_person_is_a_setting(client, seed, settings):
    settings.CONNECTIONS_CENTRE = "kyra-sedgwick"
    client.get("/")  # a new setting is read when the graph is next refreshed
    from articles.connections.freshness import current

    current.forget()
    page = text(client.get("/people/kevin-bacon/").content.decode())
    assert "Sedgwick number 1: Kevin Bacon → Connescence → Kyra Sedgwick" in page


def test_chain_from_kevin_james_to_kyra_sedgwick_is_two_steps(client, seed):
    response = client.get(CONNECTIONS_URL, {"from": "kevin-james", "to": "kyra-sedgwick"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kevin James to Kyra Sedgwick: 2 steps" in text(page)
    assert "This is the only chain of 2 steps." in text(page)
    steps = [text(step) for step in re.findall(r"<li>(.*?)</li>", page[page.index("chain__steps") :])]
    assert steps[:2] == [
        "Kevin James (actor) and Michael J. Weithorn (creator) in The King of Queens (1998)",
        "Michael J. Weithorn (director and writer) and Kyra Sedgwick (actor) in Connescence",
    ]
    # The diagram is inline SVG: every node is a link with its own accessible name.
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert re.findall(r'aria-label="([^"]+)"', svg)[::2] == [
        "Person: Kevin James",
        "Person: Michael J. Weithorn",
        "Person: Kyra Sedgwick",
    ]
    assert 'aria-label="Title: The King of Queens (1998) — Kevin James: actor · Michael J. Weithorn: creator"' in svg


def test_chain_as_json(client, seed):
    answer = client.get(CONNECTIONS_URL, {"from": "kevin-james", "to": "kyra-sedgwick", "format": "json"}).json()
    assert answer["connected"] and answer["hops"] == 2 and answer["chains_of_this_length"] == 1
    chain = answer["chains"][0]
    assert [(s["person"]["slug"], s["title"]["slug"], s["next_person"]["slug"]) for s in chain] == [
        ("kevin-james", "the-king-of-queens", "michael-j-weithorn"),
        ("michael-j-weithorn", "connescence", "kyra-sedgwick"),
    ]
    assert chain[0]["title"]["year"] == 1998 and chain[0]["title"]["roles"] == [["actor"], ["creator"]]


def test_other_chains_of_the_same_length_are_counted(client, seed):
    # A second two-step route from Kevin James to Kyra Sedgwick, through another creator.
    other = Person.objects.create(name="Other Writer", slug="other-writer")
    series = Film.objects.create(title="Another Sitcom", slug="another-sitcom", year=2001)
    Credit.objects.create(person=other, film=series, role="writer")
    Credit.objects.create(person=Person.objects.get(slug="kevin-james"), film=series, role="actor")
    Credit.objects.create(person=other, film=Film.objects.get(slug="the-woodsman-2004"), role="writer")
    answer = client.get(CONNECTIONS_URL, {"from": "kevin-james", "to": "kyra-sedgwick", "format": "json"}).json()
    assert answer["hops"] == 2 and answer["chains_of_this_length"] == 2 and len(answer["chains"]) == 2
    page = text(client.get(CONNECTIONS_URL, {"from": "kevin-james", "to": "kyra-sedgwick"}).content.decode())
    assert "1 other chain of 2 steps; a few of them below." in page


def test_past_the_count_cap_the_page_says_more_than_and_json_says_not_exact(client, seed, settings, monkeypatch):
    # Five two-step routes from Kevin James to Kyra Sedgwick; counting stops once more than two are known.
    settings.CONNECTIONS_COUNT_UP_TO = 2
    monkeypatch.setattr(paths, "FIRST_PIECE", 1)  # the meeting level read node by node, as through hubs at scale
    kevin_james, woodsman = Person.objects.get(slug="kevin-james"), Film.objects.get(slug="the-woodsman-2004")
    for n in range(4):
        writer = Person.objects.create(name=f"Writer {n}", slug=f"writer-{n}")
        series = Film.objects.create(title=f"Sitcom {n}", slug=f"sitcom-{n}", year=2001)
        Credit.objects.create(person=writer, film=series, role="writer")
        Credit.objects.create(person=kevin_james, film=series, role="actor")
        Credit.objects.create(person=writer, film=woodsman, role="writer")
    ends = {"from": "kevin-james", "to": "kyra-sedgwick"}
    answer = client.get(CONNECTIONS_URL, {**ends, "format": "json"}).json()
    assert answer["hops"] == 2 and not answer["chains_of_this_length_exact"]
    assert 2 < answer["chains_of_this_length"] <= 5 and len(answer["chains"]) == 4
    page = text(client.get(CONNECTIONS_URL, ends).content.decode())
    assert "More than 2 chains of 2 steps; a few of them below." in page
    settings.CONNECTIONS_COUNT_UP_TO = 5  # not passed: the exact count
    answer = client.get(CONNECTIONS_URL, {**ends, "format": "json"}).json()
    assert answer["chains_of_this_length"] == 5 and answer["chains_of_this_length_exact"]
    assert "4 other chains of 2 steps; a few of them below." in text(client.get(CONNECTIONS_URL, ends).content.decode())


def test_people_with_no_chain_between_them_are_not_connected(client, seed):
    loner = Person.objects.create(name="Lone Actor", slug="lone-actor")
    Credit.objects.create(person=loner, film=Film.objects.create(title="Solo", slug="solo", year=2020))
    page = text(client.get(CONNECTIONS_URL, {"from": "kevin-bacon", "to": "lone-actor"}).content.decode())
    assert "Not connected" in page and "No chain of shared titles links Kevin Bacon and Lone Actor" in page
    answer = client.get(CONNECTIONS_URL, {"from": "kevin-bacon", "to": "lone-actor", "format": "json"}).json()
    assert answer["connected"] is False and answer["chains"] == []
    assert "No Bacon number: not connected." in text(client.get("/people/lone-actor/").content.decode())


def test_unknown_person_is_a_clear_404(client, seed):
    response = client.get(CONNECTIONS_URL, {"from": "kevin-bacon", "to": "nobody-here"})
    assert response.status_code == 404 and "No one on file is called “nobody-here”." in response.content.decode()
    assert client.get(CONNECTIONS_URL, {"from": "nobody-here", "to": "x", "format": "json"}).status_code == 400


def test_person_pages_link_to_the_connections_search(client, seed):
    page = client.get("/people/kyra-sedgwick/").content.decode()
    assert f'href="{CONNECTIONS_URL}?from=kyra-sedgwick&amp;to=kevin-bacon"' in page


def test_autocomplete_offers_public_people_only(client, seed):
    Person.objects.create(name="Kevin Secret", slug="kevin-secret", is_released=False)
    people = client.get(reverse_people(), {"q": "kev"}).json()["people"]
    assert people == [{"name": "Kevin Bacon", "slug": "kevin-bacon"}, {"name": "Kevin James", "slug": "kevin-james"}]
    assert client.get(reverse_people(), {"q": "k"}).json()["people"] == []


def reverse_people():
    from django.urls import reverse

    return reverse("articles:connections-people")


@pytest.mark.parametrize("params", [{"from": "kevin\x00bacon", "to": "kyra-sedgwick"}, {"from": "a b", "to": "c/d"}])
def test_a_slug_no_one_can_have_names_no_one(client, seed, params):
    assert client.get(CONNECTIONS_URL, params).status_code == 404
    assert client.get(CONNECTIONS_URL, {**params, "format": "json"}).status_code == 400


def test_people_suggestions_survive_a_nul_byte(client, seed):
    names = client.get(reverse_people(), {"q": "Kev\x00"}).json()["people"]
    assert [person["slug"] for person in names if person["slug"] == "kevin-bacon"] == ["kevin-bacon"]


def test_story_box_takes_in_a_new_shared_title_on_the_next_request(client, seed):
    """The box is kept with the graph it came from; an edit makes a new graph, so the next reader sees the edit."""
    assert "6 titles" not in box(client.get(SEED_STORY_URL).content.decode())
    film = Film.objects.create(title="Later Picture", slug="later-picture", year=2026)
    for slug in ("kevin-bacon", "kyra-sedgwick"):
        Credit.objects.create(person=Person.objects.get(slug=slug), film=film, role="actor", is_released=True)
    shown = box(client.get(SEED_STORY_URL).content.decode())
    assert "Kevin Bacon and Kyra Sedgwick 6 titles" in text(shown)
    assert "Later Picture" in shown


def test_person_page_takes_in_a_shorter_chain_to_the_centre_on_the_next_request(client, seed):
    assert "Bacon number 2" in text(client.get("/people/kevin-james/").content.decode())
    film = Film.objects.create(title="Shortcut", slug="shortcut", year=2026)
    for slug in ("kevin-james", "kevin-bacon"):
        Credit.objects.create(person=Person.objects.get(slug=slug), film=film, role="actor", is_released=True)
    assert "Bacon number 1" in text(client.get("/people/kevin-james/").content.decode())
