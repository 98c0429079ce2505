"""An inline's scripts and styles are worked out from one row of each kind, and its "Add another" template row is built
once: the story form is the same page as with Django's own way of doing both."""

import re

from django import forms
from django.contrib.admin import helpers
from django.forms.formsets import BaseFormSet
from django.test.html import parse_html

from core.admin_helpers import OnceEmptyFormSet, OneMediaPerKindInlineAdminFormSet

PER_REQUEST = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_html(PER_REQUEST.sub(r"\1", response.content.decode()))


def test_the_story_form_is_the_page_djangos_inline_media_and_template_rows_make(admin_client, seed, monkeypatch):
    assert seed.article_credits.count() > 2 and seed.quotes.count() > 1, "rows of every inline"
    urls = [f"/admin/articles/article/{seed.pk}/change/", "/admin/articles/article/add/"]
    ours = [page(admin_client, url) for url in urls]
    monkeypatch.setattr(OneMediaPerKindInlineAdminFormSet, "media", helpers.InlineAdminFormSet.media)
    monkeypatch.setattr(OnceEmptyFormSet, "empty_form", BaseFormSet.empty_form)
    assert [page(admin_client, url) for url in urls] == ours


class Calendar(forms.DateInput):
    class Media:
        js = ["calendar.js"]


class Rows(OneMediaPerKindInlineAdminFormSet):
    """Stand-in rows: each an admin form whose media is its form's."""

    def __init__(self, rows):
        self.rows = rows
        self.opts = type("Inline", (), {"media": forms.Media(js=["inline.js"])})()
        self.formset = type("FormSet", (), {"media": forms.Media(js=["formset.js"])})()

    def __iter__(self):
        for form in self.rows:
            yield type("AdminForm", (), {"form": form, "media": form.media})()


def test_a_row_with_widgets_of_its_own_still_adds_its_media():
    class Row(forms.Form):
        when = forms.DateField()

    plain, with_calendar = Row(), Row()
    with_calendar.fields["when"].widget = Calendar()
    assert Rows([plain, plain, plain]).media._js == ["inline.js", "formset.js"]
    assert Rows([plain, with_calendar, plain]).media._js == ["inline.js", "formset.js", "calendar.js"]
