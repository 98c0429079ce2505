"""schema.org JSON-LD, OpenGraph and canonical URLs, as search engines and social sites read them."""

import pytest
from django.conf import settings

from films.models import Credit
from tests.conftest import SEED_STORY_URL

# Google's Article rich result: these properties must be present for a NewsArticle to qualify.
GOOGLE_NEWSARTICLE_PROPERTIES = {"headline", "image", "datePublished", "dateModified", "author", "publisher"}


def by_type(blocks):
    return {block["@type"]: block for block in blocks}


def test_story_has_news_article_with_google_properties(client, seed, json_ld):
    blocks = by_type(json_ld(client.get(SEED_STORY_URL)))
    article = blocks["NewsArticle"]
    assert GOOGLE_NEWSARTICLE_PROPERTIES <= article.keys()
    assert article["@context"] == "https://schema.org"
    assert len(article["headline"]) <= 110
    assert article["image"][0].startswith("http")
    assert article["mainEntityOfPage"]["@id"] == settings.SITE_URL + SEED_STORY_URL
    assert all(author["name"] for author in article["author"])
    assert article["publisher"]["logo"]["url"].startswith("http")


def test_story_names_its_people_and_titles_with_authority_links(client, seed, json_ld):
    article = by_type(json_ld(client.get(SEED_STORY_URL)))["NewsArticle"]
    things = {thing["name"]: thing for thing in article["about"] + article.get("mentions", [])}
    assert things["Kevin Bacon"]["@type"] == "Person"
    assert things["Kevin Bacon"]["sameAs"] == ["https://www.imdb.com/name/nm0000102/"]
    assert things["Connescence"]["@type"] == "Movie"
    assert things["The King of Queens"]["@type"] == "TVSeries"


def test_story_has_breadcrumbs(client, seed, json_ld):
    crumbs = by_type(json_ld(client.get(SEED_STORY_URL)))["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Movies", seed.headline]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert crumbs[-1]["item"] == settings.SITE_URL + SEED_STORY_URL


def test_person_page_describes_a_person(client, seed, json_ld):
    person = by_type(json_ld(client.get("/people/kevin-bacon/")))["Person"]
    assert person["name"] == "Kevin Bacon"
    assert person["birthDate"] == "1958-07-08"
    assert person["sameAs"] == ["https://www.imdb.com/name/nm0000102/"]
    assert person["spouse"][0]["name"] == "Kyra Sedgwick"


def test_title_page_describes_cast_with_characters_and_crew(client, seed, json_ld):
    movie = by_type(json_ld(client.get("/titles/connescence/")))["Movie"]
    roles = {role["actor"]["name"]: role for role in movie["actor"]}
    assert roles["Kevin Bacon"] == {
        "@type": "PerformanceRole",
        "actor": {
            "@type": "Person",
            "name": "Kevin Bacon",
            "url": f"{settings.SITE_URL}/people/kevin-bacon/",
            "sameAs": ["https://www.imdb.com/name/nm0000102/"],
        },
        "characterName": "Stan",
    }
    assert roles["Kyra Sedgwick"]["characterName"] == "Cynthia"
    assert [director["name"] for director in movie["director"]] == ["Michael J. Weithorn"]


def test_series_page_is_a_tv_series_with_its_creator(client, seed, json_ld):
    series = by_type(json_ld(client.get("/titles/the-king-of-queens/")))["TVSeries"]
    assert series["startDate"] == "1998"
    assert series["endDate"] == "2007"
    assert "Michael J. Weithorn" in [creator["name"] for creator in series["creator"]]
    assert Credit.objects.filter(film__slug="the-king-of-queens", role="creator").exists()


@pytest.mark.parametrize(
    "url", ["/", SEED_STORY_URL, "/people/kevin-bacon/", "/titles/connescence/", "/section/movies/", "/search/?q=bacon"]
)
def test_every_page_has_valid_json_ld_or_none_and_a_canonical_url(client, seed, json_ld, url):
    response = client.get(url)
    json_ld(response)  # raises if any block is not JSON
    html = response.content.decode()
    if "/search/" not in url:
        assert f'<link rel="canonical" href="{settings.SITE_URL}' in html
    assert '<meta property="og:title"' in html or "/search/" in url
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_story_opengraph(client, seed):
    html = client.get(SEED_STORY_URL).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}{SEED_STORY_URL}">' in html
    assert '<meta property="article:published_time" content="2024-02-07' in html


