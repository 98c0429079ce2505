"""Editors start an IMDb import from the admin: upload the three files, the import runs in the background through
the storage API, its page shows progress and then a report; a graph rebuild follows. A wrong file fails clearly."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.connections.freshness import current
from articles.models import GraphRebuild
from core.models import Job
from films import imdb
from films.models import Credit, Film, ImdbImport
from people.models import Person
from tests.films.test_import_imdb import NAMES, NAMES_HEADER, PRINCIPALS, PRINCIPALS_HEADER, TITLES, TITLES_HEADER

ADD_URL = reverse("admin:films_imdbimport_add")


@pytest.fixture(autouse=True)
def storage_and_graph(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    settings.CONNECTIONS_DIR = tmp_path / "graph"
    current.forget()
    yield
    current.forget()


def gz(name, header, rows):
    return SimpleUploadedFile(name, gzip.compress(("\n".join([header, *rows]) + "\n").encode()))


def three_files():
    return {
        "names": gz("name.basics.tsv.gz", NAMES_HEADER, NAMES),
        "titles": gz("title.basics.tsv.gz", TITLES_HEADER, TITLES),
        "principals": gz("title.principals.tsv.gz", PRINCIPALS_HEADER, PRINCIPALS),
    }


def start(client, after_commit, files, **options):
    with after_commit():
        response = client.post(ADD_URL, {**files, "kinds": list(imdb.ALL_KINDS), **options})
    assert response.status_code == 302, response.context["form"].errors
    return ImdbImport.objects.get(pk=re.search(r"/(\d+)/change/", response.url).group(1)), response.url


def test_an_upload_is_imported_in_the_background_and_reported(client, superuser, after_commit):
    client.force_login(superuser)
    job, url = start(client, after_commit, three_files())
    job.refresh_from_db()
    assert (job.state, job.percent, job.attempts) == (Job.State.DONE, 100, 1)
    assert Person.objects.filter(imdb_id="nm0000102").exists()
    assert Credit.objects.filter(film__imdb_id="tt0361127").count() == 2
    assert job.report["created"] == {"people": 3, "titles": 3, "credits": 5}  # an episode is no title kind
    assert [(f["file"], f["created"], f["updated"], f["filtered"]) for f in job.report["files"]] == [
        ("name.basics.tsv.gz", 3, 0, 0),
        ("title.basics.tsv.gz", 3, 0, 1),
        ("title.principals.tsv.gz", 5, 0, 1),
    ]
    assert not any(default_storage.exists(name) for name in job.inputs["files"].values())  # uploads removed

    page = client.get(url).content.decode()
    assert "Report" in page and "title.principals.tsv.gz" in page and "5 credits" in page
    assert 'data-finished="true"' in page and "job_progress.js" in page
    [rebuild] = GraphRebuild.objects.filter(kind=GraphRebuild.KIND)
    assert rebuild.state == Job.State.DONE and "after an IMDb import" in rebuild.title


def test_a_second_import_of_changed_files_reports_updates(client, superuser, after_commit):
    client.force_login(superuser)
    start(client, after_commit, three_files())
    renamed = [NAMES[0].replace("Kevin Bacon", "Kevin N. Bacon"), *NAMES[1:]]
    job, _ = start(client, after_commit, {"names": gz("name.basics.tsv.gz", NAMES_HEADER, renamed)})
    job.refresh_from_db()
    assert job.report["files"][0]["created"] == 0 and job.report["files"][0]["updated"] == 3
    assert Person.objects.get(imdb_id="nm0000102").name == "Kevin N. Bacon"


def test_a_file_in_the_wrong_layout_fails_at_once_with_a_clear_error(client, superuser, after_commit):
    client.force_login(superuser)
    wrong = gz("name.basics.tsv.gz", TITLES_HEADER, TITLES)
    job, url = start(client, after_commit, {"names": wrong})
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.FAILED, 1)  # not retried: the same bytes would fail again
    assert "wrong header for name.basics.tsv" in job.error
    assert "wrong header for name.basics.tsv" in client.get(url).content.decode()
    assert not Film.objects.exists()


def test_the_progress_script_reads_the_job_state(client, superuser):
    client.force_login(superuser)
    job = ImdbImport.objects.create(kind=ImdbImport.KIND, title="Running", state=Job.State.RUNNING, done=25, total=100)
    status = client.get(reverse("admin:films_imdbimport_status", args=[job.pk])).json()
    assert (status["percent"], status["finished"], status["state_label"]) == (25, False, "Running")
    assert (
        'data-finished="false"' in client.get(reverse("admin:films_imdbimport_change", args=[job.pk])).content.decode()
    )


def test_an_upload_needs_a_file_and_the_permission(client, make_user, after_commit):
    clerk = make_user("clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="view_imdbimport"))
    client.force_login(clerk)
    assert client.get(ADD_URL).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="add_imdbimport"))
    response = client.post(ADD_URL, {"kinds": ["movie"]})
    assert "Upload at least one of the three IMDb files." in response.content.decode()
    assert not Job.objects.exists()


def test_staff_with_the_permission_rebuild_the_graph_from_the_admin(client, make_user, after_commit, seed, settings):
    editor = make_user("rebuilder")
    client.force_login(editor)
    assert client.post(reverse("admin:articles_graphrebuild_add")).status_code == 403
    editor.user_permissions.add(Permission.objects.get(codename="add_graphrebuild"))
    with after_commit():
        response = client.post(reverse("admin:articles_graphrebuild_add"))
    [job] = GraphRebuild.objects.all()
    assert response.url == reverse("admin:articles_graphrebuild_change", args=[job.pk])
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.started_by == editor
    assert Path(job.report["directory"]).parent == settings.CONNECTIONS_DIR
    assert any(Path(job.report["directory"]).iterdir())  # the new graph's arrays


def test_editors_see_background_jobs_and_may_start_imports_and_rebuilds(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:core_job_changelist")).status_code == 200
    assert client.get(ADD_URL).status_code == 200
    assert client.get(reverse("admin:articles_graphrebuild_add")).status_code == 200


def test_progress_is_written_between_batches_as_the_files_are_read(client, superuser, after_commit, monkeypatch):
    from django.db.models.query import QuerySet

    from films import imdb_jobs

    monkeypatch.setattr(imdb_jobs, "BATCH_SIZE", 2)
    monkeypatch.setattr("films.imdb.datasets.PROGRESS_EVERY", 1)
    monkeypatch.setattr("core.jobs.PROGRESS_EVERY", 0)
    seen = []
    real_update = QuerySet.update

    def recording(queryset, **changes):
        if queryset.model is Job and "done" in changes:
            seen.append((changes["done"], changes["step"]))
        return real_update(queryset, **changes)

    monkeypatch.setattr("django.db.models.query.QuerySet.update", recording)
    client.force_login(superuser)
    job, _ = start(client, after_commit, three_files())
    reading = [(done, step) for done, step in seen if step.startswith("Reading ") and ".tsv" in step]
    assert [done for done, _ in reading] == sorted(done for done, _ in reading)  # it only moves forward
    assert [step for _, step in reading].count("Reading title.principals.tsv") >= 2  # written as the file is read
    assert {step for _, step in reading} == {
        "Reading name.basics.tsv",
        "Reading title.basics.tsv",
        "Reading title.principals.tsv",
    }
    job.refresh_from_db()
    assert job.state == Job.State.DONE
