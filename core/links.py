"""reverse() and {% static %} worked out once per process: the pages every story links many times (people, titles),
and the admin's widgets and list rows, which ask for the same few URLs on every row."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse

_REVERSED = {}
_SHAPES = {}


def reverse_once(viewname, *, args=(), current_app=None):
    """reverse(), remembered for the process.

    The answer depends on the script prefix, which is part of the key, and on the URLconf: the project sets no
    per-request URLconf, and a change of ROOT_URLCONF (tests) forgets every answer.
    """
    key = (get_script_prefix(), viewname, args, current_app)
    url = _REVERSED.get(key)
    if url is None:
        url = _REVERSED[key] = reverse(viewname, args=args, current_app=current_app)
    return url


def slug_url(viewname, slug):
    """reverse() for a route whose only argument is a slug, worked out once per script prefix.

    A story page links each person and title several times; plain reverse() was a fifth of its CPU.
    """
    key = (viewname, get_script_prefix())
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES[key] = reverse(viewname, kwargs={"slug": "SLUG"}).replace("SLUG", "{}", 1)
    return shape.format(slug)


def fixed_url(viewname):
    """reverse() for a route with no arguments."""
    return reverse_once(viewname)


@lru_cache(maxsize=256)
def static_url(path):
    """{% static %} worked out once per file: the manifest storage hashes and looks up the name on every call."""
    return static(path)


@receiver(setting_changed)
def _forget_urls(*, setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES"):
        static_url.cache_clear()
    if setting == "ROOT_URLCONF":
        _REVERSED.clear()
        _SHAPES.clear()
