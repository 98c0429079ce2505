"""Editors' text reaches feed readers as text: a headline, dek or section description can never become markup
in a reader that renders feed HTML without sanitising it."""

from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from articles.models import Section

HOSTILE = [
    "<script>alert(1)</script> casting news",
    '<img src=x onerror="alert(1)"> Bacon & Sedgwick',
    '<a href="javascript:alert(1)">click</a> the trailer',
]


class Markup(HTMLParser):
    """The elements and the text an HTML renderer would make of a string."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.text = [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def as_a_reader_shows_it(detail):
    """What a feed reader that trusts the feed displays for a title or summary, and the elements it would build."""
    if detail.type == "text/plain":
        return detail.value, []
    markup = Markup(detail.value)
    return "".join(markup.text), markup.elements


def parse(client, url):
    # A reader that does not sanitise: feedparser's own clean-up would hide the defect.
    parsed = feedparser.parse(client.get(url).content, sanitize_html=False, resolve_relative_uris=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("feed", ["articles:section-feed-rss", "articles:section-feed-atom"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_headline_dek_and_section_description_go_out_as_text(client, make_story, feed, hostile):
    section = Section.objects.create(name="Casting", slug="casting", description=hostile)
    make_story(headline=hostile, dek=hostile, section=section)
    parsed = parse(client, reverse(feed, args=["casting"]))
    [entry] = parsed.entries
    for detail in (entry.title_detail, entry.summary_detail, parsed.feed.subtitle_detail):
        shown, elements = as_a_reader_shows_it(detail)
        assert elements == [], (detail.type, detail.value)
        assert shown == hostile


def test_plain_text_with_an_ampersand_reads_the_same(client, make_story):
    make_story(headline="Fast & Furious 11 <b>wraps</b>", dek="Vin & co.")
    for feed in ("articles:feed-rss", "articles:feed-atom"):
        [entry] = parse(client, reverse(feed)).entries
        assert as_a_reader_shows_it(entry.title_detail) == ("Fast & Furious 11 <b>wraps</b>", [])
        assert as_a_reader_shows_it(entry.summary_detail) == ("Vin & co.", [])
