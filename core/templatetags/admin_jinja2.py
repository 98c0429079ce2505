"""`{% jinja2 "admin/includes/fieldset.html" %}`: hands a Django admin template over to its Jinja2 twin.

See core/admin_jinja2.py.
"""

from django import template

from core import admin_jinja2

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja2(context, template_name):
    return admin_jinja2.render(template_name, context)
