"""Story import: raw scraped text becomes a draft, and credits are suggested, never linked silently."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, CreditSuggestion, Source
from articles.story_import import decide, import_story
from films.models import Credit
from tests.conftest import SEED_STORY_SLUG, SEED_TEXT_FILE

SEED_TEXT_PATH = SEED_TEXT_FILE
FIXTURE = Path(__file__).resolve().parents[2] / "articles" / "fixtures" / "connescence.json"

STONE_STORY = """ date 2025-03-14 Advertisement

Oscar winner Emma Stone is reuniting with director Yorgos Lanthimos for a new film, Bugonia. The pair previously worked together on The Favourite and Poor Things.

Emma Stone and Yorgos Lanthimos team up again

Advertisement

Stone will play a powerful executive named Michelle, who is kidnapped by two conspiracy-obsessed young men, Variety reported. Jesse Plemons co-stars as Teddy, the elder of the two.

The film is a remake of a 2003 South Korean movie and was written with the help of its original director, according to Variety.

What's next for Stone?

"I could not ask for a better collaborator on this one," Lanthimos said in a statement.

Stone, who won her second Oscar for POOR THINGS, said she was thrilled to bring the story to a new audience.

(With inputs from Reuters)
"""

ABBOTT_STORY = """ date 2023-11-02 Advertisement

Advertisement

Quinta Brunson's hit comedy abbott elementary has been renewed for a fourth season, ABC announced on Thursday.

Abbott Elementary renewed for season four

The mockumentary, created by Brunson, follows teachers at an underfunded Philadelphia school. Brunson also stars as Janine Teagues, a second-grade teacher, alongside Tyler James Williams and Sheryl Lee Ralph.

Williams plays Gregory Eddie, the school's substitute-turned-permanent teacher, reports Deadline.

Also Read: Top 10 sitcoms of the year

“We are so grateful to our fans for every single season,” Brunson said.

(With inputs from PTI)
"""


def credit_key(credit):
    return (credit.film.slug, credit.person.slug, credit.role, credit.character)


def suggestion_keys(story_import):
    return {
        (s.film.slug, s.person.slug, s.role, s.character)
        for s in story_import.suggestions.select_related("film", "person")
    }


def mentioned(text, words):
    return re.search(rf"\b{re.escape(words)}\b", text, re.IGNORECASE) is not None


@pytest.fixture
def seed_text():
    return SEED_TEXT_PATH.read_text(encoding="utf-8")


@pytest.fixture
def seed_import(seed, seed_text):
    return import_story(text=seed_text)


@pytest.fixture
def stone_world(make_person, make_film):
    """Emma Stone's films, with people and titles that look alike but the story does not mention."""
    Source.objects.create(name="Variety", slug="variety", kind=Source.Kind.TRADE)
    Source.objects.create(name="Reuters", slug="reuters", kind=Source.Kind.WIRE)
    emma = make_person(name="Emma Stone", slug="emma-stone")
    sharon = make_person(name="Sharon Stone", slug="sharon-stone")
    yorgos = make_person(name="Yorgos Lanthimos", slug="yorgos-lanthimos")
    jesse = make_person(name="Jesse Plemons", slug="jesse-plemons")
    willem = make_person(name="Willem Dafoe", slug="willem-dafoe")
    bugonia = make_film(title="Bugonia", slug="bugonia", year=2025)
    favourite = make_film(title="The Favourite", slug="the-favourite", year=2018)
    poor_things = make_film(title="Poor Things", slug="poor-things", year=2023)
    the_help = make_film(title="The Help", slug="the-help", year=2011)
    stone = make_film(title="Stone", slug="stone-2010", year=2010)
    basic = make_film(title="Basic Instinct", slug="basic-instinct", year=1992)
    for film, person, role, character in [
        (bugonia, emma, "actor", ""),
        (bugonia, yorgos, "director", ""),
        (bugonia, jesse, "actor", "Teddy"),
        (favourite, emma, "actor", "Abigail"),
        (favourite, yorgos, "director", ""),
        (poor_things, emma, "actor", "Bella Baxter"),
        (poor_things, yorgos, "director", ""),
        (poor_things, willem, "actor", "Godwin Baxter"),
        (the_help, emma, "actor", "Skeeter"),
        (stone, make_person(name="Robert De Niro", slug="robert-de-niro"), "actor", "Jack"),
        (basic, sharon, "actor", "Catherine Tramell"),
    ]:
        Credit.objects.create(film=film, person=person, role=role, character=character)


