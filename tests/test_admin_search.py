"""Admin searches find what editors type, whichever way a big database makes them run (core.search)."""

import html
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
    return [html.unescape(text) for text in re.findall(r'<th class="field-\w+[^"]*"><a href="[^"]+">([^<]+)</a>', page)]


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
    assert re.search(r"\bmore than 1 results\b", page)  # three match; counting stopped one past the cap
    page = admin_client.get("/admin/people/person/", {"q": "smith"}).content.decode()
    assert re.search(r"\b1 result\b", page)


def test_a_two_letter_word_finds_titles_in_any_letter_case(admin_client, make_film):
    for title in ["Up", "Cupid", "Upstream Color", "Heat"]:
        make_film(title=title)
    assert sorted(listed(admin_client, "/admin/films/film/", "UP")) == ["Cupid", "Up", "Upstream Color"]
    assert listed(admin_client, "/admin/films/film/", "up col") == ["Upstream Color"]


def test_title_and_person_searches_find_an_exact_authority_id_beside_name_words(admin_client, make_person, make_film):
    make_film(title="Connescence", imdb_id="tt0000042")
    make_film(title="Connescence II")
    make_person(name="Kyra Sedgwick", wikidata_id="Q263696")
    assert listed(admin_client, "/admin/films/film/", "tt0000042") == ["Connescence"]
    assert listed(admin_client, "/admin/people/person/", "Q263696") == ["Kyra Sedgwick"]
    assert listed(admin_client, "/admin/people/person/", "kyra Q263696") == ["Kyra Sedgwick"]


def test_a_quoted_phrase_is_one_word(admin_client, okafors):
    assert listed(admin_client, "/admin/people/person/", '"okafor 7"') == ["Anna Okafor 77", "Carla Okafor 78"]


@pytest.mark.parametrize(
    "knob, value",
    [
        # At 1 the matches are never few enough to gather through an index: each credit is tested in the list's order.
        ("MAX_MATCHES", 1),
        ("MAX_MATCHES", 10_000),
        # At 0 no word is narrow enough to look up first (core.search.through_narrowest): all are tested together.
        ("MAX_CANDIDATES", 0),
        ("MAX_CANDIDATES", 20_000),
    ],
)
def test_a_credit_search_finds_the_same_whichever_way_it_reaches_the_credits(
    admin_client, okafors, monkeypatch, knob, value
):
    monkeypatch.setattr(search, knob, value)
    assert credit_search(admin_client, "character 4242") == ["Anna Okafor 77 as Character 4242 in Picture 12"]
    assert credit_search(admin_client, "4242 okafor") == [
        "Carla Okafor 78 as Nurse 4242 in Picture 12",
        "Anna Okafor 77 as Character 4242 in Picture 12",
    ]
    assert credit_search(admin_client, "picture 77 okafor") == [
        "Ben Okafor 1772 as Character 1 in Picture 12",
        "Anna Okafor 77 as Character 4242 in Picture 12",
    ]
    assert credit_search(admin_client, "nurse smith") == []
    assert sorted(listed(admin_client, "/admin/films/credit/", "picture 4242")) == ["Anna Okafor 77", "Carla Okafor 78"]


HOSTILE_TERMS = {
    "": None,  # no search: the whole list
    "   ": None,
    "%": [],  # LIKE's wildcards are letters like any other
    "_": [],
    "--": [],
    "'": ["Zoë Ω'Brien"],
    '"': [],
    '"unclosed': [],
    "\\": [],
    "a": ["Anna Okafor 77", "Ben Okafor 1772", "Carla Okafor 78"],
    "Ω": ["Zoë Ω'Brien"],
    "Zoë Ω'B": ["Zoë Ω'Brien"],
    "oë": ["Zoë Ω'Brien"],  # two characters, one beyond ASCII
    "okafor okafor okafor": ["Anna Okafor 77", "Ben Okafor 1772", "Carla Okafor 78"],
}


