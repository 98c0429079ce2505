"""Form widgets are drawn by Jinja2 from Django's own templates for it: the same markup, in less time."""

import datetime
import re

from django import forms
from django.forms.renderers import Jinja2, get_default_renderer
from django.test.html import parse_html
from django.utils.translation import gettext_lazy as _

from core.form_renderer import SOURCES, WRITTEN, WidgetsByJinja2

PER_REQUEST = re.compile(r'(csrfmiddlewaretoken" value="|nonce=")[^"]+')


def page(client, url):
    """The page as a document (entities and blank lines normalised), without its per-request tokens."""
    return parse_html(PER_REQUEST.sub(r"\1", client.get(url).content.decode()))


def test_the_story_form_is_the_same_document_as_with_djangos_template_engine(admin_client, seed, settings):
    assert isinstance(get_default_renderer(), WidgetsByJinja2)
    urls = [f"/admin/articles/article/{seed.pk}/change/", "/admin/articles/article/add/"]
    by_jinja2 = [page(admin_client, url) for url in urls]
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    assert [page(admin_client, url) for url in urls] == by_jinja2


def test_admin_widget_templates_stay_with_djangos_engine():
    renderer = WidgetsByJinja2()
    select = renderer.get_template("django/forms/widgets/select.html")
    wrapper = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert type(select).__module__ == "django.template.backends.jinja2"
    assert type(wrapper).__module__ == "django.template.backends.django"


# Widgets the Python-written templates must draw to the byte as Django's Jinja2 templates do: every input type,
# selects with groups and several choices, textareas, labels, and values and attributes a hostile editor could type.
HOSTILE = """<script>alert("x")</script> & 'quoted' \u00e9"""


class Everything(forms.Form):
    text = forms.CharField(initial=HOSTILE, widget=forms.TextInput(attrs={"placeholder": HOSTILE, "autofocus": True}))
    blank = forms.CharField(required=False)
    number = forms.IntegerField(initial=0, widget=forms.NumberInput(attrs={"min": 0, "step": 2, "hidden": False}))
    hidden = forms.CharField(initial='a"b', widget=forms.HiddenInput)
    email = forms.EmailField(initial="a@example.com")
    url = forms.URLField(initial="https://example.com/?a=1&b=2", assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="s3cr<t")
    date = forms.DateField(initial=datetime.date(2024, 2, 7), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(initial=datetime.time(10, 42), widget=forms.TimeInput)
    checked = forms.BooleanField(initial=True)
    unchecked = forms.BooleanField(initial=False, required=False)
    body = forms.CharField(initial=HOSTILE + "\nsecond line", widget=forms.Textarea(attrs={"rows": 3}))
    empty_body = forms.CharField(required=False, widget=forms.Textarea)
    choice = forms.ChoiceField(
        choices=[("", "---"), (HOSTILE, HOSTILE), ("Group <b>", [("1", "one"), ("2", "two & more")]), (3, 3)],
        initial="2",
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")], initial=["a", "c"])
    maybe = forms.NullBooleanField(initial=None)
    lazy = forms.CharField(label=_("Headline"), initial=_("Headline"), help_text=HOSTILE)


def test_the_written_templates_draw_what_djangos_jinja2_templates_draw():
    written, templates = WidgetsByJinja2(), Jinja2()
    assert set(written.written) == set(WRITTEN), "every written template matches the Django it was written from"
    for form in (Everything(), Everything(auto_id=False), Everything(data={"text": HOSTILE, "several": ["b"]})):
        for field in form:
            assert str(widget_html(field, written)) == str(widget_html(field, templates)), field.name
            assert field_labels(field, written) == field_labels(field, templates), field.name


def widget_html(field, renderer):
    field.form.renderer = renderer
    return field.as_widget()


def field_labels(field, renderer):
    field.form.renderer = renderer
    return [
        str(field.label_tag()),
        str(field.label_tag(attrs={"class": "required", "data-x": HOSTILE, "hidden": True, "off": False})),
        str(field.legend_tag()),
        str(field.label_tag(contents=HOSTILE)),
    ]


def test_a_template_changed_by_a_django_upgrade_is_drawn_by_the_template(monkeypatch):
    monkeypatch.setitem(SOURCES, "django/forms/widgets/attrs.html", "{# something else #}")
    renderer = WidgetsByJinja2()
    assert set(renderer.written) == {"django/forms/label.html"}, "everything that includes the changed file falls back"
    form = Everything(renderer=renderer)
    assert str(form["text"]) == str(Everything(renderer=Jinja2())["text"])


def test_an_option_drawn_by_another_template_falls_back_to_the_template():
    class Starred(forms.Select):
        option_template_name = "django/forms/widgets/radio_option.html"  # any option template but Django's own

    field = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=Starred)
    written, templates = (
        type("F", (forms.Form,), {"f": field})(renderer=r)["f"] for r in (WidgetsByJinja2(), Jinja2())
    )
    assert '<label><input type="select" name="f" value="a"> A</label>' in str(written)
    assert str(written) == str(templates)
