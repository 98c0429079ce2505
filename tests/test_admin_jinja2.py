"""The admin's fieldsets, inlines and app list are drawn by Jinja2 (core/admin_jinja2.py): each page must be the same
document Django's own templates make, for every kind of user and with errors on the form.

The oracle is Django's template of the same name, read from django/contrib/admin/templates and rendered by Django's
engine with the same context, so a Django upgrade that changes one of them fails here.
"""

import re
from functools import cache
from pathlib import Path

import django.contrib.admin
import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

from articles.models import Article
from core import admin_jinja2
from films.models import Film
from people.models import Person

PER_REQUEST = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')
DJANGOS_ADMIN_TEMPLATES = Path(django.contrib.admin.__file__).parent / "templates"
HANDED_OVER = ["admin/includes/fieldset.html", "admin/edit_inline/tabular.html", "admin/edit_inline/stacked.html",
               "admin/app_list.html"]  # fmt: skip


@cache
def djangos_own(template_name):
    return engines["django"].engine.from_string((DJANGOS_ADMIN_TEMPLATES / template_name).read_text())


def by_djangos_templates(template_name, context):
    return djangos_own(template_name).render(context)


def document(response):
    assert response.status_code == 200
    return parse_html(PER_REQUEST.sub(r"\1", response.content.decode()))


def both_ways(monkeypatch, fetch):
    """The page drawn by the Jinja2 templates, then by Django's own; every handed-over template must be used."""
    used = set()
    render = admin_jinja2.render

    def counting(template_name, context):
        used.add(template_name)
        return render(template_name, context)

    monkeypatch.setattr(admin_jinja2, "render", counting)
    ours = document(fetch())
    monkeypatch.setattr(admin_jinja2, "render", by_djangos_templates)
    return ours, document(fetch()), used


def test_the_templates_django_names_hand_over_to_jinja2(client):
    for name in HANDED_OVER:
        source = engines["django"].engine.get_template(name).source
        assert f'{{% jinja2 "{name}" %}}' in source


@pytest.mark.parametrize("page", ["change", "add"])
def test_the_story_form_is_the_same_document(admin_client, seed, monkeypatch, page):
    url = f"/admin/articles/article/{seed.pk}/change/" if page == "change" else "/admin/articles/article/add/"
    ours, djangos, used = both_ways(monkeypatch, lambda: admin_client.get(url))
    assert ours == djangos
    # Fieldsets (the form's and the quotes'), the tabular credits and sources, the stacked quotes, the sidebar.
    assert used == set(HANDED_OVER)
    if page == "change":
        assert "Kyra Sedgwick" in str(ours) and "Delete?" in str(ours)


def test_a_story_form_with_errors_is_the_same_document(admin_client, seed, monkeypatch):
    """Errors on the form, on a fieldset line, on an inline row and on a whole inline are drawn as Django draws them."""
    url = f"/admin/articles/article/{seed.pk}/change/"
    data = {
        "headline": "",
        "slug": "not a slug!",
        "article_credits-TOTAL_FORMS": "1",
        "article_credits-INITIAL_FORMS": "0",
        "article_credits-0-credit": "999999999",
        "article_credits-0-position": "x",
        "source_links-TOTAL_FORMS": "0",
        "source_links-INITIAL_FORMS": "0",
        "quotes-TOTAL_FORMS": "1",
        "quotes-INITIAL_FORMS": "0",
        "quotes-0-text": "",
        "quotes-0-speakers": "999999999",
        "quotes-0-position": "x",
    }
    ours, djangos, used = both_ways(monkeypatch, lambda: admin_client.post(url, data))
    assert ours == djangos
    text = str(ours)
    assert "errornote" in text and "This field is required." in text and "Select a valid choice" in text
    assert {"admin/includes/fieldset.html", "admin/edit_inline/tabular.html", "admin/edit_inline/stacked.html"} <= used


def test_a_reporters_read_only_story_is_the_same_document(client, make_draft, reporter, monkeypatch):
    """Read-only fields (the reporter's own story, in review) are drawn from their contents, as Django draws them."""
    story = make_draft(state=Article.State.IN_REVIEW)
    client.force_login(reporter)
    ours, djangos, _ = both_ways(monkeypatch, lambda: client.get(f"/admin/articles/article/{story.pk}/change/"))
    assert ours == djangos
    assert 'class="readonly"' in str(ours)


def test_person_and_title_forms_and_the_index_are_the_same_documents(admin_client, seed, monkeypatch):
    bacon = Person.objects.get(slug="kevin-bacon")
    film = Film.objects.get(title="Connescence")
    for url in (f"/admin/people/person/{bacon.pk}/change/", f"/admin/films/film/{film.pk}/change/", "/admin/"):
        ours, djangos, used = both_ways(monkeypatch, lambda: admin_client.get(url))  # noqa: B023
        assert ours == djangos, url
        assert "admin/app_list.html" in used


def test_a_reporters_index_is_the_same_document(client, reporter, monkeypatch):
    client.force_login(reporter)
    ours, djangos, used = both_ways(monkeypatch, lambda: client.get("/admin/"))
    assert ours == djangos
    assert used == {"admin/app_list.html"}


@pytest.mark.parametrize("permission", ["add_tag", "delete_tag"])
def test_a_user_who_may_only_add_or_delete_sees_the_same_sidebar(client, make_user, monkeypatch, permission):
    """A model the user may not view has no list link (Django's admin_url is None) but stays in the app list."""
    from django.contrib.auth.models import Permission

    user = make_user("casey")
    user.user_permissions.add(Permission.objects.get(codename=permission))
    client.force_login(user)
    ours, djangos, used = both_ways(monkeypatch, lambda: client.get("/admin/"))
    assert ours == djangos
    assert used == {"admin/app_list.html"} and "model-tag" in str(ours)


def test_translations_are_the_ones_django_uses(admin_client, seed, monkeypatch, settings):
    settings.LANGUAGE_CODE = "de"
    with translation.override("de"):
        ours, djangos, _ = both_ways(
            monkeypatch, lambda: admin_client.get(f"/admin/articles/article/{seed.pk}/change/")
        )
    assert ours == djangos
    assert "Löschen?" in str(ours)
