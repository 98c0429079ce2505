from django import template

from articles import desk as desk_module

register = template.Library()


@register.simple_tag(takes_context=True)
def editors_desk(context):
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return None
    return desk_module.desk(user)