@pytest.mark.parametrize("term", HOSTILE_TERMS)
def test_odd_input_finds_what_it_says_on_every_admin_search(admin_client, okafors, make_person, term):
    make_person(name="Zoë Ω'Brien")
    everyone = ["Anna Okafor 77", "Ben Okafor 1772", "Carla Okafor 78", "Dev Smith 77", "Zoë Ω'Brien"]
    expected = HOSTILE_TERMS[term]
    people = sorted(listed(admin_client, "/admin/people/person/", term))
    assert people == (everyone if expected is None else expected)
    assert admin_client.get("/admin/films/film/", {"q": term}).status_code == 200
    assert admin_client.get("/admin/films/credit/", {"q": term}).status_code == 200
    credits = credit_search(admin_client, term)
    if expected is not None:
        assert sorted(credit.split(" as ")[0].split(",")[0] for credit in credits) == [
            name for name in expected if name != "Zoë Ω'Brien"
        ]


@pytest.mark.postgresql
@pytest.mark.parametrize("term", ["ZOË", "ω'b", "OË"])
def test_letter_case_beyond_ascii_is_ignored_on_postgresql(admin_client, make_person, term):
    # SQLite's LIKE folds ASCII letters only; PostgreSQL's UPPER() folds them all.
    make_person(name="Zoë Ω'Brien")
    assert listed(admin_client, "/admin/people/person/", term) == ["Zoë Ω'Brien"]


def test_an_empty_quoted_phrase_narrows_nothing_and_reads_no_ids(okafors, django_assert_num_queries):
    """'""' used to become an exact-id test for '' that every person without an IMDb id passed: all read into memory."""
    from core.search import every_word_in
    from people.models import Person

    with django_assert_num_queries(1):
        found = list(every_word_in(Person.objects.all(), term='""', field="name", exact=("imdb_id", "wikidata_id")))
    assert sorted(person.name for person in found) == sorted(okafors)


def database_settings():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('statement_timeout')")
        return cursor.fetchone()


def slow(queryset, seconds):
    """queryset, each row of which takes seconds to test (PostgreSQL)."""
    from django.db.models import BooleanField
    from django.db.models.expressions import RawSQL

    return queryset.filter(RawSQL(f"pg_sleep({seconds}) IS NOT NULL", [], output_field=BooleanField()))


