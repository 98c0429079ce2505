"""The story form's collaboration pieces (presence, the panel), its history's thread, and the desk's unread list."""

from django import template
from django.urls import reverse

from articles import presence
from articles.models import Notification

register = template.Library()

DESK_NOTIFICATIONS = 10


@register.inclusion_tag("admin/articles/article/presence.html", takes_context=True)
def story_presence(context):
    story = context.get("original")
    if story is None or story.pk is None:
        return {}
    return {
        "presence_url": reverse("admin:articles_article_presence", args=[story.pk]),
        "poll_seconds": presence.poll_seconds(),
    }


@register.inclusion_tag("admin/articles/article/collaboration_link.html", takes_context=True)
def story_collaboration(context):
    """Where the desk panel goes on the story form: read once the form has loaded (collaboration.js), so the form
    does not wait for the assignment, the review steps and the comment thread."""
    story = context.get("original")
    if story is None or story.pk is None:
        return {}
    return {"story": story, "collaborate_url": reverse("admin:articles_article_collaborate", args=[story.pk])}


@register.inclusion_tag("admin/articles/article/history_thread.html", takes_context=True)
def story_thread(context):
    story = context["original"]
    return {"comments": list(story.comments.select_related("author", "resolved_by"))}


@register.inclusion_tag("admin/articles/desk_notifications.html", takes_context=True)
def desk_notifications(context):
    user = context["request"].user
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).select_related("article")
    return {"notifications": list(unread[:DESK_NOTIFICATIONS]), "request": context["request"]}
