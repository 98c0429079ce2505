from django import template

from core.users import display_name as _display_name

register = template.Library()


@register.filter
def display_name(user):
    """{{ story.updated_by|display_name }}: the one way a template names a user (core.users.display_name)."""
    return _display_name(user) if user else ""
