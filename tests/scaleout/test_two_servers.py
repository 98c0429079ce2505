"""Two app servers behind one load balancer agree: what an editor does through one, a reader sees through the other
within a second; a login holds on both; failed logins count on both; a scheduled story appears on both at its time.

Real gunicorn servers with production settings over the suite's PostgreSQL database and one Redis (see conftest).
PostgreSQL only: app servers on several machines share one PostgreSQL (SQLite is the one-machine default).
"""

import json
import re
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from films.models import Credit, Film
from people.models import Person

from .client import Client, form_fields
from .conftest import API_RATE_LIMIT

pytestmark = pytest.mark.postgresql

FRESH_WITHIN = 1.0  # seconds from an edit (or a publication time) to every page showing it


def fresh_by(deadline, fetch, shows, what):
    """Ask until the answer shows the change; an answer asked for after the deadline that still does not fails.

    Answers asked for before the deadline may be stale: the promise is about readers arriving a second later.
    """
    while True:
        asked = time.monotonic()
        answer = fetch()
        if shows(answer):
            return answer
        if asked > deadline:
            pytest.fail(f"{what} still stale {asked - deadline + FRESH_WITHIN:.2f} s later: {answer.status}")
        time.sleep(0.05)


def admin_save(client, server, path, **changes):
    """Open an admin form, change some fields and press Save, as an editor's browser does."""
    page = client.get(server.url, path)
    assert page.status == 200, page.status
    form_id = re.search(r'<form[^>]*id="(\w+_form)"', page.text).group(1)
    fields = [(name, changes.pop(name, value)) for name, value in form_fields(page.text, form_id)]
    saved = client.post(server.url, path, fields + list(changes.items()) + [("_save", "Save")])
    assert saved.status == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', saved.text, re.S) or saved.status
    return saved


def sections_in_navigation(page):
    """The sections every page's header links to."""
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', page.text, re.S).group(1)
    return re.findall(r'<a href="/section/[^"]+/"[^>]*>([^<]+)</a>', nav)


def collaborators(person_page):
    """The names in a person page's "Frequent collaborators" list."""
    found = re.search(r'<ul class="collaborators">(.*?)</ul>', person_page.text, re.S)
    return re.findall(r'<a href="/people/[^"]+/">([^<]+)</a>', found.group(1)) if found else []


def test_a_login_through_one_server_holds_on_the_other(two_servers, shared_state, editor_client):
    a, b = two_servers
    assert editor_client.log_in(a.url, "eden", "eden-password").status == 302

    desk = editor_client.get(b.url, "/admin/")
    assert desk.status == 200
    assert re.search(r"Welcome,\s*<strong>Eden</strong>", desk.text)  # the desk, not the login page

    logout = dict(form_fields(desk.text, "logout-form"))
    assert editor_client.post(b.url, "/admin/logout/", logout).status == 200
    assert editor_client.get(a.url, "/admin/").status == 302  # logged out everywhere: back to the login page


def test_failed_logins_through_both_servers_count_together(two_servers, shared_state, real_passwords, editor, settings):
    a, b = two_servers
    guesser = Client(address="203.0.113.7")
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit):  # A, B, A, B, A: neither server alone sees the limit reached
        server = (a, b)[attempt % 2]
        failed = guesser.log_in(server.url, "eden", f"guess-{attempt}")
        assert failed.status == (429 if attempt == limit - 1 else 200), attempt  # the limit-th failure locks

    for server in two_servers:
        refused = guesser.log_in(server.url, "eden", "eden-password")
        assert refused.status == 429
        assert "Too many failed logins" in refused.text


def test_api_requests_through_both_servers_count_against_one_limit(two_servers, shared_state, reader):
    a, b = two_servers
    for request in range(API_RATE_LIMIT):
        assert reader.get((a, b)[request % 2].url, "/api/v1/sections/").status == 200, request
    for server in two_servers:
        refused = reader.get(server.url, "/api/v1/sections/")
        assert refused.status == 429 and int(refused.headers["Retry-After"]) > 0


