"""Keep Person.name_key filled where rows arrive by bulk SQL (the IMDb import) rather than save()."""

from core.names import fill_keys, name_key

from .models import Person


def fill_name_keys(*, since=None):
    """Key every person with no key yet, or (with since) every person updated since then; returns how many."""
    return fill_keys(Person, text_field="name", key_field="name_key", make_key=name_key, since=since)
