"""Form widgets drawn by Jinja2, from the widget templates Django ships for it; every other template stays Django's.

A story form draws some 180 widgets (each linked credit, source and quote is a row of them), and Django's template
engine spends about twice as long on each as Jinja2 does with the same markup. Django keeps both sets of its form
templates (django/forms/templates and django/forms/jinja2); the admin's own widget templates (related-object links,
date pickers) exist only for Django's engine, so they, and any app's widget templates, are left to it.
"""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.utils.functional import cached_property

DJANGOS_OWN = "django/forms/"


class WidgetsByJinja2(DjangoTemplates):
    @cached_property
    def jinja2(self):
        return Jinja2()

    def get_template(self, template_name):
        if template_name.startswith(DJANGOS_OWN):
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)
