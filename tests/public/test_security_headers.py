"""Every page, the admin's included, carries a Content-Security-Policy that lets no inline script run, and a
Permissions-Policy that switches off the browser features no page uses."""

import pytest
from django.core.cache import cache

from tests.conftest import SEED_STORY_URL

PAGES = ["/", SEED_STORY_URL, "/section/movies/", "/people/kevin-bacon/", "/titles/connescence/", "/search/?q=x",
         "/feeds/latest/rss/", "/sitemap.xml", "/no-such-page/", "/admin/login/"]  # fmt: skip


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGES)
def test_every_page_forbids_inline_and_foreign_scripts(client, seed, url):
    policy = directives(client.get(url))
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy.get("style-src", [])


def test_the_admin_forms_carry_the_policy_too(client, seed, superuser):
    client.force_login(superuser)
    assert directives(client.get("/admin/"))["script-src"] == ["'self'"]
    # The story form's editor needs its inline import map: it is allowed by this response's nonce, nothing wider.
    story_form = directives(client.get(f"/admin/articles/article/{seed.pk}/change/"))
    extra = [source for source in story_form["script-src"] if source != "'self'"]
    assert len(extra) == 1 and extra[0].startswith("'nonce-")
    assert story_form["style-src-attr"] == ["'unsafe-inline'"]  # pasted formatting is read through style attributes
    assert "style-src-attr" not in directives(client.get("/admin/"))


def test_pages_from_the_page_cache_carry_both_policies(client, seed, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    client.get(SEED_STORY_URL)
    cached = client.get(SEED_STORY_URL)
    assert directives(cached)["script-src"] == ["'self'"]
    assert "geolocation=()" in cached["Permissions-Policy"]


def test_permissions_policy_switches_off_camera_microphone_and_location(client, seed):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
