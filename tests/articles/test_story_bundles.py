"""Story bundles: export_story writes a fixture that recreates the story in another Newsroom database."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleCredit, Quote
from films.models import Credit, Film
from people.models import Person, Relationship
from tests.conftest import SEED_STORY_SLUG

OTHER = "bundle_target"
pytestmark = pytest.mark.django_db(databases=["default", OTHER])


@pytest.fixture
def bundle(seed, tmp_path):
    path = tmp_path / "story.json"
    call_command("export_story", SEED_STORY_SLUG, "--output", str(path), stderr=io.StringIO())
    return path


def load(path, database=OTHER):
    call_command("loaddata", str(path), database=database, verbosity=0)


def credit_keys(database):
    return set(
        ArticleCredit.objects.using(database)
        .filter(article__slug=SEED_STORY_SLUG)
        .values_list("credit__film__slug", "credit__person__slug", "credit__role", "credit__character", "position")
    )


def counts(database):
    return {model.__name__: model.objects.using(database).count() for model in (Person, Film, Credit, Article, Quote)}


def test_bundle_recreates_the_story_with_everything_it_links_in_an_empty_newsroom(bundle, seed):
    load(bundle)

    story = Article.objects.using(OTHER).get(slug=SEED_STORY_SLUG)
    assert (story.headline, story.body, story.state) == (seed.headline, seed.body, seed.state)
    assert credit_keys(OTHER) == credit_keys("default") and len(credit_keys(OTHER)) == 15
    assert story.section.slug == "movies"
    assert set(story.tags.values_list("slug", flat=True)) == {"casting", "hollywood-couples"}
    assert list(story.source_links.values_list("source__slug", "credited_as")) == list(
        seed.source_links.values_list("source__slug", "credited_as")
    )
    assert list(story.quotes.values_list("text", flat=True)) == list(seed.quotes.values_list("text", flat=True))
    assert set(story.quotes.get(position=2).speakers.values_list("slug", flat=True)) == {"kevin-bacon", "kyra-sedgwick"}
    assert Relationship.objects.using(OTHER).filter(person__slug="kevin-bacon", other__slug="kyra-sedgwick").exists()
    assert counts(OTHER) == counts("default")


def test_bundle_holds_no_user_accounts(bundle):
    models = {obj["model"] for obj in json.loads(bundle.read_text())}

    assert not any(model.startswith("auth.") for model in models)
    assert "people.relationship" in models and "articles.quote" in models


def test_bundle_merges_with_people_and_titles_the_other_newsroom_has(bundle):
    # As import_imdb would have made him: another slug, the same IMDb id.
    bacon = Person.objects.using(OTHER).create(name="Kevin Bacon", slug="kevin-bacon-nm0000102", imdb_id="nm0000102")
    kyra = Person.objects.using(OTHER).create(name="Kyra Sedgwick", slug="kyra-sedgwick")
    film = Film.objects.using(OTHER).create(title="Connescence", slug="connescence")
    Credit.objects.using(OTHER).create(film=film, person=kyra, role="actor", character="Cynthia")

    load(bundle)

    assert Person.objects.using(OTHER).count() == 4 and Film.objects.using(OTHER).count() == 7
    assert Person.objects.using(OTHER).get(imdb_id="nm0000102").pk == bacon.pk
    assert Person.objects.using(OTHER).get(slug="kyra-sedgwick").pk == kyra.pk
    assert Credit.objects.using(OTHER).filter(film=film, person=kyra).count() == 1
    assert len(credit_keys(OTHER)) == 15


def test_loading_a_bundle_twice_changes_nothing(bundle):
    load(bundle)
    before = counts(OTHER)

    load(bundle)

    assert counts(OTHER) == before


def test_export_story_writes_json_to_stdout_and_refuses_unknown_slugs(seed):
    out = io.StringIO()
    call_command("export_story", SEED_STORY_SLUG, stdout=out)
    assert len(json.loads(out.getvalue())) == 56

    with pytest.raises(CommandError, match="No story with slug 'nope'"):
        call_command("export_story", "nope")


# Malformed fixtures ------------------------------------------------------------------------------

PERSON = {"model": "people.person", "fields": {"name": "Ava Ortiz", "slug": "ava-ortiz"}}


@pytest.mark.parametrize(
    "content, message",
    [
        ('[{"model": "people.person", "fields": {"name": "Ava"', r"JSONDecodeError: Expecting .* line 1 column"),
        (json.dumps([PERSON, {"model": "people.persona", "fields": {}}]), r"Invalid model identifier: people.persona"),
        (
            json.dumps([PERSON, {"model": "films.credit", "fields": {"film": ["nope"], "person": ["ava-ortiz"]}}]),
            r"Credit has no film.*neither in the database nor in the fixture",
        ),
        (
            json.dumps([PERSON, {"model": "articles.articlesource", "fields": {"article": ["x"], "source": ["y"]}}]),
            r"ArticleSource has no article.*neither in the database nor in the fixture",
        ),
        (
            json.dumps([PERSON, {"model": "people.person", "fields": {"name": "No Slug"}}]),
            r"object 2 \(people.Person\) is not valid: slug: This field cannot be blank",
        ),
        (
            json.dumps([PERSON, {"model": "films.film", "fields": {"title": "X", "slug": "x", "kind": "podcast"}}]),
            r"object 2 \(films.Film\) is not valid: kind: Value 'podcast' is not a valid choice",
        ),
    ],
    ids=["bad-json", "unknown-model", "missing-natural-key", "missing-foreign-key", "blank-slug", "bad-choice"],
)
def test_a_malformed_fixture_fails_with_a_clear_message_and_loads_nothing(tmp_path, content, message):
    path = tmp_path / "broken.json"
    path.write_text(content)

    with pytest.raises(CommandError, match=message) as failure:
        load(path, database="default")

    assert "broken.json" in str(failure.value) and "Nothing was loaded." in str(failure.value)
    assert not Person.objects.exists()  # the valid person before the bad object was rolled back too


def test_dumpdata_with_natural_keys_round_trips_into_another_database(seed, tmp_path):
    path = tmp_path / "everything.json"
    call_command(
        "dumpdata", "people", "films.film", "films.credit", "articles", "--natural-foreign", "--natural-primary",
        "--exclude", "articles.storyimport", "--exclude", "articles.creditsuggestion", "--output", str(path),
    )  # fmt: skip

    load(path)

    assert counts(OTHER) == counts("default")
    assert credit_keys(OTHER) == credit_keys("default")
