"""Form widgets drawn from the widget templates Django ships for Jinja2; the simplest of them written out in Python.

A story form draws some 180 widgets (each linked credit, source and quote is a row of them). Django's template
engine spends about twice as long on each as Jinja2 does with the same markup, and Jinja2 still spends most of a
widget's time setting up a render and its includes: an input is two templates, a select one more per option.

So the handful of templates a form draws most (inputs of every type, selects with their options, textareas,
labels) are written out here in Python, and each is used only while Django's template has exactly the source it
was written from (`SOURCES`, checked against the file on first use): a Django upgrade that changes one falls back
to the template itself. Escaping is Jinja2's own (markupsafe), so the markup is the same to the byte;
tests/test_form_renderer.py renders a corpus of widgets, hostile values included, both ways.

Django keeps both sets of its form templates (django/forms/templates and django/forms/jinja2); the admin's own
widget templates (related-object links, date pickers) exist only for Django's engine, so they, and any app's widget
templates, are left to it.
"""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.utils.functional import cached_property
from markupsafe import escape

try:  # markupsafe's C escaping of a plain string, without building a Markup for it
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover (markupsafe without its speedups, or a release that moved them)
    _escape_inner = None

DJANGOS_OWN = "django/forms/"
INPUT = "django/forms/widgets/input.html"
OPTION = "django/forms/widgets/select_option.html"

ATTRS_SOURCE = (
    "{% for name, value in widget.attrs.items() %}{% if value is not sameas False %} {{ name }}"
    '{% if value is not sameas True %}="{{ value }}"{% endif %}{% endif %}{% endfor %}\n'
)
INCLUDES_INPUT = '{% include "django/forms/widgets/input.html" %}\n'
# The source of each template written out below, as Django 5.2 ships it.
SOURCES = {
    "django/forms/widgets/attrs.html": ATTRS_SOURCE,
    "django/forms/attrs.html": ATTRS_SOURCE.replace("widget.attrs", "attrs"),
    INPUT: (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        'value="{{ widget.value }}"{% endif %}{% include "django/forms/widgets/attrs.html" %}>\n'
    ),
    "django/forms/widgets/select.html": (
        '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>{% for group_name, '
        "group_choices, group_index in widget.optgroups %}{% if group_name %}\n"
        '  <optgroup label="{{ group_name }}">{% endif %}{% for widget in group_choices %}\n'
        "  {% include widget.template_name %}{% endfor %}{% if group_name %}\n"
        "  </optgroup>{% endif %}{% endfor %}\n"
        "</select>\n"
    ),
    OPTION: (
        '<option value="{{ widget.value }}"{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}'
        "</option>\n"
    ),
    "django/forms/widgets/textarea.html": (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    ),
    "django/forms/label.html": (
        "{% if use_tag %}<{{ tag }}{% if attrs %}{% include 'django/forms/attrs.html' %}{% endif %}>{{ label }}"
        "</{{ tag }}>{% else %}{{ label }}{% endif %}\n"
    ),
}
# Widget templates that are only an include of input.html (text, number, hidden, checkbox, email, url, ...).
INPUT_TYPES = "checkbox color date datetime email hidden number password search tel text time url".split()
for kind in INPUT_TYPES:
    SOURCES[f"django/forms/widgets/{kind}.html"] = INCLUDES_INPUT


def esc(value):
    """Jinja2's {{ value }} in an autoescaping template: markupsafe's escape, as text."""
    if _escape_inner is not None and type(value) is str:
        return _escape_inner(value)
    return str(escape(value))


class Unwritten(Exception):
    """The context is not one the Python version was written for: draw the template itself."""


def attrs_html(attrs):
    html = ""
    for name, value in attrs.items():
        if value is False:
            continue
        html += f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
    return html


def input_html(context):
    widget = context["widget"]
    value = widget["value"]
    shown = f' value="{esc(value)}"' if value != None else ""  # noqa: E711 (the template's own comparison)
    return f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{shown}{attrs_html(widget["attrs"])}>'


def option_html(option):
    if option["template_name"] != OPTION:
        raise Unwritten
    return f'<option value="{esc(option["value"])}"{attrs_html(option["attrs"])}>{esc(option["label"])}</option>'


def select_html(context):
    widget = context["widget"]
    html = f'<select name="{esc(widget["name"])}"{attrs_html(widget["attrs"])}>'
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            html += f'\n  <optgroup label="{esc(group_name)}">'
        for option in group_choices:
            html += "\n  " + option_html(option)
        if group_name:
            html += "\n  </optgroup>"
    return html + "\n</select>"


def textarea_html(context):
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{esc(widget["name"])}"{attrs_html(widget["attrs"])}>\n'
        f"{esc(value) if value else ''}</textarea>"
    )


def label_html(context):
    if not context["use_tag"]:
        return str(esc(context["label"]))
    tag, attrs = esc(context["tag"]), context["attrs"]
    return f"<{tag}{attrs_html(attrs) if attrs else ''}>{esc(context['label'])}</{tag}>"


WRITTEN = {
    INPUT: input_html,
    "django/forms/widgets/select.html": select_html,
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/label.html": label_html,
    **{f"django/forms/widgets/{kind}.html": input_html for kind in INPUT_TYPES},
}
# What each written template includes, whose source must match too.
INCLUDED = {
    "django/forms/widgets/select.html": [OPTION, "django/forms/widgets/attrs.html"],
    "django/forms/label.html": ["django/forms/attrs.html"],
    **{
        name: [INPUT, "django/forms/widgets/attrs.html"] for name in WRITTEN if name.startswith("django/forms/widgets/")
    },
}


class WidgetsByJinja2(DjangoTemplates):
    @cached_property
    def jinja2(self):
        return Jinja2()

    @cached_property
    def written(self):
        """The Python versions whose templates (and what they include) still have the source they were written from."""
        env = self.jinja2.engine.env

        def unchanged(name):
            try:
                return env.loader.get_source(env, name)[0] == SOURCES[name]
            except Exception:  # noqa: BLE001 (a template that cannot be read is not the one written out)
                return False

        return {
            name: draw
            for name, draw in WRITTEN.items()
            if unchanged(name) and all(unchanged(included) for included in INCLUDED.get(name, ()))
        }

    def get_template(self, template_name):
        if template_name.startswith(DJANGOS_OWN):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)

    def render(self, template_name, context, request=None):
        draw = self.written.get(template_name)
        if draw is not None:
            try:
                return draw(context).strip()
            except (Unwritten, KeyError, TypeError, AttributeError, ValueError):
                pass  # the template itself draws what the Python version was not written for
        return super().render(template_name, context, request)
