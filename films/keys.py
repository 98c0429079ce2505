"""Keep Film.title_key filled where rows arrive by bulk SQL (the IMDb import) rather than save()."""

from core.names import fill_keys, title_key

from .models import Film


def fill_title_keys(*, since=None):
    """Key every title with no key yet, or (with since) every title updated since then; returns how many."""
    return fill_keys(Film, text_field="title", key_field="title_key", make_key=title_key, since=since)
