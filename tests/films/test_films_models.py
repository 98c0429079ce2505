import pytest
from django.db import IntegrityError, transaction

from films.models import Credit


def test_one_person_may_hold_several_roles_on_one_title(make_person, make_film):
    person, film = make_person(), make_film()
    Credit.objects.create(film=film, person=person, role=Credit.Role.WRITER)
    Credit.objects.create(film=film, person=person, role=Credit.Role.DIRECTOR)
    assert film.credits.count() == 2


def test_duplicate_credits_are_refused(make_person, make_film):
    person, film = make_person(), make_film()
    Credit.objects.create(film=film, person=person, role=Credit.Role.ACTOR, character="Stan")
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(film=film, person=person, role=Credit.Role.ACTOR, character="Stan")


def test_title_ids_are_unique_when_set(make_film):
    make_film(imdb_id="tt0118751")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_film(imdb_id="tt0118751")


def test_a_series_cannot_end_before_it_starts(make_film):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_film(kind="tvSeries", year=2007, end_year=1998)


def test_credit_reads_as_a_newsroom_would_write_it(seed):
    stan = Credit.objects.select_related("person", "film").get(character="Stan")
    assert str(stan) == "Kevin Bacon as Stan in Connescence"
    creator = Credit.objects.select_related("person", "film").get(role="creator")
    assert str(creator) == "Michael J. Weithorn, creator of The King of Queens (1998)"
