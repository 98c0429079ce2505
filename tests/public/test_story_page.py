"""The story page: its credits, its address, its JSON-LD, and that nothing unpublished leaks."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.conftest import SEED_STORY_URL


def test_seed_story_is_served_at_its_dated_url(client, seed):
    response = client.get(SEED_STORY_URL)
    assert response.status_code == 200
    assert '<h1 class="story__headline">Kevin Bacon and Kyra Sedgwick join hands after 20 years</h1>' in (
        response.content.decode()
    )


def test_every_linked_credit_links_to_its_person_and_its_title(client, seed):
    html = client.get(SEED_STORY_URL).content.decode()
    box = html[html.index('class="credits-box"') : html.index("</aside>")]
    for link in seed.article_credits.select_related("credit__person", "credit__film"):
        assert f'href="{link.credit.person.get_absolute_url()}"' in box
        assert f'href="{link.credit.film.get_absolute_url()}"' in box
    assert box.count('class="credit"') == 15
    assert re.search(
        r'Kevin Bacon</a>\s*<span class="credit__role">.*?<span class="credit__character">Stan</span>', box
    )


def test_story_at_a_wrong_date_redirects_to_its_one_address(client, seed):
    response = client.get(SEED_STORY_URL.replace("/07/", "/08/"))
    assert response.status_code == 301
    assert response["Location"] == SEED_STORY_URL


def test_story_json_ld_describes_a_news_article_about_its_people_and_titles(client, seed, json_ld):
    (data,) = [block for block in json_ld(client.get(SEED_STORY_URL)) if block["@type"] == "NewsArticle"]
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == seed.headline
    assert data["datePublished"].startswith("2024-02-07")
    assert data["dateModified"]
    assert data["author"] and data["publisher"]["name"]
    about = {(thing["@type"], thing["name"]) for thing in data["about"]}
    assert ("Person", "Kevin Bacon") in about
    assert ("Movie", "Connescence") in about
    assert ("TVSeries", "The King of Queens") in about
    bacon = next(thing for thing in data["about"] if thing["name"] == "Kevin Bacon")
    assert "https://www.imdb.com/name/nm0000102/" in bacon["sameAs"]


def test_script_in_a_story_body_never_reaches_the_reader(client, make_story):
    story = make_story(
        body='<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:evil()">x</a>'
        '<img src="x" onerror="steal()"></p><h2>Kept</h2>',
        headline="</script><script>alert(2)</script>",
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert "alert(1)" not in html
    assert "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html
    assert "<script>alert(2)" not in html
    assert "<h2>Kept</h2>" in html


@pytest.mark.parametrize(
    "state, publish_in, expire_in",
    [
        (Article.State.DRAFT, -1, None),
        (Article.State.IN_REVIEW, -1, None),
        (Article.State.APPROVED, -1, None),
        (Article.State.UNPUBLISHED, -1, None),
        (Article.State.PUBLISHED, +1, None),  # scheduled
        (Article.State.PUBLISHED, -2, -1),  # expired
    ],
)
def test_unpublished_stories_are_404_and_listed_nowhere(client, make_story, make_credits, state, publish_in, expire_in):
    now = timezone.now()
    credit = make_credits(1)[0]
    story = make_story(
        headline="Secret casting news",
        state=state,
        publish_at=now + timedelta(hours=publish_in),
        expire_at=now + timedelta(hours=expire_in) if expire_in else None,
        credits=[credit],
    )
    story.tags.create(name="Exclusive", slug="exclusive")
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get("/tag/exclusive/").status_code == 404  # no public story carries the tag yet
    for page in ["/", story.section.get_absolute_url(), credit.person.get_absolute_url(),
                 credit.film.get_absolute_url()]:  # fmt: skip
        response = client.get(page)
        assert response.status_code == 200
        assert "Secret casting news" not in response.content.decode()


def test_a_series_linked_without_a_credit_is_described_as_a_series(client, seed, make_film, json_ld):
    series = make_film(title="The Following", kind="tvSeries", year=2013)
    seed.linked_films.add(series)
    data = [block for block in json_ld(client.get(SEED_STORY_URL)) if block["@type"] == "NewsArticle"][0]
    assert {"@type": "TVSeries", "name": "The Following"}.items() <= next(
        thing for thing in data["mentions"] if thing["name"] == "The Following"
    ).items()
