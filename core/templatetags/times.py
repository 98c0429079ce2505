from django import template

from core.times import newsroom_time as _newsroom_time

register = template.Library()


@register.filter
def newsroom_time(moment):
    """{{ story.publish_at|newsroom_time }}: the one way a staff template writes a time (core.times)."""
    return _newsroom_time(moment)
