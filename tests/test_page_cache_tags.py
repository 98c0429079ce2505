"""An edit invalidates the cached pages that show what it changed, and the lists it joins or leaves: nothing else."""

import pytest
from django.core.cache import cache
from django.db import transaction

from articles import workflow
from articles.models import ArticleCredit, Correction, Tag
from people.models import Person
from tests.conftest import SEED_STORY_URL


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()


@pytest.fixture
def cached(client, django_assert_num_queries):
    """cached(url): whether the page is answered from the cache (no query at all)."""

    def served_from_cache(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries) == 0

    return served_from_cache


@pytest.fixture
def two_stories(make_story, make_credits):
    first_credit, second_credit = make_credits(2)
    first = make_story(headline="First casting news", credits=[first_credit])
    second = make_story(headline="Second casting news", credits=[second_credit])
    return first, second


def test_editing_a_story_leaves_other_story_pages_cached(client, cached, two_stories):
    first, second = two_stories
    for story in two_stories:
        client.get(story.get_absolute_url())
    first.headline = "First casting news, corrected"
    first.save()
    assert cached(second.get_absolute_url())
    assert not cached(first.get_absolute_url())
    assert "First casting news, corrected" in client.get(first.get_absolute_url()).content.decode()


def test_editing_a_story_refreshes_the_lists_it_is_on(client, two_stories):
    """The home page, its section, the feeds and the pages of the people and titles it credits."""
    first, _ = two_stories
    credit = first.article_credits.get().credit
    lists = [
        "/",
        "/section/movies/",
        "/feeds/latest/rss/",
        credit.person.get_absolute_url(),
        credit.film.get_absolute_url(),
    ]
    for url in lists:
        client.get(url)
    first.headline = "First casting news, corrected"
    first.save()
    for url in lists:
        assert "First casting news, corrected" in client.get(url).content.decode(), url


def test_unpublishing_takes_the_story_off_every_list(client, seed, editor):
    pages = ["/", "/section/movies/", "/tag/casting/", "/people/kevin-bacon/", "/titles/connescence/"]
    for url in pages:
        assert seed.headline in client.get(url).content.decode(), url
    workflow.move(seed, "unpublish", by=editor)
    for url in pages:
        response = client.get(url)
        assert seed.headline not in response.content.decode(), url
    assert client.get(SEED_STORY_URL).status_code == 404


def test_a_new_story_about_a_title_shows_on_its_pages_but_leaves_other_titles_cached(
    client, cached, make_story, make_credits
):
    credit, elsewhere = make_credits(2)
    pages = [credit.person.get_absolute_url(), credit.film.get_absolute_url(), elsewhere.film.get_absolute_url()]
    for url in pages:
        client.get(url)
    story = make_story(headline="A new role")
    ArticleCredit.objects.create(article=story, credit=credit, position=0)
    assert "A new role" in client.get(credit.person.get_absolute_url()).content.decode()
    assert "A new role" in client.get(credit.film.get_absolute_url()).content.decode()
    # Person pages show the connections graph, which any story may change; title pages only their own stories.
    assert cached(elsewhere.film.get_absolute_url())


def test_tagging_a_story_shows_it_on_the_tag_page(client, seed, make_story):
    story = make_story(headline="Another casting scoop")
    assert "Another casting scoop" not in client.get("/tag/casting/").content.decode()
    story.tags.add(Tag.objects.get(slug="casting"))
    assert "Another casting scoop" in client.get("/tag/casting/").content.decode()


def test_renaming_a_person_leaves_pages_that_do_not_show_them_cached(client, cached, seed, two_stories):
    unrelated = two_stories[0].get_absolute_url()
    client.get(SEED_STORY_URL), client.get(unrelated)
    bacon = Person.objects.get(slug="kevin-bacon")
    bacon.name = "Kev Bacon"
    bacon.save()
    assert "Kev Bacon" in client.get(SEED_STORY_URL).content.decode()
    assert cached(unrelated)


def test_a_correction_shows_on_its_story_only(client, cached, seed, two_stories, editor):
    other = two_stories[0].get_absolute_url()
    client.get(SEED_STORY_URL), client.get(other)
    Correction.objects.create(article=seed, note="An earlier version misdated the premiere.", by=editor)
    assert "misdated the premiere" in client.get(SEED_STORY_URL).content.decode()
    assert cached(other)


