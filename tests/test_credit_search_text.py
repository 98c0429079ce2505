"""Each credit's searchable copy of its person's name, its title and its character stays true to them, whoever
writes them (films/migrations/0015: PostgreSQL triggers); the credit search reads it (films.search)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from films.models import Credit, Film
from people.models import Person

pytestmark = pytest.mark.postgresql


def search_text(credit):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_text FROM films_credit WHERE id = %s", [credit.pk])
        return cursor.fetchone()[0]


@pytest.fixture
def bacon(make_person, make_film):
    person, film = make_person(name="Kevin Bacon"), make_film(title="Connescence")
    return Credit.objects.create(person=person, film=film, character="Stan")


def test_a_new_credit_carries_its_person_title_and_character(bacon):
    assert search_text(bacon) == "KEVIN BACON\nCONNESCENCE\nSTAN"


def test_renaming_a_person_or_retitling_a_title_reaches_their_credits_and_no_others(bacon, make_person, make_film):
    other = Credit.objects.create(person=make_person(name="Kyra Sedgwick"), film=make_film(title="Footloose"))
    bacon.person.name = "Kevin Norwood Bacon"
    bacon.person.save()
    Film.objects.filter(pk=bacon.film_id).update(title="Connescence (2024)")  # a bulk update, no save()
    assert search_text(bacon) == "KEVIN NORWOOD BACON\nCONNESCENCE (2024)\nSTAN"
    assert search_text(other) == "KYRA SEDGWICK\nFOOTLOOSE\n"


def test_a_credit_moved_to_another_person_or_recast_follows(bacon, make_person):
    bacon.person = make_person(name="Kevin James")
    bacon.character = "Stanley"
    bacon.save()
    assert search_text(bacon) == "KEVIN JAMES\nCONNESCENCE\nSTANLEY"
    Credit.objects.filter(pk=bacon.pk).update(character="")
    assert search_text(bacon) == "KEVIN JAMES\nCONNESCENCE\n"


def test_bulk_created_and_fixture_loaded_credits_carry_it(bacon, make_film):
    (made,) = Credit.objects.bulk_create([Credit(person=bacon.person, film=make_film(title="Tremors"), role="actor")])
    assert search_text(made) == "KEVIN BACON\nTREMORS\n"
    call_command("loaddata", "connescence", verbosity=0)
    sedgwick = Credit.objects.get(person__name="Kyra Sedgwick", character="Cynthia")
    assert search_text(sedgwick) == f"KYRA SEDGWICK\n{sedgwick.film.title.upper()}\nCYNTHIA"


def test_the_credit_search_finds_a_person_by_a_new_name_and_not_the_old(client, superuser, bacon):
    client.force_login(superuser)

    def found(term):
        response = client.get(
            "/admin/autocomplete/",
            {"term": term, "app_label": "articles", "model_name": "articlecredit", "field_name": "credit"},
        )
        return [result["text"] for result in json.loads(response.content)["results"]]

    assert found("bacon stan") == ["Kevin Bacon as Stan in Connescence (2020)"]
    Person.objects.filter(pk=bacon.person_id).update(name="Kevin Norwood")
    assert found("bacon stan") == []
    assert found("norwood connescence") == ["Kevin Norwood as Stan in Connescence (2020)"]
    # A word is in one of the three or not at all: the line breaks between them are not a place a word can span.
    assert found("norwood\nconnescence") == ["Kevin Norwood as Stan in Connescence (2020)"]
    assert found("woodconn") == []


def test_a_credit_listed_in_a_fixture_before_its_person_and_title_gets_their_names(db, tmp_path):
    # Foreign keys are checked at commit, so a fixture may list a credit before the rows it points to.
    fixture = tmp_path / "credit-first.json"
    fixture.write_text(
        json.dumps(
            [
                {"model": "films.credit", "pk": 9001, "fields": {"film": 9002, "person": 9003, "character": "Stan"}},
                {"model": "films.film", "pk": 9002, "fields": {"title": "Connescence", "slug": "connescence-9002"}},
                {"model": "people.person", "pk": 9003, "fields": {"name": "Kevin Bacon", "slug": "kevin-bacon-9003"}},
            ]
        )
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert search_text(Credit.objects.get(pk=9001)) == "KEVIN BACON\nCONNESCENCE\nSTAN"


@pytest.mark.django_db(transaction=True)
def test_a_rename_while_a_credit_is_being_written_reaches_that_credit(make_person, make_film):
    import threading

    from django.db import connections, transaction

    person, film = make_person(name="Kevin Bacon"), make_film(title="Tremors")
    written, rename_started = threading.Event(), threading.Event()

    def write_credit():  # holds its transaction open until the rename has been sent
        try:
            with transaction.atomic():
                Credit.objects.create(person_id=person.pk, film_id=film.pk, character="Valentine")
                written.set()
                rename_started.wait(5)
                threading.Event().wait(0.3)  # the rename now waits on this credit's read of the name
        finally:
            connections.close_all()

    writer = threading.Thread(target=write_credit)
    writer.start()
    assert written.wait(5)
    rename_started.set()
    Person.objects.filter(pk=person.pk).update(name="Kevin Norwood Bacon")
    writer.join(10)
    credit = Credit.objects.get(person=person, film=film)
    assert search_text(credit) == "KEVIN NORWOOD BACON\nTREMORS\nVALENTINE"
