"""dumpdata --natural-foreign --natural-primary, then loaddata, gives back the same newsroom."""

import io
import json

import pytest
from django.core.management import call_command

from articles.models import Article, Section
from films.models import Credit, Film
from people.models import Person

APPS = ["people", "films", "articles"]


def dump(path=None):
    out = io.StringIO()
    call_command("dumpdata", *APPS, natural_foreign=True, natural_primary=True, indent=1, stdout=out)
    return out.getvalue()


@pytest.fixture
def dumped(seed, tmp_path):
    path = tmp_path / "newsroom.json"
    path.write_text(dump())
    return path


def test_round_trip_into_an_empty_database(dumped):
    before = json.loads(dumped.read_text())
    call_command("flush", interactive=False, verbosity=0)
    assert not Article.objects.exists()
    call_command("loaddata", str(dumped), verbosity=0)
    assert json.loads(dump()) == before


def test_round_trip_into_a_database_that_holds_other_data(dumped, make_story, make_credits):
    before = json.loads(dumped.read_text())
    call_command("flush", interactive=False, verbosity=0)
    other_credits = make_credits(4)
    make_story(slug="other-story", credits=other_credits, section=Section.objects.create(name="TV", slug="tv"))
    call_command("loaddata", str(dumped), verbosity=0)

    assert Article.objects.count() == 2
    assert Person.objects.count() == 4 + 4
    assert Film.objects.count() == 7 + 4
    assert Credit.objects.count() == 15 + 4
    reloaded = {(o["model"], json.dumps(o["fields"], sort_keys=True)) for o in json.loads(dump())}
    for obj in before:
        assert (obj["model"], json.dumps(obj["fields"], sort_keys=True)) in reloaded


def test_reloading_a_dump_over_itself_duplicates_nothing(dumped):
    counts = (Person.objects.count(), Film.objects.count(), Credit.objects.count(), Article.objects.count())
    call_command("loaddata", str(dumped), verbosity=0)
    assert (Person.objects.count(), Film.objects.count(), Credit.objects.count(), Article.objects.count()) == counts
