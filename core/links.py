"""Cheap URLs for the pages every story links many times (people, titles)."""

from django.urls import get_script_prefix, reverse

_SHAPES = {}


def slug_url(viewname, slug):
    """reverse() for a route whose only argument is a slug, worked out once per script prefix.

    A story page links each person and title several times; plain reverse() was a fifth of its CPU.
    """
    key = (viewname, get_script_prefix())
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = reverse(viewname, kwargs={"slug": "SLUG"}).replace("SLUG", "{}", 1)
    return shape.format(slug)
