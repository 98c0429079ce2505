"""Row links and checkboxes on the big lists (people, titles, credits) are built without a reverse or a widget per row:
the same rows Django makes."""

import re

from django.contrib.admin import ModelAdmin, site
from django.contrib.admin.views.main import ChangeList
from django.test.html import parse_html

from core.admin_helpers import LargeTableAdminMixin, QuickLinksChangeList
from films.admin import FilmAdmin
from people.admin import PersonAdmin
from people.models import Person

PER_REQUEST = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')


def document(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return parse_html(PER_REQUEST.sub(r"\1", response.content.decode()))


def test_filtered_and_plain_lists_link_their_rows_as_django_does(admin_client, seed, monkeypatch, make_person):
    make_person(name='Kevin "K.B." O\'Hara <i>& co</i>')  # quotes, an apostrophe and markup in a row's label
    urls = ["/admin/films/film/?kind__exact=movie", "/admin/films/film/", "/admin/people/person/?q=kevin",
            "/admin/films/credit/?role__exact=actor&o=2", "/admin/people/person/?_popup=1&_to_field=id"]  # fmt: skip
    ours = [document(admin_client, url) for url in urls]
    for admin_class in (FilmAdmin, PersonAdmin):
        assert admin_class.get_changelist(None, None) is QuickLinksChangeList
    monkeypatch.setattr(QuickLinksChangeList, "__init__", ChangeList.__init__)
    monkeypatch.setattr(QuickLinksChangeList, "url_for_result", ChangeList.url_for_result)
    monkeypatch.setattr(LargeTableAdminMixin, "action_checkbox", ModelAdmin.action_checkbox)
    assert [document(admin_client, url) for url in urls] == ours
    # The filters ride along on each row's link, so saving a title returns to the filtered list.
    assert "/change/?_changelist_filters=kind__exact%3Dmovie" in str(ours[0])
    assert "_changelist_filters" not in str(ours[1]).split("result_list")[1]


def test_a_key_that_needs_quoting_is_quoted_as_django_quotes_it():
    """Admin quoting (/, _ and :) and then URL quoting (non-ASCII), as reverse() does for Django's own link."""
    changelist = QuickLinksChangeList.__new__(QuickLinksChangeList)  # only what url_for_result reads
    changelist.opts, changelist.model_admin, changelist.pk_attname = Person._meta, site._registry[Person], "id"
    changelist.row_filters = ""
    odd = type("Row", (), {"id": "a/b_c:d é?"})()
    assert changelist.url_for_result(odd) == ChangeList.url_for_result(changelist, odd)
    assert changelist.url_for_result(odd).endswith("/a_2Fb_5Fc_3Ad%20%C3%A9_3F/change/")
