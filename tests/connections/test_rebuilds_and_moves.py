"""Edits the change log cannot name row by row (a moved credit's old title, bulk writes) and the full rebuild."""

import fcntl
import threading
import time
from dataclasses import replace

from django.core.management import call_command

from articles.connections import store
from articles.connections.freshness import current, rebuild, rebuild_requested
from articles.models import Article
from films.models import Credit, Film
from people.models import Person

from .conftest import CONNECTIONS_URL
from .test_public_data_and_freshness import hops, shortcut


def shared_titles(client, first, second):
    page = client.get(f"/people/{first}/").content.decode()
    return second in page[page.index('class="person-connections"') :]


def test_a_credit_moved_to_another_title_leaves_its_old_title(client, graph_on_disk, seed):
    call_command("build_graph", verbosity=0)
    weithorn = Person.objects.get(slug="michael-j-weithorn")
    credit = Credit.objects.get(person=weithorn, film__slug="the-king-of-queens")
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    credit.film = Film.objects.create(title="Elsewhere", slug="elsewhere", year=2001)
    credit.save()
    # The King of Queens no longer links Kevin James to Michael J. Weithorn, so the two-step chain is gone.
    assert hops(client, "kevin-james", "kyra-sedgwick") is None
    assert not shared_titles(client, "kevin-james", "Michael J. Weithorn")


def test_a_credit_moved_to_another_person_leaves_its_old_person(client, graph_on_disk, seed):
    call_command("build_graph", verbosity=0)
    credit = Credit.objects.get(person__slug="kevin-james", film__slug="the-king-of-queens")
    newcomer = Person.objects.create(name="Stand In", slug="stand-in")
    credit.person = newcomer
    credit.save()
    assert hops(client, "kevin-james", "kyra-sedgwick") is None
    assert hops(client, "stand-in", "kyra-sedgwick") == 2


def test_a_bulk_update_reaches_answers_after_a_rebuild(client, graph_on_disk, seed, django_capture_on_commit_callbacks):
    seed.article_credits.filter(credit__film__slug="the-king-of-queens").delete()  # released credits stay public
    call_command("build_graph", verbosity=0)
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    asked = []
    rebuild_requested.connect(lambda sender, **kwargs: asked.append(sender), weak=False, dispatch_uid="test-asked")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            hidden = Credit.objects.filter(film__slug="the-king-of-queens").update(is_released=False)
    finally:
        rebuild_requested.disconnect(dispatch_uid="test-asked")
    assert hidden == 2 and asked == [Credit]  # the task queue is asked for a rebuild
    rebuild()
    assert hops(client, "kevin-james", "kyra-sedgwick") is None


def test_the_imdb_importer_asks_for_a_rebuild(graph_on_disk, seed, tmp_path, django_capture_on_commit_callbacks):
    asked = []
    rebuild_requested.connect(lambda sender, **kwargs: asked.append(sender), weak=False, dispatch_uid="test-import")
    names = tmp_path / "name.basics.tsv"
    names.write_text(
        "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n"
        "nm9999999\tBulk Person\t1970\t\\N\tactor\t\\N\n"
    )
    try:
        from films.imdb import import_datasets

        with django_capture_on_commit_callbacks(execute=True):
            import_datasets(paths={"names": names})
    finally:
        rebuild_requested.disconnect(dispatch_uid="test-import")
    assert Credit in asked and Person in asked