def test_a_story_edited_through_one_server_shows_through_the_other_within_a_second(
    two_servers, site, editor_client, reader
):
    a, b = two_servers
    pages = {
        "story page": site.get_absolute_url(),
        "home": "/",
        "section page": site.section.get_absolute_url(),
        "RSS feed": "/feeds/latest/rss/",
        "Atom feed": "/feeds/latest/atom/",
        "API story": f"/api/v1/stories/{site.slug}/",
        "API list": "/api/v1/stories/",
    }
    for name, path in pages.items():  # A serves, and caches, every page as it is
        shown = reader.get(a.url, path)
        assert shown.status == 200 and site.headline in shown.text, name
    sitemap = reader.get(a.url, "/sitemap-stories.xml").text
    etag = reader.get(a.url, pages["story page"]).headers["ETag"]
    # A returning reader's copy from A is current on B (both name the same release and edit).
    assert reader.get(b.url, pages["story page"], **{"If-None-Match": etag}).status == 304

    assert editor_client.log_in(b.url, "eden", "eden-password").status == 302
    headline = "Bacon and Sedgwick reunite on screen after two decades"
    admin_save(editor_client, b, f"/admin/articles/article/{site.pk}/change/", headline=headline)
    deadline = time.monotonic() + FRESH_WITHIN

    for name, path in pages.items():
        fresh_by(deadline, lambda path=path: reader.get(a.url, path), lambda answer: headline in answer.text, name)
    site.refresh_from_db()
    lastmod = f"<lastmod>{timezone.localtime(site.updated_at).date().isoformat()}</lastmod>"  # the day of the edit
    fresh_by(deadline, lambda: reader.get(a.url, "/sitemap-stories.xml"), lambda answer: lastmod in answer.text,
             "sitemap")  # fmt: skip
    assert lastmod not in sitemap
    assert reader.get(b.url, pages["story page"], **{"If-None-Match": etag}).status == 200  # that copy is old now


def test_a_section_renamed_while_a_server_reads_the_old_name_shows_its_new_name_everywhere(two_servers, site, reader):
    a, b = two_servers
    section = site.section
    with transaction.atomic():  # a third server's edit; B renders the navigation from the old row meanwhile
        section.name = "Film news"
        section.save()
        assert sections_in_navigation(reader.get(b.url, "/search/")) == ["Movies"]
    deadline = time.monotonic() + FRESH_WITHIN

    for server in two_servers:
        fresh_by(deadline, lambda url=server.url: reader.get(url, "/"),
                 lambda answer: sections_in_navigation(answer) == ["Film news"],
                 f"navigation on {server.url}")  # fmt: skip


def test_a_credit_added_through_one_server_reaches_the_connections_on_the_other(
    two_servers, site, editor_client, reader
):
    a, b = two_servers
    chain = "?from=kevin-james&to=kyra-sedgwick"
    hops = {
        "/connections/ as JSON": f"/connections/{chain}&format=json",
        "API connections": f"/api/v1/connections/{chain}",
    }
    for name, path in hops.items():
        assert json.loads(reader.get(b.url, path).text)["hops"] == 2, name  # via The King of Queens and Weithorn
    assert "Kyra Sedgwick" not in collaborators(reader.get(b.url, "/people/kevin-james/"))

    assert editor_client.log_in(a.url, "eden", "eden-password").status == 302
    kevin_james, connescence = Person.objects.get(slug="kevin-james"), Film.objects.get(slug="connescence")
    admin_save(editor_client, a, "/admin/films/credit/add/", person=kevin_james.pk, film=connescence.pk,
               role="actor", character="Himself")  # fmt: skip
    deadline = time.monotonic() + FRESH_WITHIN

    for name, path in hops.items():
        fresh_by(deadline, lambda path=path: reader.get(b.url, path), lambda answer: json.loads(answer.text)["hops"] == 1,
                 name)  # fmt: skip
    fresh_by(deadline, lambda: reader.get(b.url, f"/connections/{chain}"), lambda answer: "1 step" in answer.text,
             "/connections/ page")  # fmt: skip
    fresh_by(deadline, lambda: reader.get(b.url, "/people/kevin-james/"),
             lambda answer: {"Kevin Bacon", "Kyra Sedgwick"} <= set(collaborators(answer)), "collaborators")  # fmt: skip