def test_json_ld_cannot_be_broken_out_of(client, make_story, json_ld):
    story = make_story(headline="</script><script>alert(1)</script>")
    response = client.get(story.get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert by_type(json_ld(response))["NewsArticle"]["headline"] == story.headline


def test_section_page_has_breadcrumbs(client, seed, json_ld):
    crumbs = by_type(json_ld(client.get("/section/movies/")))["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Movies"]


def test_corrections_are_described_as_correction_comments(seed):
    from datetime import UTC, datetime

    from articles.models import Correction
    from newsroom.public.structured_data import news_article

    Correction.objects.create(
        article=seed, note="An earlier version misspelt Weithorn.", at=datetime(2024, 2, 8, tzinfo=UTC)
    )
    data = news_article(seed, about_people=[], about_films=[])
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version misspelt Weithorn.",
            "datePublished": "2024-02-08T00:00:00+00:00",
        }
    ]


# Google requires an image for a Movie/TVSeries; share cards need one for every page. The rule, for titles and
# people alike: the poster or headshot, else the lead image of the newest public story about them, else the
# site's share card.


def share_crops(name):
    return [f"{settings.SITE_URL}{settings.MEDIA_URL}{url}" for url in share_image_names(name)]


def share_image_names(name):
    from core.images import SHARE_SPECS, rendition_name

    return [rendition_name(name, spec.key, spec.format) for spec in SHARE_SPECS.values()]


def story_with_lead_image(make_story, name, **fields):
    from articles.models import Article

    story = make_story(**fields)
    Article.objects.filter(pk=story.pk).update(
        lead_image=name,
        lead_image_alt="A still.",
        lead_image_width=1600,
        lead_image_height=900,
        lead_image_renditions=1,
    )
    return story


@pytest.mark.parametrize("page", ["/titles/connescence/", "/titles/the-king-of-queens/", "/people/kevin-james/"])
def test_title_and_person_without_their_own_image_use_the_site_share_card(client, seed, json_ld, page):
    response = client.get(page)
    thing = [block for block in json_ld(response) if block["@type"] in ("Movie", "TVSeries", "Person")][0]
    card = f"{settings.SITE_URL}/static/newsroom/share-card.jpg"
    assert thing["image"] == [card]
    assert f'<meta property="og:image" content="{card}">' in response.content.decode()


def test_title_without_poster_uses_the_newest_public_story_lead_image(client, seed, make_story, make_draft, json_ld):
    from datetime import timedelta

    from django.utils import timezone

    credit = Credit.objects.get(film__slug="connescence", person__slug="kevin-bacon")
    story_with_lead_image(
        make_story, "articles/old.jpg", credits=[credit], publish_at=timezone.now() - timedelta(days=2)
    )
    story_with_lead_image(make_story, "articles/new.jpg", credits=[credit])
    story_with_lead_image(make_draft, "articles/embargoed.jpg", credits=[credit])  # not public: never its image
    response = client.get("/titles/connescence/")
    movie = by_type(json_ld(response))["Movie"]
    assert movie["image"] == share_crops("articles/new.jpg")
    assert f'<meta property="og:image" content="{movie["image"][0]}">' in response.content.decode()
    person = by_type(json_ld(client.get("/people/kevin-bacon/")))["Person"]
    assert person["image"] == share_crops("articles/new.jpg")


def test_poster_and_headshot_come_first(client, seed, make_story, json_ld):
    from films.models import Film
    from people.models import Person

    credit = Credit.objects.get(film__slug="connescence", person__slug="kevin-bacon")
    story_with_lead_image(make_story, "articles/new.jpg", credits=[credit])
    Film.objects.filter(slug="connescence").update(
        poster="films/connescence.jpg", poster_width=800, poster_height=1200, poster_renditions=1
    )
    Person.objects.filter(slug="kevin-bacon").update(
        headshot="people/bacon.jpg", headshot_width=800, headshot_height=1000, headshot_renditions=1
    )
    assert by_type(json_ld(client.get("/titles/connescence/")))["Movie"]["image"] == share_crops(
        "films/connescence.jpg"
    )
    assert by_type(json_ld(client.get("/people/kevin-bacon/")))["Person"]["image"] == share_crops("people/bacon.jpg")
