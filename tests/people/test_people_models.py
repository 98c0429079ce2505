import pytest
from django.db import IntegrityError, transaction

from people.models import Relationship


def test_imdb_and_wikidata_ids_are_unique_when_set(make_person):
    make_person(imdb_id="nm0000102", wikidata_id="Q3454165")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(imdb_id="nm0000102")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(wikidata_id="Q3454165")


def test_many_people_may_have_no_ids(make_person):
    make_person()
    make_person()


def test_malformed_imdb_id_is_a_form_error(make_person):
    from django.core.exceptions import ValidationError

    person = make_person()
    person.imdb_id = "tt0000001"
    with pytest.raises(ValidationError, match="nm0000102"):
        person.full_clean()


def test_a_person_cannot_be_married_to_themselves(make_person):
    person = make_person()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(person=person, other=person, kind=Relationship.Kind.SPOUSE)


def test_relationship_reads_from_either_side(make_person):
    a, b = make_person(name="A"), make_person(name="B")
    rel = Relationship.objects.create(person=a, other=b, kind=Relationship.Kind.SPOUSE)
    assert list(Relationship.objects.involving(b)) == [rel]
    assert rel.partner_of(b) == a
