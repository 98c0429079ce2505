"""Previews: staff read a draft with the public template; a shared link opens one draft, until it expires or is revoked."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import previews

NOINDEX = '<meta name="robots" content="noindex'


@pytest.fixture
def draft(make_draft):
    return make_draft(headline="Unannounced casting news", body="<p>Embargoed until Tuesday.</p>")


def test_staff_preview_renders_the_draft_with_the_public_template(client, draft, reporter):
    client.force_login(reporter)
    response = client.get(draft.get_preview_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unannounced casting news" in page and "Embargoed until Tuesday." in page
    assert 'class="story"' in page  # the public story template
    assert "not published; readers cannot see it" in page
    assert NOINDEX in page and response["X-Robots-Tag"].startswith("noindex")


def test_staff_preview_is_for_logged_in_staff_only(client, draft, other_reporter):
    url = draft.get_preview_url()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(other_reporter)
    assert client.get(url).status_code == 404  # not their story


def test_shared_link_opens_the_draft_for_someone_without_an_account(client, draft, editor):
    link = previews.create_link(draft, by=editor, note="the studio's lawyer")
    response = client.get(previews.url_for(link))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unannounced casting news" in page
    assert NOINDEX in page and response["X-Robots-Tag"].startswith("noindex")
    assert client.get(draft.get_absolute_url()).status_code == 404  # the public address still does not show it


def test_shared_link_works_for_no_other_story(client, draft, make_draft, editor):
    other = make_draft(headline="Another secret")
    token = previews.token_for(previews.create_link(draft, by=editor))
    assert client.get(reverse("articles:preview", kwargs={"pk": other.pk, "token": token})).status_code == 404


def test_tampered_token_is_refused(client, draft, editor):
    link = previews.create_link(draft, by=editor)
    url = previews.url_for(link)
    assert client.get(url[:-3] + "xyz/").status_code == 404


def test_shared_link_stops_working_after_expiry(client, draft, editor):
    link = previews.create_link(draft, by=editor, lifetime=timedelta(days=1))
    url = previews.url_for(link)
    with time_machine.travel(timezone.now() + timedelta(hours=23), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1), tick=False):
        assert client.get(url).status_code == 404


def test_shared_link_stops_working_when_revoked(client, draft, editor):
    link = previews.create_link(draft, by=editor)
    url = previews.url_for(link)
    client.force_login(editor)
    client.post(reverse("admin:articles_article_share", args=[draft.pk]), {"revoke": link.pk})
    client.logout()
    assert client.get(url).status_code == 404


def test_making_and_opening_a_link_are_in_the_story_history(client, draft, editor):
    client.force_login(editor)
    share = reverse("admin:articles_article_share", args=[draft.pk])
    client.post(share, {"note": "the publicist", "days": "3"})
    with time_machine.travel(timezone.now(), tick=False):  # the link's signature carries the second it was drawn
        page = client.get(share).content.decode()
        url = previews.url_for(draft.preview_links.get())
    assert url in page
    client.logout()
    client.get(url)
    client.force_login(editor)
    history = client.get(reverse("admin:articles_article_history", args=[draft.pk])).content.decode()
    assert "Preview link #" in history and "made for the publicist" in history
    assert "(the publicist) opened." in history
    assert [e.action for e in draft.workflow_events.all()] == ["preview_link_used", "preview_link_created"]


def test_reporters_cannot_share_previews(client, draft, reporter):
    client.force_login(reporter)
    assert client.get(reverse("admin:articles_article_share", args=[draft.pk])).status_code == 403
    assert client.post(reverse("admin:articles_article_share", args=[draft.pk]), {}).status_code == 403
    assert not draft.preview_links.exists()


def test_opening_a_shared_link_leaves_the_readers_page_cache_warm(client, draft, editor, settings):
    from newsroom.public import page_cache

    settings.PAGE_CACHE_SECONDS = 600
    url = previews.url_for(previews.create_link(draft, by=editor))
    generation = page_cache.page_cache().get(page_cache.GENERATION_KEY, 0)
    assert client.get(url).status_code == 200
    assert page_cache.page_cache().get(page_cache.GENERATION_KEY, 0) == generation
    assert draft.workflow_events.filter(action="preview_link_used").exists()
