"""Helpers for driving the story admin as an editor would: open the form, change what they type, press a button."""

import datetime

import pytest
from django.db.models import Model
from django.urls import reverse


def _put(data, name, field, value):
    if value is None or value == "" or value is False:
        return
    if value is True:
        data[name] = "on"
    elif isinstance(value, datetime.datetime):
        data[f"{name}_0"], data[f"{name}_1"] = value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")
    elif isinstance(value, list | tuple):
        data[name] = [item.pk if isinstance(item, Model) else item for item in value]
    elif isinstance(value, Model):
        data[name] = value.pk
    elif hasattr(value, "name") and hasattr(value, "url"):
        return  # a stored file is kept unless a new one is uploaded
    else:
        data[name] = value


def form_data(response):
    """The POST a browser would send for an admin change form exactly as the page shows it."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        _put(data, form.add_prefix(name), field, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for subform in formset.forms:
            if not subform.instance.pk:
                continue
            for name, field in subform.fields.items():
                _put(data, subform.add_prefix(name), field, subform[name].value())
        data[management.add_prefix("TOTAL_FORMS")] = sum(1 for f in formset.forms if f.instance.pk)
    return data


@pytest.fixture
def story_form():
    """Open a story's change form as the logged-in client; returns (response, data to post back)."""

    def open_form(client, story):
        response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
        assert response.status_code == 200
        return response, form_data(response)

    return open_form


def change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])
