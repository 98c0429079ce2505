"""Lookup keys for names and titles: the same text, however it is typed, gives the same key.

"Robert Downey Jr." / "Robert Downey, Jr" / "robert downey jr"  -> "robert downey"
"J. J. Abrams" / "J.J. Abrams" / "JJ Abrams"                      -> "jj abrams"
"Zoë Kravitz" / "Zoe Kravitz"                                     -> "zoe kravitz"
"Schindler's List" / "Schindler’s List"                           -> "schindlers list"

The people and titles tables store these keys (indexed), and the suggestion engine keys the words of
a story the same way, so a lookup is one indexed IN query whatever the spelling.
"""

import re

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
