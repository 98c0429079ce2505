"""Reading scraped text: dates, headline, blocks, quotes and sources, before any database work."""

from datetime import date

from articles.story_text import parse_story
from articles.suggestions import index
from articles.suggestions.candidates import name_spans
from articles.suggestions.people import Taken, full_names, surnames
from articles.suggestions.text import Document

WIRE_STYLE = """Published: February 7, 2024
SHARE
Lanthimos and Stone to reunite

Advertisement
The director's next film starts shooting in May, according to Variety. Story continues below
Also Read: Ten films to watch this weekend
‘Bugonia’ is a remake, the trade reports.
"""


def test_long_form_dates_and_share_bars_are_read_and_dropped():
    story = parse_story(WIRE_STYLE, source_names=["Variety"])

    assert story.dateline == date(2024, 2, 7)
    assert story.headline == "Lanthimos and Stone to reunite"
    assert [block.text for block in story.blocks] == [
        "The director's next film starts shooting in May, according to Variety.",
        "‘Bugonia’ is a remake, the trade reports.",
    ]
    assert story.blocks[1].html == "<p><cite>Bugonia</cite> is a remake, the trade reports.</p>"
    assert [(s.name, s.credited_as) for s in story.sources] == [("Variety", "according to Variety")]


def test_text_without_a_date_or_heading_uses_its_first_sentence_as_headline():
    story = parse_story("Kevin Bacon returns. More news soon.\n\nA second paragraph follows here.")

    assert story.dateline is None
    assert story.headline == "Kevin Bacon returns."


def test_a_source_is_recognised_only_where_the_text_credits_it():
    story = parse_story(
        "Headline here today\n\nPeople who saw it loved it. The film was a hit.", source_names=["People"]
    )

    assert story.sources == []


def test_scare_quotes_are_not_taken_for_quotations():
    story = parse_story('Headline here today\n\nThe "reunion" was long awaited by fans everywhere.')

    assert story.quotes == []
    assert "<q>reunion</q>" in story.body_html


def mentions_of(text):
    """Each person named in text (full names, then surnames) -> the words that name them."""
    doc = Document(text)
    spans = name_spans(doc)
    taken = Taken(len(text))
    named = full_names(spans, index.people_by_key({s.key for s in spans}), taken)
    named += surnames(doc, named, taken)
    found = {}
    for mention in sorted(named, key=lambda m: m.start):
        found.setdefault(mention.candidates[0], []).append(mention.text)
    return found


def test_a_surname_two_people_named_in_the_story_share_is_given_to_neither(make_person):
    emma, sharon = make_person(name="Emma Stone"), make_person(name="Sharon Stone")

    mentions = mentions_of("Emma Stone met Sharon Stone. Stone said it went well.")

    assert mentions[emma] == ["Emma Stone"]
    assert mentions[sharon] == ["Sharon Stone"]


def test_a_surname_counts_only_after_the_full_name(make_person):
    kevin = make_person(name="Kevin Bacon")

    mentions = mentions_of("Bacon was served. Later Kevin Bacon arrived, and Bacon spoke.")

    assert mentions[kevin] == ["Kevin Bacon", "Bacon"]


def test_parsing_stays_linear_on_a_huge_single_paragraph_full_of_quotes():
    """A 4 MB paragraph of quotations took minutes when each quote re-read the rest of the paragraph."""
    import time

    sentence = '"We loved every minute of making this film together," Sedgwick said. '
    text = "date 2024-02-07\nA headline for the story\n" + sentence * (4_000_000 // len(sentence))

    started = time.process_time()
    story = parse_story(text, source_names=["People"])

    assert len(story.quotes) > 50_000
    assert time.process_time() - started < 5  # about 0.7 s here; the quadratic version needed minutes
