"""Lookup keys for names and titles: the same text, however it is typed, gives the same key.

"Robert Downey Jr." / "Robert Downey, Jr" / "robert downey jr"  -> "robert downey"
"J. J. Abrams" / "J.J. Abrams" / "JJ Abrams"                      -> "jj abrams"
"Zoë Kravitz" / "Zoe Kravitz"                                     -> "zoe kravitz"
"Schindler's List" / "Schindler’s List"                           -> "schindlers list"

The people and titles tables store these keys (indexed), and the suggestion engine keys the words of
a story the same way, so a lookup is one indexed IN query whatever the spelling.
"""

import re

from django.db import transaction
from unidecode import unidecode

# Generational suffixes are not part of how a story names someone ("Downey" is "Downey Jr.").
NAME_SUFFIXES = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv"})
_APOSTROPHES = re.compile(r"['’`´]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _words(text):
    text = unidecode(text or "").lower().replace("&", " and ")
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split()


def name_key(name):
    """A person's name as a lookup key: ASCII, lower case, no punctuation, no suffix, initials run together."""
    words = _words(name)
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words.pop()
    merged, initials = [], False
    for word in words:
        if len(word) == 1 and initials:  # "j j abrams" -> "jj abrams", as "JJ Abrams" keys
            merged[-1] += word
            continue
        merged.append(word)
        initials = len(word) == 1
    return " ".join(merged)[:200]


def title_key(title):
    """A title as a lookup key: ASCII, lower case, no punctuation."""
    return " ".join(_words(title))[:300]


def fill_keys(model, *, text_field, key_field, make_key, since=None, batch=5000):
    """Key every row of model with no key yet (or, with since, every row updated since then), for rows that
    arrive by bulk SQL rather than save(); returns how many were keyed."""
    rows = model.objects.filter(**{key_field: ""})
    if since is not None:
        rows = model.objects.filter(updated_at__gte=since) | rows
    done, last = 0, 0
    while chunk := list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", text_field)[:batch]):
        with transaction.atomic():
            model.objects.bulk_update(
                [model(pk=pk, **{key_field: make_key(text)}) for pk, text in chunk], [key_field], batch_size=1000
            )
        done, last = done + len(chunk), chunk[-1][0]
    return done