def test_a_scheduled_story_appears_on_both_servers_at_its_time(two_servers, site, reader, make_story):
    # A credit brought by the story is embargoed with it: the graph gains it at the story's time too.
    credit = Credit.objects.create(
        person=Person.objects.get(slug="kevin-james"), film=Film.objects.get(slug="connescence"),
        role=Credit.Role.ACTOR, character="Himself", is_released=False,
    )  # fmt: skip
    headline = "Kevin James joins the cast of Connescence"
    publish_at = timezone.now() + timedelta(seconds=4)  # time to look at every page on both before
    story = make_story(headline=headline, section=site.section, publish_at=publish_at, credits=[credit])
    at = time.monotonic() + (publish_at - timezone.now()).total_seconds()
    url = story.get_absolute_url()
    pages = {
        "story page": (url, lambda answer: answer.status == 200),
        "home": ("/", lambda answer: headline in answer.text),
        "section page": (site.section.get_absolute_url(), lambda answer: headline in answer.text),
        "RSS feed": ("/feeds/latest/rss/", lambda answer: headline in answer.text),
        "Atom feed": ("/feeds/latest/atom/", lambda answer: headline in answer.text),
        "sitemap": ("/sitemap-stories.xml", lambda answer: url in answer.text),
        "news sitemap": ("/news-sitemap-news.xml", lambda answer: url in answer.text),
        "API list": ("/api/v1/stories/", lambda answer: story.slug in answer.text),
        "connections": ("/connections/?from=kevin-james&to=kyra-sedgwick&format=json",
                        lambda answer: json.loads(answer.text)["hops"] == 1),
    }  # fmt: skip

    early = 0
    for server in two_servers:  # both serve (and cache) every page without the story until its time
        for name, (path, shows) in pages.items():
            answer = reader.get(server.url, path)
            if time.monotonic() < at:
                assert not shows(answer), f"{name} on {server.url} before the story's time"
                early += 1
    assert early >= len(pages), "the machine is too slow to look before the story's time"

    time.sleep(max(0, at - time.monotonic()))
    for server in two_servers:
        for name, (path, shows) in pages.items():
            fresh_by(
                at + FRESH_WITHIN, lambda url=server.url + path: reader.get(url, ""), shows, f"{name} on {server.url}"
            )


def test_a_graph_rebuilt_on_one_machine_leaves_the_other_machine_s_answers_fresh(
    two_servers, site, editor_client, reader, settings
):
    a, b = two_servers
    chain = "/api/v1/connections/?from=kevin-james&to=kyra-sedgwick"
    assert editor_client.log_in(a.url, "eden", "eden-password").status == 302
    kevin_james, connescence = Person.objects.get(slug="kevin-james"), Film.objects.get(slug="connescence")
    admin_save(editor_client, a, "/admin/films/credit/add/", person=kevin_james.pk, film=connescence.pk,
               role="actor", character="Himself")  # fmt: skip
    fresh_by(time.monotonic() + FRESH_WITHIN, lambda: reader.get(b.url, chain),
             lambda answer: json.loads(answer.text)["hops"] == 1, "connections on B")  # fmt: skip

    settings.CONNECTIONS_DIR = a.graph_dir
    for _ in range(2):  # machine A's periodic build_graph, twice: folding the change log into A's base
        call_command("build_graph", verbosity=0)

    fresh_by(time.monotonic() + FRESH_WITHIN, lambda: reader.get(b.url, chain),
             lambda answer: json.loads(answer.text)["hops"] == 1, "connections on B after A's rebuilds")  # fmt: skip
    for _ in range(5):  # and it stays so, whichever of B's workers answers
        assert json.loads(reader.get(b.url, chain).text)["hops"] == 1
