"""The connections endpoint: the same chains the /connections/ page shows, from public data only."""

import pytest

from films.models import Credit, Film
from people.models import Person


def test_two_people_connect_through_the_titles_they_share(get_json, seed):
    answer = get_json("/connections/?from=kevin-james&to=kyra-sedgwick")
    assert answer["connected"] is True and answer["hops"] == 2
    (chain,) = answer["chains"][:1]
    assert [(s["person"]["slug"], s["title"]["slug"], s["next_person"]["slug"]) for s in chain] == [
        ("kevin-james", "the-king-of-queens", "michael-j-weithorn"),
        ("michael-j-weithorn", "connescence", "kyra-sedgwick"),
    ]
    assert answer["from"]["name"] == "Kevin James" and answer["to"]["slug"] == "kyra-sedgwick"


def test_people_with_nothing_in_common_are_not_connected(get_json, seed):
    Person.objects.create(name="Lone Actor", slug="lone-actor")
    answer = get_json("/connections/?from=kevin-bacon&to=lone-actor")
    assert answer == {**answer, "connected": False, "hops": None, "chains": []}


def test_an_unknown_or_unreleased_person_is_404(get_json, seed):
    assert "nobody-here" in get_json("/connections/?from=nobody-here&to=kevin-bacon", status=404)["detail"]
    hidden = Person.objects.create(name="Secret Casting", slug="secret-casting", is_released=False)
    Credit.objects.create(person=hidden, film=Film.objects.get(slug="connescence"), role="actor", is_released=False)
    assert get_json("/connections/?from=secret-casting&to=kevin-bacon", status=404)


@pytest.mark.parametrize("query", ["", "?from=kevin-bacon", "?to=kevin-bacon"])
def test_both_ends_are_required(get_json, seed, query):
    assert get_json(f"/connections/{query}", status=422)["detail"]


def test_the_index_names_the_connections_endpoint(get_json, db):
    assert get_json("/")["connections"].endswith("/api/v1/connections/")


def test_a_slug_no_one_can_have_is_refused_before_the_database(get_json, seed):
    assert get_json("/connections/?from=kevin-bacon&to=kyra%20sedgwick", status=422)["detail"]
