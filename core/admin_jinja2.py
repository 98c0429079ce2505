"""The admin's most repeated templates, drawn by Jinja2: fieldsets, tabular and stacked inlines, the app list.

A story form draws ten fieldsets and three inlines of rows, and every admin page draws the app list in its sidebar.
Django's template language spends most of their time walking nodes and resolving variables (each lookup tries a
dict, an attribute and an index in turn). The templates in core/admin_templates/ are Django 5.2's own, line for line,
in Jinja2, which compiles each to Python once; what Django's language did implicitly is explicit (methods are
called with ()). Django's templates of the same names (newsroom/templates/admin/) hand over to them with the
`{% jinja2 %}` tag, so every admin page and every template that includes them gets them.

tests/test_admin_jinja2.py renders the story form, a person form and the admin index both ways and compares the
HTML, so a Django upgrade that changes its templates fails there rather than drifting.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import capfirst, striptags, urlencode
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, pass_context

TEMPLATES = Path(__file__).resolve().parent / "admin_templates"


@pass_context
def admin_url(context, opts, action, pk):
    """`{% url opts|admin_urlname:action pk|admin_urlquote %}`, in the admin site the page belongs to."""
    request = context.get("request")
    return reverse(admin_urlname(opts, action), args=[quote(pk)], current_app=getattr(request, "current_app", None))


@pass_context
def fieldset_html(context, fieldset, **include_with):
    """`{% include "admin/includes/fieldset.html" with … %}`: the page's context plus the include's own names."""
    template = context.environment.get_template("admin/includes/fieldset.html")
    return mark_safe(template.render({**context.get_all(), "fieldset": fieldset, **include_with}))  # noqa: S308


@cache
def environment():
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        auto_reload=settings.DEBUG,
        # As in Django's language, a missing name (forloop outside a loop) or attribute renders as nothing.
        undefined=ChainableUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(static=static, admin_url=admin_url, fieldset_html=fieldset_html)
    env.filters.update(capfirst=capfirst, striptags=striptags, urlencode=urlencode, cell_count=cell_count)
    return env


@receiver(setting_changed)
def _forget_environment(*, setting, **kwargs):
    if setting == "DEBUG":  # whether templates are reloaded when they change
        environment.cache_clear()


def render(template_name, context):
    """One of the templates in core/admin_templates/, with a Django template's context (flattened)."""
    return mark_safe(environment().get_template(template_name).render(context.flatten()))  # noqa: S308