def test_a_rebuild_asked_while_another_ran_returns_that_one(graph_on_disk, seed, monkeypatch):
    from articles.connections import freshness

    base = freshness.build()
    holding = threading.Event()

    def another_rebuild():  # another process's rebuild: holds the lock, then writes a graph read after we asked
        graph_on_disk.mkdir(parents=True, exist_ok=True)
        with open(graph_on_disk / freshness.LOCK_FILE, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            holding.set()
            time.sleep(0.3)
            store.save(replace(base, built_at=time.time()), graph_on_disk)

    other = threading.Thread(target=another_rebuild)
    other.start()
    holding.wait(5)
    builds = []
    monkeypatch.setattr(freshness, "build", lambda **kwargs: builds.append(kwargs))
    path = rebuild()
    other.join(5)
    assert builds == []  # it waited for the lock, then found a graph newer than its request
    assert path.name == store.current_version(graph_on_disk)


def test_requests_keep_answers_from_the_served_graph_during_a_rebuild(client, graph_on_disk, seed, monkeypatch):
    from articles.connections import freshness

    call_command("build_graph", verbosity=0)
    served = store.current_version(graph_on_disk)
    answers = []
    real_build = freshness.build

    def build_while_reading(**kwargs):
        answers.append((hops(client, "kevin-james", "kyra-sedgwick"), store.current_version(graph_on_disk)))
        return real_build(**kwargs)

    monkeypatch.setattr(freshness, "build", build_while_reading)
    rebuild()
    assert answers == [(2, served)]  # answered, from the old version, while the new one was being built
    assert store.current_version(graph_on_disk) != served


def test_a_draft_credit_never_shapes_a_path_even_after_a_rebuild(client, graph_on_disk, seed, make_draft):
    _, credits = shortcut()
    make_draft(state=Article.State.DRAFT, credits=credits)
    rebuild()
    assert hops(client, "kevin-james", "kyra-sedgwick") == 2
    answer = client.get(CONNECTIONS_URL, {"from": "kevin-james", "to": "kyra-sedgwick", "format": "json"}).json()
    assert "secret-project" not in str(answer)


def test_not_connected_after_an_edit_is_answered_without_a_search(client, graph_on_disk, seed, monkeypatch):
    from articles.connections import paths

    call_command("build_graph", verbosity=0)
    loner = Person.objects.create(name="Lone Actor", slug="lone-actor")
    Credit.objects.create(person=loner, film=Film.objects.create(title="Solo", slug="solo", year=2020))
    searched = []
    monkeypatch.setattr(paths, "_scratch", lambda size: searched.append(size))
    assert hops(client, "kevin-bacon", "lone-actor") is None
    assert searched == []  # the components told, before any search state was touched


def test_loading_a_fixture_asks_for_one_rebuild(db, graph_on_disk, django_capture_on_commit_callbacks):
    asked = []
    rebuild_requested.connect(lambda sender, **kwargs: asked.append(sender), weak=False, dispatch_uid="test-fixture")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("loaddata", "connescence", verbosity=0)
    finally:
        rebuild_requested.disconnect(dispatch_uid="test-fixture")
    assert len(asked) == 1  # however many rows the fixture holds


def test_a_machine_with_an_older_graph_keeps_the_edits_another_machine_s_rebuilds_took_in(
    client, graph_on_disk, seed, settings, tmp_path
):
    call_command("build_graph", verbosity=0)  # machine B's graph
    Credit.objects.create(
        person=Person.objects.get(slug="kevin-james"), film=Film.objects.get(slug="connescence"), role="actor"
    )
    settings.CONNECTIONS_DIR = tmp_path / "machine-a"
    for _ in range(2):  # machine A's periodic rebuilds take the edit into its own graph
        call_command("build_graph", verbosity=0)
    settings.CONNECTIONS_DIR = graph_on_disk
    current.forget()  # a worker starting on machine B reads its older graph and the change log since
    assert hops(client, "kevin-james", "kyra-sedgwick") == 1


def test_writes_in_bulk_rebuild_the_graph_on_disk(graph_on_disk, seed, django_capture_on_commit_callbacks):
    call_command("build_graph", verbosity=0)
    before = store.current_version(graph_on_disk)
    with django_capture_on_commit_callbacks(execute=True):
        Credit.objects.filter(person__slug="kevin-james").update(character="Doug Heffernan")
    assert store.current_version(graph_on_disk) not in ("", before)
