"""The production entry point (newsroom.wsgi) answers cache hits before Django builds a request, exactly as the
page the site rendered: same bytes, same headers, 304s, HEAD, and never for a reader with a session."""

import io
import sys

import pytest
from django.core.cache import cache
from django.core.signals import request_started
from django.db import close_old_connections

from newsroom.wsgi import application
from tests.conftest import SEED_STORY_URL


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()


@pytest.fixture
def wsgi_get(db):
    """Call the WSGI application as gunicorn does: (status line, headers as a dict, body)."""

    def call(path, *, method="GET", query="", scheme="http", **headers):
        environ = {
            "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "testserver",
            "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": scheme,
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr, **headers,
        }  # fmt: skip
        started = []
        # As Django's test client does: the test's transaction must not be closed by the request.
        request_started.disconnect(close_old_connections)
        try:
            body = b"".join(
                application(environ, lambda status, headers, exc_info=None: started.append((status, headers)))
            )
        finally:
            request_started.connect(close_old_connections)
        status, header_list = started[0]
        return status, dict(header_list), body

    return call


def test_a_hit_is_the_rendered_page_without_a_query(wsgi_get, seed, django_assert_num_queries):
    status, headers, body = wsgi_get(SEED_STORY_URL)
    with django_assert_num_queries(0):
        hit = wsgi_get(SEED_STORY_URL)
    assert hit[0] == status == "200 OK"
    assert hit[2] == body
    # The same headers; only the ages count down with the entry (it may not be kept past its end).
    assert {**hit[1], "Cache-Control": None} == {**headers, "Cache-Control": None}
    assert hit[1]["Cache-Control"].startswith("public, max-age=")
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options", "Surrogate-Key", "ETag"):
        assert name in headers, name


def test_a_returning_reader_gets_304(wsgi_get, seed):
    _, headers, _ = wsgi_get(SEED_STORY_URL)
    status, not_modified, body = wsgi_get(SEED_STORY_URL, HTTP_IF_NONE_MATCH=headers["ETag"])
    assert status == "304 Not Modified"
    assert body == b""
    assert not_modified["ETag"] == headers["ETag"]


def test_a_head_request_is_answered_from_the_page_a_get_stored(wsgi_get, seed, django_assert_num_queries):
    _, headers, _ = wsgi_get(SEED_STORY_URL)
    with django_assert_num_queries(0):
        status, head_headers, _ = wsgi_get(SEED_STORY_URL, method="HEAD")
    assert status == "200 OK"
    assert head_headers["ETag"] == headers["ETag"]


def test_each_query_string_is_its_own_page(wsgi_get, seed):
    wsgi_get("/search/", query="q=bacon")
    _, _, other = wsgi_get("/search/", query="q=nobody-at-all")
    _, _, first = wsgi_get("/search/", query="q=bacon")
    assert other != first
    assert b"Kevin Bacon and Kyra Sedgwick" in first


def test_a_reader_with_a_session_is_never_served_from_the_cache(wsgi_get, seed, django_assert_max_num_queries):
    wsgi_get(SEED_STORY_URL)
    with django_assert_max_num_queries(20) as queries:
        wsgi_get(SEED_STORY_URL, HTTP_COOKIE="sessionid=abc")
    assert len(queries.captured_queries) > 0


def test_an_edit_shows_at_once(wsgi_get, seed):
    wsgi_get(SEED_STORY_URL)
    seed.headline = "Bacon and Sedgwick reunite on screen"
    seed.save()
    assert b"Bacon and Sedgwick reunite on screen" in wsgi_get(SEED_STORY_URL)[2]


def test_http_never_meets_the_https_page(wsgi_get, seed, settings, monkeypatch):
    from django.core.wsgi import get_wsgi_application

    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    monkeypatch.setattr("newsroom.wsgi.django_application", get_wsgi_application())  # middleware read settings once
    assert wsgi_get(SEED_STORY_URL, scheme="https")[1]["Strict-Transport-Security"].startswith("max-age=3600")
    assert wsgi_get(SEED_STORY_URL, scheme="https")[1]["Strict-Transport-Security"].startswith("max-age=3600")
    status, headers, _ = wsgi_get(SEED_STORY_URL)
    assert status.startswith("301")
    assert headers["Location"] == f"https://testserver{SEED_STORY_URL}"
