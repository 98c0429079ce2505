"""Lookup keys: the same name however typed; rows written by bulk SQL (the IMDb import) get keyed afterwards."""

import pytest

from core.names import name_key, title_key
from films.keys import fill_title_keys
from films.models import Film
from people.keys import fill_name_keys
from people.models import Person


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Robert Downey Jr", "Robert Downey Jr."),
        ("Robert Downey, Jr.", "Robert Downey Jr."),
        ("J. J. Abrams", "J.J. Abrams"),
        ("JJ Abrams", "J.J. Abrams"),
        ("Zoe Kravitz", "Zoë Kravitz"),
        ("Lupita Nyong’o", "Lupita Nyong'o"),
        ("GUILLERMO DEL TORO", "Guillermo del Toro"),
    ],
)
def test_a_name_keys_the_same_however_it_is_typed(typed, stored):
    assert name_key(typed) == name_key(stored)


def test_a_suffix_alone_is_not_dropped_from_a_two_word_name():
    assert name_key("Downey Jr.") == "downey jr"


def test_titles_key_without_punctuation_or_accents():
    assert title_key("Schindler’s List") == title_key("Schindler's List") == "schindlers list"
    assert title_key("Amélie") == "amelie"


def test_saving_keys_a_row_and_bulk_written_rows_are_keyed_afterwards(db):
    person = Person.objects.create(name="Zoë Kravitz", slug="zoe")
    film = Film.objects.create(title="The Batman", slug="the-batman")
    assert (person.name_key, film.title_key) == ("zoe kravitz", "the batman")
    Person.objects.filter(pk=person.pk).update(name="Zoë Isabella Kravitz", name_key="")  # as the IMDb merge leaves it
    Film.objects.filter(pk=film.pk).update(title="The Batman Part II", title_key="")

    assert fill_name_keys() == 1 and fill_title_keys() == 1

    person.refresh_from_db()
    film.refresh_from_db()
    assert (person.name_key, film.title_key) == ("zoe isabella kravitz", "the batman part ii")


def test_loaddata_keys_the_fixture_rows(seed):
    assert Person.objects.get(slug="michael-j-weithorn").name_key == "michael j weithorn"
    assert Film.objects.get(slug="the-king-of-queens").title_key == "the king of queens"


def test_keys_are_written_in_batches_whatever_the_names_hold_and_the_bulk_write_is_announced(db):
    from core.bulk_writes import bulk_written
    from core.names import fill_keys

    names = ["O'Brien", 'Dwayne "The Rock" Johnson', "Back\\slash", "Zoë", "Ann-Marie", "Ω", "Plain Name"]
    people = [Person.objects.create(name=name, slug=f"p{n}") for n, name in enumerate(names)]
    Person.objects.update(name_key="")
    announced = []
    bulk_written.connect(lambda sender, **kwargs: announced.append(sender), weak=False, dispatch_uid="keys-test")
    try:
        assert fill_keys(Person, text_field="name", key_field="name_key", make_key=name_key, batch=3) == len(names)
    finally:
        bulk_written.disconnect(dispatch_uid="keys-test")
    assert announced == [Person]
    keys = dict(Person.objects.filter(pk__in=[p.pk for p in people]).values_list("name", "name_key"))
    assert keys == {name: name_key(name) for name in names}