@pytest.mark.postgresql
def test_an_index_lookup_that_runs_too_long_gives_way_and_leaves_the_connection_as_it_was(okafors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.search import read_ids_within

    before = database_settings()
    with CaptureQueriesContext(connection) as searched:
        found = list(search.search_credits(Credit.objects.all(), term="4242 okafor"))
    assert sorted(credit.character for credit in found) == ["Character 4242", "Nurse 4242"]
    assert any("enable_seqscan" in query["sql"] for query in searched.captured_queries)  # looked up "4242" first
    assert database_settings() == before
    assert read_ids_within(slow(Credit.objects.all(), 0.2), limit=10, timeout_ms=20) is None
    assert database_settings() == before
    rare = Credit.objects.filter(character__icontains="4242")
    found = read_ids_within(rare, limit=10, timeout_ms=1000)
    assert sorted(found) == sorted(rare.values_list("pk", flat=True))
    assert database_settings() == before  # the lookup's own settings went with its savepoint
    assert Credit.objects.count() == 4  # and the transaction it ran in still works


@pytest.mark.postgresql
def test_a_list_read_out_of_time_keeps_the_rows_it_found_in_order(okafors, monkeypatch):
    from core import search as core_search

    monkeypatch.setattr(core_search, "LIST_READ_MS", 0)
    newest_first = Credit.objects.order_by("-pk")
    before = database_settings()
    # The first row takes 50 ms, the other three 150 ms: the budget ends during the second fetch.
    ids, cut = core_search.read_in_order(slow(newest_first, 0.05), limit=4, first=1, budget=core_search.Budget(120))
    assert cut and ids == list(newest_first.values_list("pk", flat=True)[:1])
    # The page's first few rows come on their own, so a read cut short while finding its page still has them.
    monkeypatch.setattr(core_search, "FIRST_FEW", 1)
    ids, cut = core_search.read_in_order(slow(newest_first, 0.05), limit=4, first=3, budget=core_search.Budget(120))
    assert cut and ids == list(newest_first.values_list("pk", flat=True)[:1])
    assert database_settings() == before
    ids, cut = core_search.read_in_order(newest_first, limit=3, budget=core_search.Budget(1000))
    assert not cut and ids == list(newest_first.values_list("pk", flat=True)[:3])
    # Gathered through the indexes and sorted (core.search.gather_first), the same rows in the same order.
    by_name = Credit.objects.filter(person__name__icontains="okafor").order_by("person__name", "-pk")
    gathered = core_search.gather_first(by_name)
    assert core_search.read_in_order(gathered, limit=10, first=1) == (list(by_name.values_list("pk", flat=True)), False)
    assert getattr(gathered.order_by("pk").query, core_search.GATHER)  # the mark goes with every clone
    assert not getattr(by_name.query, core_search.GATHER, False)
    assert database_settings() == before
    assert Credit.objects.count() == 4


@pytest.mark.postgresql
def test_a_search_cut_short_by_its_time_limit_says_so(admin_client, okafors, monkeypatch):
    from core import admin_helpers
    from core import search as core_search

    page = admin_client.get("/admin/people/person/", {"q": "okafor"}).content.decode()
    assert re.search(r"\b3 results\b", page) and "time limit" not in page
    from people.admin import PersonAdmin

    monkeypatch.setattr(PersonAdmin, "search_budget_ms", 0)
    monkeypatch.setattr(admin_helpers.LargeTableAdminMixin, "search_budget_ms", 0)  # the autocomplete's credits
    monkeypatch.setattr(core_search, "LIST_READ_MS", 0)
    page = admin_client.get("/admin/people/person/", {"q": "okafor"}).content.decode()
    assert "no results found before the search reached its time limit: add a word or a filter" in page
    assert "no people found in time" in page
    found = credit_search(admin_client, "okafor")  # the autocomplete: what it found in time, and no error
    assert found == []


@pytest.mark.postgresql
def test_a_search_cut_short_after_some_rows_lists_them_and_says_so(admin_client, okafors, monkeypatch):
    from core import admin_helpers

    read = admin_helpers.read_in_order
    monkeypatch.setattr(admin_helpers, "read_in_order", lambda *args, **kwargs: (read(*args, **kwargs)[0][:2], True))
    page = admin_client.get("/admin/people/person/", {"q": "okafor"}).content.decode()
    assert "the first 2 results found: the search stopped at its time limit" in page
    assert "at least 2 people" in page
    assert sorted(listed(admin_client, "/admin/people/person/", "okafor")) == ["Anna Okafor 77", "Ben Okafor 1772"]


@pytest.mark.postgresql
def test_a_search_cut_short_offers_no_select_all_and_its_later_pages_are_empty_not_errors(
    admin_client, okafors, monkeypatch
):
    from core import admin_helpers

    monkeypatch.setattr(admin_helpers.LargeTableAdminMixin, "list_per_page", 1)
    page = admin_client.get("/admin/people/person/", {"q": "okafor"}).content.decode()
    assert "Select all 3 people" in page  # Django's offer, when the count is every match
    read = admin_helpers.read_in_order
    monkeypatch.setattr(admin_helpers, "read_in_order", lambda *args, **kwargs: (read(*args, **kwargs)[0][:2], True))
    page = admin_client.get("/admin/people/person/", {"q": "okafor"}).content.decode()
    assert "the first 2 results found" in page and "Select all 2 people" not in page and "question hidden" not in page
    assert 'class="field-name' in page  # its first page lists what was found
    later = admin_client.get("/admin/people/person/", {"q": "okafor", "p": "5"})
    assert later.status_code == 200 and 'class="field-name' not in later.content.decode()  # no rows, no error
    answer = admin_client.get(
        "/admin/autocomplete/",
        {"term": "okafor", "app_label": "films", "model_name": "credit", "field_name": "person", "page": "4"},
    )
    assert answer.status_code == 200 and json.loads(answer.content)["results"] == []
