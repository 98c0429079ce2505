"""The Connescence story, as the fixture `connescence` loads it."""

import io
import json

from django.core.management import call_command

from articles.models import Article, ArticleCredit, ArticleSource, Quote
from films.models import Credit, Film
from people.models import Person, Relationship
from tests.conftest import SEED_STORY_SLUG


def dump_all():
    out = io.StringIO()
    call_command("dumpdata", "people", "films", "articles", natural_foreign=True, natural_primary=True, stdout=out)
    return json.loads(out.getvalue())


def test_seed_story_is_published_on_its_date(seed):
    assert seed.headline == "Kevin Bacon and Kyra Sedgwick join hands after 20 years"
    assert seed.local_publish_date.isoformat() == "2024-02-07"
    assert Article.objects.public().filter(pk=seed.pk).exists()


def test_seed_body_drops_scraped_noise_and_keeps_subheading_and_quotes(seed):
    assert "Advertisement" not in seed.body
    assert "<h2>Who more do we know about Connescence?</h2>" in seed.body
    assert "<q>We are so excited to work together on screen again" in seed.body
    assert "<q>It's great working with your family" in seed.body
    assert "date 2024-02-07" not in seed.body


def test_seed_people_and_titles(seed):
    assert set(Person.objects.values_list("name", flat=True)) == {
        "Kevin Bacon",
        "Kyra Sedgwick",
        "Michael J. Weithorn",
        "Kevin James",
    }
    titles = {f.title: f for f in Film.objects.all()}
    assert set(titles) == {
        "Connescence",
        "Cavedweller",
        "The Woodsman",
        "Loverboy",
        "Space Oddity",
        "The King of Queens",
        "A Little Help",
    }
    assert titles["Connescence"].release_status == Film.Status.ANNOUNCED
    assert titles["The King of Queens"].kind == Film.Kind.TV_SERIES
    assert titles["The King of Queens"].network == "CBS"
    assert {
        t: titles[t].year for t in ["Cavedweller", "The Woodsman", "Loverboy", "Space Oddity", "A Little Help"]
    } == {
        "Cavedweller": 2004,
        "The Woodsman": 2004,
        "Loverboy": 2005,
        "Space Oddity": 2022,
        "A Little Help": 2010,
    }


def test_seed_credits_are_every_credit_the_story_states_and_are_linked_in_order(seed):
    expected = {
        ("Connescence", "Kevin Bacon", "actor", "Stan"),
        ("Connescence", "Kyra Sedgwick", "actor", "Cynthia"),
        ("Connescence", "Michael J. Weithorn", "writer", ""),
        ("Connescence", "Michael J. Weithorn", "director", ""),
        ("Cavedweller", "Kevin Bacon", "actor", ""),
        ("Cavedweller", "Kyra Sedgwick", "actor", ""),
        ("The Woodsman", "Kevin Bacon", "actor", ""),
        ("The Woodsman", "Kyra Sedgwick", "actor", ""),
        ("Loverboy", "Kevin Bacon", "director", ""),
        ("Loverboy", "Kyra Sedgwick", "actor", ""),
        ("Space Oddity", "Kyra Sedgwick", "director", ""),
        ("Space Oddity", "Kevin Bacon", "actor", ""),
        ("The King of Queens", "Michael J. Weithorn", "creator", ""),
        ("The King of Queens", "Kevin James", "actor", ""),
        ("A Little Help", "Michael J. Weithorn", "director", ""),
    }
    all_credits = set(Credit.objects.values_list("film__title", "person__name", "role", "character"))
    linked = list(
        ArticleCredit.objects.filter(article=seed).values_list(
            "credit__film__title", "credit__person__name", "credit__role", "credit__character"
        )
    )
    assert all_credits == expected
    assert set(linked) == expected
    assert linked[0] == ("Connescence", "Kevin Bacon", "actor", "Stan")


def test_seed_marriage_dates_from_september_1988(seed):
    marriage = Relationship.objects.get()
    assert {marriage.person.name, marriage.other.name} == {"Kevin Bacon", "Kyra Sedgwick"}
    assert marriage.kind == Relationship.Kind.SPOUSE
    assert marriage.since_display == "September 1988"


def test_seed_sources_are_credited_as_the_story_credits_them(seed):
    links = list(ArticleSource.objects.filter(article=seed).values_list("source__name", "credited_as"))
    assert links == [
        ("People", "reports People magazine"),
        ("Deadline", "Deadline was the first to report"),
        ("IANS", "With inputs from IANS"),
    ]


def test_seed_quotes_know_who_said_them(seed):
    quotes = list(Quote.objects.filter(article=seed).prefetch_related("speakers"))
    assert len(quotes) == 4
    assert quotes[0].attribution == "the synopsis of Connescence"
    assert quotes[1].attribution == "Kevin Bacon and Kyra Sedgwick"
    assert quotes[2].attribution == "Kyra Sedgwick"
    assert all(quote.text in seed.body for quote in quotes)


def test_loading_the_seed_twice_changes_nothing(seed):
    before = dump_all()
    call_command("loaddata", "connescence", verbosity=0)
    assert dump_all() == before


def test_seed_loads_beside_other_stories(make_story, make_credits):
    other = make_story(headline="Another story", slug="another-story", credits=make_credits(3))
    call_command("loaddata", "connescence", verbosity=0)
    assert set(Article.objects.values_list("slug", flat=True)) == {"another-story", SEED_STORY_SLUG}
    assert other.article_credits.count() == 3
    assert Credit.objects.count() == 15 + 3