@pytest.fixture
def abbott_world(make_person, make_film):
    Source.objects.get_or_create(slug="deadline", defaults={"name": "Deadline", "kind": Source.Kind.TRADE})
    Source.objects.create(name="PTI", slug="pti", kind=Source.Kind.WIRE)
    quinta = make_person(name="Quinta Brunson", slug="quinta-brunson")
    tyler = make_person(name="Tyler James Williams", slug="tyler-james-williams")
    sheryl = make_person(name="Sheryl Lee Ralph", slug="sheryl-lee-ralph")
    make_person(name="Sheryl Lee Ralph", slug="sheryl-lee-ralph-2")  # a namesake with no credits
    robin = make_person(name="Robin Williams", slug="robin-williams")
    abbott = make_film(title="Abbott Elementary", slug="abbott-elementary", kind="tvSeries", year=2021)
    elementary = make_film(title="Elementary", slug="elementary", kind="tvSeries", year=2012)
    thursday = make_film(title="Thursday", slug="thursday-1998", year=1998)
    for film, person, role, character in [
        (abbott, quinta, "creator", ""),
        (abbott, quinta, "actor", "Janine Teagues"),
        (abbott, tyler, "actor", ""),
        (abbott, sheryl, "actor", "Barbara Howard"),
        (elementary, make_person(name="Jonny Lee Miller", slug="jonny-lee-miller"), "actor", "Sherlock Holmes"),
        (thursday, make_person(name="Thomas Jane", slug="thomas-jane"), "actor", "Casey"),
        (make_film(title="Good Will Hunting", slug="good-will-hunting"), robin, "actor", "Sean Maguire"),
    ]:
        Credit.objects.create(film=film, person=person, role=role, character=character)


# The seed story ---------------------------------------------------------------------------------


def test_seed_text_becomes_a_draft_like_the_hand_made_story(seed_import, seed):
    draft = seed_import.article

    assert draft.state == Article.State.DRAFT
    assert draft.headline == seed.headline
    assert draft.body == seed.body  # paragraphs, the subheading, <q> quotes, <cite>, the wire credit; no ads
    assert draft.local_publish_date.isoformat() == "2024-02-07"
    assert "Advertisement" not in draft.body


def test_seed_text_sources_are_recognised_with_how_the_story_credits_them(seed_import, seed):
    def credited(story):
        return [(link.source.slug, link.credited_as) for link in story.source_links.select_related("source")]

    assert credited(seed_import.article) == credited(seed)


def test_seed_text_quotes_keep_their_words_speaker_and_source(seed_import, seed):
    imported = list(seed_import.article.quotes.select_related("source"))
    expected = list(seed.quotes.select_related("source"))

    assert [q.text for q in imported] == [q.text for q in expected]
    assert [q.source.slug for q in imported] == [q.source.slug for q in expected]
    assert [q.speaker_name for q in imported] == ["the synopsis", "the couple", "Sedgwick", "Sedgwick"]


def test_seed_suggestions_include_every_credit_of_the_seed_fixture(seed_import, seed):
    expected = {
        credit_key(link.credit) for link in seed.article_credits.select_related("credit__film", "credit__person")
    }

    assert len(expected) == 15
    assert expected <= suggestion_keys(seed_import)