def test_pages_that_name_nothing_are_fresh_after_any_edit(client, seed):
    client.get("/search/?q=bacon")
    seed.headline = "Bacon and Sedgwick reunite on screen"
    seed.save()
    response = client.get("/search/?q=bacon")
    assert "Bacon and Sedgwick reunite on screen" in response.content.decode()
    assert response["Surrogate-Key"].split() == ["all", "edit"]


def test_the_story_page_names_what_it_shows(client, seed):
    """For the CDN, as Surrogate-Key (Varnish, Fastly) and Cache-Tag (Cloudflare)."""
    keys = client.get(SEED_STORY_URL)["Surrogate-Key"].split()
    bacon = Person.objects.get(slug="kevin-bacon")
    connescence = seed.article_credits.first().credit.film_id
    assert {f"story-{seed.pk}", f"person-{bacon.pk}", f"title-{connescence}", f"section-{seed.section_id}"} <= set(keys)
    assert "stories" not in keys  # a story page is not a list: other stories' edits leave it alone
    assert client.get(SEED_STORY_URL)["Cache-Tag"].split(",") == keys


@pytest.mark.django_db(transaction=True)
def test_every_edit_is_sent_to_the_cdn_after_commit(make_person, settings):
    purged = []
    settings.CDN_PURGE = "tests.test_page_cache_tags.record_purge"
    record_purge.into = purged
    bacon = make_person(name="Kevin Bacon")
    purged.clear()
    with transaction.atomic():
        bacon.name = "Kev Bacon"
        bacon.save()
        assert purged == []  # nothing before the commit: the CDN would fetch the old rows again
    assert purged == [["edit", "graph", f"person-{bacon.pk}"]]


def record_purge(keys):
    record_purge.into.append(keys)


def test_a_page_showing_too_many_things_to_name_is_refreshed_by_any_edit(
    client, monkeypatch, make_credits, make_person
):
    """A prolific person's page would name hundreds of titles: more than a CDN takes in one header."""
    from newsroom.public import cache_tags

    prolific = make_person(name="Prolific Player")
    make_credits(4, person=prolific)
    monkeypatch.setattr(cache_tags, "MAX_TAGS", 3)  # four titles, the person and their lists: past it
    assert client.get(prolific.get_absolute_url())["Surrogate-Key"].split() == ["all", "edit"]


def test_renaming_a_title_named_only_in_the_worked_together_box_refreshes_the_story(
    client, cached, make_person, make_film, make_story, two_stories
):
    """The box names titles the story does not link (their earlier film together): the page records them too."""
    from films.models import Credit

    ana, ben = make_person(name="Ana Lindqvist", is_released=True), make_person(name="Ben Okoro", is_released=True)
    earlier, new = make_film(title="The Long Pier", year=2011, is_released=True), make_film(title="Harbour", year=2025)
    for film in (earlier, new):
        for person in (ana, ben):
            Credit.objects.create(film=film, person=person, role=Credit.Role.ACTOR, is_released=True)
    story = make_story(headline="Lindqvist and Okoro sail again", credits=Credit.objects.filter(film=new))
    url, unrelated = story.get_absolute_url(), two_stories[0].get_absolute_url()
    page = client.get(url)
    assert "The Long Pier" in page.content.decode()
    assert f"title-{earlier.pk}" in page["Surrogate-Key"].split()
    client.get(unrelated)
    earlier.title = "The Longest Pier"
    earlier.save()
    assert "The Longest Pier" in client.get(url).content.decode()
    assert cached(unrelated)


def test_editing_a_storys_copy_leaves_person_pages_cached_and_unpublishing_refreshes_them(
    client, cached, seed, two_stories, editor
):
    """Person pages show the connections graph (collaborators, the centre's number), which only a story's state or
    times can change: a desk editing copy all day leaves them cached."""
    from articles.models import Article

    other = Article.objects.get(pk=two_stories[0].pk)  # a story that is not about Kevin Bacon
    client.get("/people/kevin-bacon/")
    other.headline = "First casting news, updated"
    other.save()
    assert cached("/people/kevin-bacon/")
    workflow.move(other, "unpublish", by=editor)
    assert not cached("/people/kevin-bacon/")
