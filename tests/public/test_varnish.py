"""A real Varnish (Debian's varnishd, deploy/varnish/newsroom.vcl) in front of a real gunicorn on the test database.

The edits are made here, as the admin would make them: their purge hook (newsroom.public.varnish) bans by key.
The test database's rows are committed (transactional tests), so gunicorn, another process, reads them.
"""

import http.client
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from articles import previews
from tests.conftest import SEED_STORY_URL, free_port

ROOT = Path(__file__).resolve().parent.parent.parent
VCL = ROOT / "deploy" / "varnish" / "newsroom.vcl"

pytestmark = pytest.mark.django_db(transaction=True)


def database_url():
    """The test database, as a DATABASE_URL another process can open."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(url, process, what):
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError(f"{what} exited: {process.stderr.read().decode()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{what} did not answer at {url}")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def varnish(tmp_path, settings, seed):
    """(Varnish's address, gunicorn's address): gunicorn serving the test database, Varnish in front of it."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    assert Path(varnishd).exists(), "varnishd is missing: `make test` installs Debian's varnish package"
    app_port, cache_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",  # no connection left open when the test database is dropped
        "LOG_LEVEL": "ERROR",
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--bind", f"127.0.0.1:{app_port}",
         "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    (tmp_path / "backend.vcl").write_text(f'backend default {{ .host = "127.0.0.1"; .port = "{app_port}"; }}\n')
    cache = subprocess.Popen(
        [varnishd, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a", f"127.0.0.1:{cache_port}",
         "-f", str(VCL), "-p", f"vcl_path={tmp_path}:{VCL.parent}", "-s", "malloc,32m", "-T", "127.0.0.1:0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{app_port}/robots.txt", app, "gunicorn")
        wait_for(f"http://127.0.0.1:{cache_port}/robots.txt", cache, "varnishd")
        settings.CDN_PURGE = "newsroom.public.varnish.purge"
        settings.VARNISH_URLS = [f"http://127.0.0.1:{cache_port}"]
        settings.CDN_REPURGE_SECONDS = 0
        yield f"http://127.0.0.1:{cache_port}"
    finally:
        stop(cache)
        stop(app)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()


def test_a_story_edit_shows_through_varnish_within_a_second_and_other_pages_stay_cached(varnish, seed, make_story):
    other = make_story(headline="A story nobody edits").get_absolute_url()
    for url in (SEED_STORY_URL, other):
        assert get(varnish + url)[0]["X-Cache"] == "MISS"
        assert get(varnish + url)[0]["X-Cache"] == "HIT"
    seed.headline = "Bacon and Sedgwick reunite on screen"
    seed.save()
    started = time.monotonic()
    while "Bacon and Sedgwick reunite on screen" not in get(varnish + SEED_STORY_URL)[1]:
        assert time.monotonic() - started < 1, "the edit did not show through Varnish within a second"
        time.sleep(0.05)
    headers, body = get(varnish + other)
    assert headers["X-Cache"] == "HIT"
    assert "A story nobody edits" in body
    assert "Surrogate-Key" not in headers  # the keys are for Varnish only


def test_a_person_edit_purges_every_page_that_names_them(varnish, seed):
    from people.models import Person

    pages = [SEED_STORY_URL, "/people/kevin-bacon/", "/titles/connescence/"]
    for url in pages:
        get(varnish + url)
    bacon = Person.objects.get(slug="kevin-bacon")
    bacon.name = "Kev Bacon"
    bacon.save()
    for url in pages:
        headers, body = get(varnish + url)
        assert "Kev Bacon" in body, url
        assert headers["X-Cache"] == "MISS", url


def test_drafts_previews_and_logged_in_pages_are_never_cached(varnish, make_draft, editor):
    draft = make_draft(headline="Embargoed casting news")
    link = previews.url_for(previews.create_link(draft, by=editor))
    for _ in range(2):
        headers, body = get(varnish + link)
        assert "Embargoed casting news" in body
        assert headers["X-Cache"] == "MISS"
        assert "no-store" in headers["Cache-Control"]
    for _ in range(2):
        headers, _ = get(varnish + "/", Cookie="sessionid=someone")
        assert headers["X-Cache"] == "MISS"
    assert get(varnish + "/")[0]["Cache-Control"].startswith("public")


def test_only_the_app_servers_may_purge(varnish):
    """The VCL's purgers ACL: 127.0.0.1 may ban, another address (here 127.0.0.2) may not."""
    host, port = varnish.removeprefix("http://").split(":")
    for source, expected in (("127.0.0.2", 403), ("127.0.0.1", 200)):
        client = http.client.HTTPConnection(host, int(port), timeout=5, source_address=(source, 0))
        client.request("BAN", "/", headers={"X-Purge-Keys": "all"})
        assert client.getresponse().status == expected, source
        client.close()