def test_seed_suggestions_name_no_person_or_title_the_text_does_not_mention(seed_import, seed_text, make_person):
    for suggestion in seed_import.suggestions.select_related("person", "film"):
        assert mentioned(seed_text, suggestion.person.name)
        assert mentioned(seed_text, suggestion.film.title)
    assert not seed_import.suggestions.filter(person__slug="kevin-costner").exists()


def test_nothing_is_linked_until_an_editor_confirms(seed_import):
    assert not seed_import.article.article_credits.exists()
    assert set(seed_import.suggestions.values_list("status", flat=True)) == {CreditSuggestion.Status.PENDING}


def test_confirmed_suggestions_are_linked_in_story_order_and_rejected_ones_are_not(seed_import, superuser):
    first, second, third = seed_import.suggestions.all()[:3]

    decide(seed_import, confirm=[second.pk, first.pk], reject=[third.pk], by=superuser)

    linked = [link.credit for link in seed_import.article.article_credits.order_by("position")]
    assert linked == [first.credit, second.credit]
    third.refresh_from_db()
    assert third.status == CreditSuggestion.Status.REJECTED and third.decided_by == superuser


def test_a_person_sharing_a_surname_with_someone_named_is_not_suggested(seed, seed_text, make_person, make_film):
    namesake = make_person(name="Kevin Costner", slug="kevin-costner")
    Credit.objects.create(film=make_film(title="Connescence 2", slug="c2"), person=namesake, role="actor")
    other_bacon = make_person(name="Francis Bacon", slug="francis-bacon")
    Credit.objects.create(film_id=Credit.objects.get(character="Stan").film_id, person=other_bacon, role="writer")

    story_import = import_story(text=seed_text)

    assert not story_import.suggestions.filter(person__in=[namesake, other_bacon]).exists()


def test_importing_the_same_text_twice_makes_two_drafts_with_distinct_slugs(seed, seed_text):
    first, second = import_story(text=seed_text), import_story(text=seed_text)

    assert first.article.slug == f"{SEED_STORY_SLUG}-2" and second.article.slug == f"{SEED_STORY_SLUG}-3"


# Other stories --------------------------------------------------------------------------------


def test_stone_story_suggests_its_credits_and_characters_and_nothing_it_does_not_mention(db, stone_world):
    story_import = import_story(text=STONE_STORY)

    assert suggestion_keys(story_import) == {
        ("bugonia", "emma-stone", "actor", "Michelle"),  # "will play a powerful executive named Michelle"
        ("bugonia", "yorgos-lanthimos", "director", ""),
        ("bugonia", "jesse-plemons", "actor", "Teddy"),  # "co-stars as Teddy"
        ("the-favourite", "emma-stone", "actor", "Abigail"),
        ("the-favourite", "yorgos-lanthimos", "director", ""),
        ("poor-things", "emma-stone", "actor", "Bella Baxter"),  # also written POOR THINGS
        ("poor-things", "yorgos-lanthimos", "director", ""),
    }  # not Sharon Stone, Willem Dafoe, "the help" nor the film Stone


def test_stone_story_draft_has_its_date_headline_subheading_and_sources(db, stone_world):
    draft = import_story(text=STONE_STORY).article

    assert draft.headline == "Emma Stone and Yorgos Lanthimos team up again"
    assert draft.local_publish_date.isoformat() == "2025-03-14"
    assert "<h2>What&#x27;s next for Stone?</h2>" in draft.body or "<h2>What's next for Stone?</h2>" in draft.body
    assert [(link.source.slug, link.credited_as) for link in draft.source_links.all()] == [
        ("variety", "Variety reported"),
        ("reuters", "With inputs from Reuters"),
    ]
    quote = draft.quotes.get()
    assert (quote.speaker_name, quote.source.slug) == ("Lanthimos", "variety")


