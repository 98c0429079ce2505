"""Admin searches find what editors type, whichever way a big database makes them run (core.search)."""

import json
import re

import pytest

from films import search
from films.models import Credit


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def listed(client, url, term):
    """The rows a changelist shows for a search, as their link texts."""
    page = client.get(url, {"q": term}).content.decode()
    return re.findall(r'<th class="field-\w+"><a href="[^"]+">([^<]+)</a>', page)


def credit_search(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {"term": term, "app_label": "articles", "model_name": "articlecredit", "field_name": "credit"},
    )
    return [result["text"] for result in json.loads(response.content)["results"]]


@pytest.fixture
def okafors(make_person, make_film):
    """People named like the scale benchmark's, each with a credit on one title."""
    film = make_film(title="Picture 12", year=None)
    characters = {"Anna Okafor 77": "Character 4242", "Ben Okafor 1772": "Character 1", "Carla Okafor 78": "Nurse 4242"}
    people = {}
    for name in ["Anna Okafor 77", "Ben Okafor 1772", "Carla Okafor 78", "Dev Smith 77"]:
        people[name] = person = make_person(name=name)
        Credit.objects.create(film=film, person=person, character=characters.get(name, "Doctor"))
    return people


def test_credit_search_needs_every_word_in_the_person_the_title_or_the_character(admin_client, seed):
    assert credit_search(admin_client, "bacon connescence") == ["Kevin Bacon as Stan in Connescence"]
    assert credit_search(admin_client, "sedgwick cynthia") == ["Kyra Sedgwick as Cynthia in Connescence"]
    assert credit_search(admin_client, "bacon cynthia") == []


@pytest.mark.parametrize("common", [False, True])
def test_a_character_search_finds_the_same_whether_the_word_is_common_or_rare(
    admin_client, okafors, monkeypatch, common
):
    # On PostgreSQL a word in very many characters is tested row by row instead of through the index.
    monkeypatch.setattr(search, "is_common", lambda *args, **kwargs: common)
    assert credit_search(admin_client, "character 4242") == ["Anna Okafor 77 as Character 4242 in Picture 12"]
    assert credit_search(admin_client, "4242 okafor") == [
        "Carla Okafor 78 as Nurse 4242 in Picture 12",
        "Anna Okafor 77 as Character 4242 in Picture 12",
    ]


@pytest.mark.parametrize("max_ids", [1, 500])
def test_a_word_naming_many_people_finds_the_same_credits(admin_client, okafors, monkeypatch, max_ids):
    monkeypatch.setattr(search, "MAX_IDS", max_ids)  # at 1, "okafor" names too many people to list by id
    assert credit_search(admin_client, "okafor 77") == [
        "Ben Okafor 1772 as Character 1 in Picture 12",
        "Anna Okafor 77 as Character 4242 in Picture 12",
    ]


def test_a_two_letter_word_still_matches_anywhere_in_a_name(admin_client, okafors):
    assert sorted(listed(admin_client, "/admin/people/person/", "okafor 77")) == ["Anna Okafor 77", "Ben Okafor 1772"]
    assert listed(admin_client, "/admin/people/person/", "77 smith") == ["Dev Smith 77"]


def test_person_search_still_finds_by_exact_imdb_id(admin_client, make_person):
    make_person(name="Kevin Bacon", imdb_id="nm0000102")
    make_person(name="Kevin James")
    assert listed(admin_client, "/admin/people/person/", "nm0000102") == ["Kevin Bacon"]


def test_a_search_counts_its_matches_exactly_up_to_a_cap(admin_client, okafors, monkeypatch):
    from people.admin import PersonAdmin

    monkeypatch.setattr(PersonAdmin, "search_counted_up_to", 1)
    page = admin_client.get("/admin/people/person/", {"q": "okafor"}).content.decode()
    assert re.search(r"\b2 results\b", page)  # three match; counting stopped one past the cap
    page = admin_client.get("/admin/people/person/", {"q": "smith"}).content.decode()
    assert re.search(r"\b1 result\b", page)
