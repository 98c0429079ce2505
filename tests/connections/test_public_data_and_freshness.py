"""The graph holds only what readers may see, and an edit reaches its answers at once, with or without a rebuild."""

import numpy as np
from django.core.management import call_command

from articles import connections, workflow
from articles.connections import store
from articles.models import Article
from films.models import Credit, Film
from people.models import Person
from tests.conftest import SEED_STORY_URL

from .conftest import CONNECTIONS_URL


def hops(client, source, target):
    return client.get(CONNECTIONS_URL, {"from": source, "to": target, "format": "json"}).json()["hops"]


def shortcut(**fields):
    """Kevin James and Kyra Sedgwick in one new title: a one-step chain between them."""
    film = Film.objects.create(title="Secret Project", slug="secret-project", year=2025, **fields)
    james, sedgwick = Person.objects.get(slug="kevin-james"), Person.objects.get(slug="kyra-sedgwick")
    return film, [
        Credit.objects.create(person=james, film=film, role="actor", is_released=False),
        Credit.objects.create(person=sedgwick, film=film, role="actor", is_released=False),
    ]


def test_an_unreleased_credit_never_appears(client, seed):
    shortcut()
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    assert "Secret Project" not in client.get("/people/kevin-james/").content.decode()
    assert (
        "Secret Project"
        not in client.get(CONNECTIONS_URL, {"from": "kevin-james", "to": "kyra-sedgwick"}).content.decode()
    )


def test_a_credit_linked_by_an_unpublished_story_appears_once_the_story_is_published(client, seed, editor, make_draft):
    _, credits = shortcut()
    story = make_draft(state=Article.State.APPROVED, credits=credits)
    story.linked_people.add(Person.objects.get(slug="kevin-bacon"))
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    workflow.move(story, "publish", by=editor)
    assert hops(client, "kevin-james", "kyra-sedgwick") == 1
    workflow.move(story, "unpublish", by=editor)
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2


def test_build_graph_writes_memory_mapped_arrays_and_swaps_them_in(graph_on_disk, seed):
    call_command("build_graph", verbosity=0)
    base = store.load(graph_on_disk)
    assert isinstance(base.indices, np.memmap) and base.people == 4 and base.nodes == 11
    assert (graph_on_disk / "current").is_symlink()
    first = store.current_version(graph_on_disk)
    call_command("build_graph", verbosity=0)
    assert store.current_version(graph_on_disk) != first


def test_a_credit_saved_deleted_or_released_reaches_answers_without_a_rebuild(client, graph_on_disk, seed):
    call_command("build_graph", verbosity=0)
    version = store.current_version(graph_on_disk)
    film, credits = shortcut()
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    for credit in credits:  # an editor releases both credits
        credit.is_released = True
        credit.save()
    assert hops(client, "kevin-james", "kyra-sedgwick") == 1
    page = client.get("/people/kevin-james/").content.decode()
    assert "Secret Project" in page  # a frequent collaborator's title, from the overlay
    credits[0].delete()
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    newcomer = Person.objects.create(name="New Face", slug="new-face")
    Credit.objects.create(person=newcomer, film=Film.objects.get(slug="the-king-of-queens"), role="actor")
    assert hops(client, "new-face", "kevin-bacon") == 2
    film.title = "Renamed Project"
    film.save()
    assert store.current_version(graph_on_disk) == version  # all of it without a rebuild


def test_a_title_embargoed_after_the_build_leaves_the_answers(client, graph_on_disk, seed):
    call_command("build_graph", verbosity=0)
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    for link in seed.article_credits.filter(credit__film__slug="the-king-of-queens"):
        link.delete()  # the story no longer makes the series public
    series = Film.objects.get(slug="the-king-of-queens")
    series.is_released = False
    series.save()
    assert hops(client, "kevin-james", "kyra-sedgwick") is None
    page = client.get("/people/michael-j-weithorn/").content.decode()
    assert "Kevin James" not in page[page.index('class="person-connections"') :]


def test_graph_reads_are_free_once_fresh(client, seed, django_assert_num_queries):
    connections.graph()
    with django_assert_num_queries(0):
        connections.graph()


def test_story_page_still_runs_six_queries_with_the_box(client, seed, warm_get, django_assert_max_num_queries):
    warm_get(SEED_STORY_URL)
    with django_assert_max_num_queries(6):
        assert "Worked together" in client.get(SEED_STORY_URL).content.decode()


def test_person_page_still_runs_four_queries_with_connections(client, seed, warm_get, django_assert_num_queries):
    warm_get("/people/kevin-james/")
    with django_assert_num_queries(4):
        assert "Bacon number 2" in client.get("/people/kevin-james/").content.decode()


def test_connections_page_runs_one_query_and_suggestions_one(client, seed, warm_get, django_assert_num_queries):
    url = warm_get(f"{CONNECTIONS_URL}?from=kevin-james&to=kevin-bacon")
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(f"{CONNECTIONS_URL}?from=kevin-james&to=kevin-bacon&format=json").status_code == 200
    with django_assert_num_queries(1):
        client.get("/connections/people/?q=kev")


def test_the_graph_reads_the_same_public_credits_as_every_page(seed, make_draft):
    """The build's bulk read and public_credits() agree, embargoes and story links included."""
    from articles.connections import columns
    from articles.visibility import public_credits, public_credits_in_bulk

    def read(credits):
        return columns.read(credits, ("person_id", "film_id", "pk"), (np.int64, np.int64, np.int64))

    _, hidden = shortcut()  # unreleased credits
    bacon = Person.objects.get(slug="kevin-bacon")
    embargoed_title = Film.objects.create(title="Embargoed", slug="embargoed", is_released=False)
    hidden.append(Credit.objects.create(person=bacon, film=embargoed_title, role="actor"))
    embargoed = Person.objects.create(name="Embargoed Actor", slug="embargoed-actor", is_released=False)
    hidden.append(Credit.objects.create(person=embargoed, film=Film.objects.get(slug="connescence"), role="actor"))
    make_draft(state=Article.State.DRAFT, credits=hidden[-1:])  # a draft's link makes nothing public
    bulk = set(public_credits_in_bulk(read)[2].tolist())
    assert bulk == set(public_credits().values_list("pk", flat=True))
    assert len(bulk) > 10 and not {credit.pk for credit in hidden} & bulk


def test_only_a_save_that_moves_a_storys_state_or_times_reaches_the_graph(client, seed, make_draft):
    """An edit of the copy leaves the graph (and the person pages drawn from it) alone; publishing, as a full save
    of the story read from the database (the admin's form), reaches the next answer."""
    from django.utils import timezone

    from articles.models import GraphChange

    _, credits = shortcut()
    make_draft(state=Article.State.APPROVED, credits=credits, slug="secret-story")
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    story = Article.objects.get(slug="secret-story")
    before = GraphChange.objects.count()
    story.headline = "A secret project, rewritten"
    story.save()
    story.body = "<p>Rewritten again.</p>"
    story.save(update_fields=["body"])
    assert GraphChange.objects.count() == before
    story.state, story.publish_at = Article.State.PUBLISHED, timezone.now()
    story.save()
    assert GraphChange.objects.count() == before + 1
    assert hops(client, "kevin-james", "kyra-sedgwick") == 1
    deferred = Article.objects.only("pk", "headline").get(slug="secret-story")
    deferred.state = Article.State.UNPUBLISHED  # a field not read: counted as moved, and no query to find out
    deferred.save()
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