def test_abbott_story_reads_titles_in_any_case_and_skips_common_words(db, abbott_world):
    story_import = import_story(text=ABBOTT_STORY)

    assert suggestion_keys(story_import) == {
        ("abbott-elementary", "quinta-brunson", "creator", ""),
        ("abbott-elementary", "quinta-brunson", "actor", "Janine Teagues"),
        ("abbott-elementary", "tyler-james-williams", "actor", "Gregory Eddie"),  # "Williams plays Gregory Eddie"
        ("abbott-elementary", "sheryl-lee-ralph", "actor", "Barbara Howard"),
    }  # not Robin Williams, the namesake without credits, Elementary nor Thursday
    titles = {t["slug"] for t in story_import.mentions["titles"]}
    assert titles == {"abbott-elementary"}


def test_abbott_story_drops_scraped_noise_and_credits_the_wire(db, abbott_world):
    draft = import_story(text=ABBOTT_STORY).article

    assert "Also Read" not in draft.body and "Advertisement" not in draft.body
    assert draft.body.endswith("<p><small>(With inputs from PTI)</small></p>")
    assert [link.source.slug for link in draft.source_links.all()] == ["deadline", "pti"]


def test_confirming_a_character_completes_the_credit_on_file(db, abbott_world, superuser):
    story_import = import_story(text=ABBOTT_STORY)
    suggestion = story_import.suggestions.get(character="Gregory Eddie")
    assert suggestion.action == "adds the character"

    decide(story_import, confirm=[suggestion.pk], by=superuser)

    credit = story_import.article.article_credits.get().credit
    assert (credit.person.slug, credit.character) == ("tyler-james-williams", "Gregory Eddie")
    assert Credit.objects.filter(person__slug="tyler-james-williams").count() == 1


def test_a_character_the_database_lacks_is_a_new_credit_only_on_a_title_its_sentence_names(db, stone_world, superuser):
    Credit.objects.filter(person__slug="jesse-plemons").delete()
    text = STONE_STORY.replace("Jesse Plemons co-stars as Teddy", "In Bugonia, Jesse Plemons co-stars as Teddy")
    story_import = import_story(text=text)
    suggestion = story_import.suggestions.get(person__slug="jesse-plemons")
    assert suggestion.action == "new credit" and suggestion.character == "Teddy"

    decide(story_import, confirm=[suggestion.pk], by=superuser)

    assert Credit.objects.filter(person__slug="jesse-plemons", film__slug="bugonia", character="Teddy").exists()


def test_a_character_on_no_named_title_is_listed_not_invented(db, stone_world):
    Credit.objects.filter(person__slug="jesse-plemons").delete()

    story_import = import_story(text=STONE_STORY)  # "Jesse Plemons co-stars as Teddy": no title in that sentence

    assert not story_import.suggestions.filter(person__slug="jesse-plemons").exists()
    assert {"kind": "character", "text": "Jesse Plemons as Teddy"}.items() <= next(
        u for u in story_import.unmatched if u["kind"] == "character"
    ).items()


# The command ---------------------------------------------------------------------------------


def test_import_story_command_makes_a_draft_and_lists_suggestions(seed, tmp_path):
    out = io.StringIO()
    call_command("import_story", str(SEED_TEXT_PATH), "--section", "movies", stdout=out)

    text = out.getvalue()
    assert "15 credit suggestions to review" in text and "Kevin Bacon as Stan in Connescence" in text
    draft = Article.objects.get(slug=f"{SEED_STORY_SLUG}-2")
    assert draft.section.slug == "movies" and not draft.article_credits.exists()


def test_import_story_command_refuses_text_without_a_story(db, tmp_path):
    from django.core.management import CommandError

    empty = tmp_path / "empty.txt"
    empty.write_text("Advertisement\n\n")
    with pytest.raises(CommandError, match="No story found"):
        call_command("import_story", str(empty))
    assert not Article.objects.exists()


def test_fixture_and_seed_text_agree(seed_text):
    """Guards the comparison above: the fixture is the structured version of this very text."""
    objects = json.loads(FIXTURE.read_text())
    headline = next(o for o in objects if o["model"] == "articles.article")["fields"]["headline"]
    assert headline in seed_text
