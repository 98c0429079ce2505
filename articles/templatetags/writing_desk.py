"""The Suggested credits panel beside the story form's linked credits (see articles/editor)."""

from django import template
from django.urls import reverse

from films.models import Credit, Film

register = template.Library()


@register.inclusion_tag("admin/articles/article/writing_desk_panel.html", takes_context=True)
def writing_desk_panel(context):
    story = context.get("original")
    return {
        "story_id": story.pk if story is not None else None,
        "suggestions_url": reverse("admin:articles_article_desk_suggestions"),
        "credit_url": reverse("admin:articles_article_desk_credit"),
        # The admin's own autocomplete: people and titles are found exactly as in the form's other boxes.
        "search_url": reverse("admin:autocomplete"),
        "roles": Credit.Role.choices,
        "kinds": Film.Kind.choices,
    }
