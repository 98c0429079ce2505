"""The reader's pages: home by section, section and tag pages, person and title pages, 404 and 500."""

import re
from datetime import timedelta

from django.template.loader import get_template
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Section, Tag
from tests.conftest import SEED_STORY_URL


def test_home_leads_with_the_newest_story_then_each_section(client, make_story):
    tv = Section.objects.create(name="TV", slug="tv", position=2)
    newest = make_story(headline="Newest", publish_at=timezone.now() - timedelta(minutes=1))
    for i in range(8):
        make_story(headline=f"Movie {i}", publish_at=timezone.now() - timedelta(hours=2 + i))
    make_story(headline="On TV", section=tv, publish_at=timezone.now() - timedelta(days=3))
    context = client.get("/").context_data
    assert context["lead"] == newest
    assert len(context["top_stories"]) == 4
    blocks = {section.slug: [story.headline for story in stories] for section, stories in context["section_blocks"]}
    assert blocks["tv"] == ["On TV"]
    assert blocks["movies"] == ["Movie 4", "Movie 5", "Movie 6", "Movie 7"]


def test_home_never_shows_drafts(client, make_story):
    make_story(headline="Draft", state=Article.State.DRAFT)
    html = client.get("/").content.decode()
    assert "Draft" not in html


def test_section_page_paginates_newest_first(client, make_story, section):
    for i in range(25):
        make_story(headline=f"Story {i:02d}", publish_at=timezone.now() - timedelta(hours=i + 1))
    first = client.get(section.get_absolute_url())
    assert [s.headline for s in first.context_data["stories"]][:2] == ["Story 00", "Story 01"]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert len(client.get(section.get_absolute_url() + "?page=2").context_data["stories"]) == 5


def test_tag_page_lists_its_stories(client, make_story):
    tag = Tag.objects.create(name="Casting", slug="casting")
    make_story(headline="Tagged").tags.add(tag)
    make_story(headline="Not tagged")
    assert [s.headline for s in client.get("/tag/casting/").context_data["stories"]] == ["Tagged"]


def test_person_page_links_every_public_story_newest_first(client, make_person, make_credits, make_story):
    person = make_person()
    [credit] = make_credits(1, person=person)
    older = make_story(headline="Older", credits=[credit], publish_at=timezone.now() - timedelta(days=2))
    newer = make_story(headline="Newer", publish_at=timezone.now() - timedelta(hours=1))
    newer.linked_people.add(person)
    make_story(headline="Hidden", credits=[credit], state=Article.State.DRAFT)
    html = client.get(person.get_absolute_url()).content.decode()
    assert html.index(newer.get_absolute_url()) < html.index(older.get_absolute_url())
    assert "Hidden" not in html


def test_person_page_paginates_its_stories(client, make_person, make_story):
    person = make_person()
    for _ in range(23):
        make_story().linked_people.add(person)
    assert len(client.get(person.get_absolute_url() + "?page=2").context_data["stories"]) == 3


def test_title_page_links_every_public_story_newest_first(client, seed, make_story, make_film):
    later = make_story(headline="Connescence wraps")
    later.linked_films.add(seed.article_credits.first().credit.film)
    stories = client.get("/titles/connescence/").context_data["stories"]
    assert [story.headline for story in stories] == ["Connescence wraps", seed.headline]


def test_story_page_shows_the_cast_and_crew_box(client, seed):
    html = client.get(SEED_STORY_URL).content.decode()
    assert "Cast &amp; crew in this story" in html
    assert "Cynthia" in html


def test_404_page_is_styled_and_offers_search(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "site.css" in html
    assert 'role="search"' in html


def test_500_page_renders_without_context_or_database():
    html = get_template("500.html").render()
    assert "Something went wrong" in html
    assert "{%" not in html


@override_settings(DEBUG=False)
def test_server_error_uses_the_500_page(client, db, monkeypatch):
    from newsroom.public.views import home as views

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_section_pages_past_the_end_are_not_found_and_nonsense_means_the_first(client, make_story, section):
    make_story(headline="Only story")
    assert client.get(section.get_absolute_url() + "?page=2").status_code == 404
    assert client.get(section.get_absolute_url() + "?page=99999999999999999999").status_code == 404
    response = client.get(section.get_absolute_url() + "?page=abc")
    assert [s.headline for s in response.context_data["stories"]] == ["Only story"]
    assert 'rel="next"' not in response.content.decode()


def test_person_page_shows_filmography_by_role_relationships_and_stories(client, seed):
    html = client.get("/people/kevin-bacon/").content.decode()
    assert "<h1>Kevin Bacon</h1>" in html
    assert '<dt>Born</dt><dd><time datetime="1958-07-08">July 8, 1958</time></dd>' in html
    assert re.search(r"<h3>Cast</h3>.*Connescence.*as Stan", html, re.S)
    assert re.search(r"<h3>Director</h3>.*Loverboy", html, re.S)
    assert (
        '<dt>Spouse</dt><dd><a href="/people/kyra-sedgwick/">Kyra Sedgwick</a> <span class="muted">(since September 1988)'
        in html
    )
    assert seed.headline in html


def test_title_page_shows_cast_in_billing_order_crew_by_role_and_stories(client, seed):
    html = client.get("/titles/connescence/").content.decode()
    cast = html[html.index('id="cast-heading"') : html.index('id="crew-heading"')]
    assert cast.index("Kevin Bacon") < cast.index("Kyra Sedgwick")
    assert 'credit__character">Stan<' in cast and 'credit__character">Cynthia<' in cast
    crew = html[html.index('id="crew-heading"') :]
    assert re.search(r"<dt>Director</dt>\s*<dd><a href=\"/people/michael-j-weithorn/\">", crew)
    assert re.search(r"<dt>Writer</dt>\s*<dd><a href=\"/people/michael-j-weithorn/\">", crew)
    assert seed.headline in html


def test_unknown_people_titles_and_stories_are_404(client, db):
    for url in ["/people/nobody/", "/titles/nothing/", "/news/2024/02/07/no-such-story/", "/news/2024/13/45/x/"]:
        assert client.get(url).status_code == 404
