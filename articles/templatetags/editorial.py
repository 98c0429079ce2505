from django import template

from articles import desk as desk_module
from articles.admin.names import nameless_bylines

register = template.Library()


@register.simple_tag(takes_context=True)
def editors_desk(context):
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    return desk_module.desk(user)


@register.simple_tag(takes_context=True)
def my_nameless_byline(context):
    """[(you, where to set your name)] when your byline would show readers your username; else []."""
    request = context["request"]
    return nameless_bylines(request, [request.user])
