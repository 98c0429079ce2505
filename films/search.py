"""Finding credits by the words an editor types ("bacon connescence"), fast at millions of credits.

Every word must match the credit's person, title or character. On PostgreSQL the rarest word an index can serve
leads: its credits are read as ids through three plain index lookups (the credits of the few people and titles
it names, and the characters containing it), and the other words are tested on those credits only. When no word
is rare (common words, and words too short for the trigram indexes), the list's own order finds matches at once,
so the words are tested row by row until the page and the capped count are full.
"""

from django.db import connection
from django.db.models import Q

from core.search import contains, is_common, is_indexable, read_ids, with_ids
from people.models import Person

from .models import Credit, Film

MAX_WORDS = 6
# A word naming more people or titles than this is tested on each credit's own person or title instead.
MAX_IDS = 500
# A word matching at most this many credits may lead the search: its credits are read as ids once.
MAX_MATCHES = 10_000


def search_credits(queryset, *, term):
    """The credits of queryset where every word of term matches the person, the title or the character."""
    words = [Word(text) for text in list(dict.fromkeys(term.split()))[:MAX_WORDS]]
    matching = queryset
    for word in words:
        matching = matching.filter(word.test())
    if connection.vendor != "postgresql":
        return matching  # small databases: the plain filter is fast enough
    for lead in sorted((word for word in words if word.can_lead), key=lambda word: word.size):
        others = [word for word in words if word is not lead]
        # Tests on the credit's own columns go into the lead's lookups, so each credit is read once; a test on
        # the joined person or title waits for the few credits the lead finds (in one query, PostgreSQL would
        # rather hash every person than look up a few thousand).
        at_once = all(word.on_own_row for word in others)
        candidates = queryset.filter(*(word.test() for word in others)) if at_once else Credit.objects.all()
        ids = lead.credit_ids(candidates, limit=MAX_MATCHES + 1)
        if len(ids) <= MAX_MATCHES:
            return with_ids(queryset, ids if at_once else read_ids(with_ids(matching, ids), limit=MAX_MATCHES))
    return matching


class Word:
    """One word of a credit search: the people and titles it names, and whether characters often contain it."""

    def __init__(self, text):
        self.text = text
        indexed = is_indexable(text)
        # None: too many to list (or too short to look up through an index), so tested on each credit's own row.
        self.people = _ids(Person.objects.filter(name__icontains=text)) if indexed else None
        self.titles = _ids(Film.objects.filter(title__icontains=text)) if indexed else None
        self.common_character = not indexed or is_common(Credit.objects.all(), "character", text)

    @property
    def can_lead(self):
        return self.on_own_row and not self.common_character

    @property
    def on_own_row(self):
        """Whether the word is tested on the credit's own columns (ids of the people and titles it names)."""
        return self.people is not None and self.titles is not None

    @property
    def size(self):
        return len(self.people) + len(self.titles)

    def test(self):
        """The credit's person, title or character contains the word."""
        return (
            _named(self.people, "person__name", self.text)
            | _named(self.titles, "film__title", self.text)
            | contains("character", self.text, indexed=not self.common_character)
        )

    def credit_ids(self, credits, *, limit):
        """Up to limit ids of the credits the word matches, each part read through its own index."""
        parts = [credits.filter(character__icontains=self.text)]
        if self.people:
            parts.append(credits.filter(person__in=self.people))
        if self.titles:
            parts.append(credits.filter(film__in=self.titles))
        first, *others = (part.order_by().values_list("pk", flat=True) for part in parts)
        return read_ids(first.union(*others), limit=limit)


def _ids(named):
    ids = list(named.order_by().values_list("pk", flat=True)[: MAX_IDS + 1])
    return ids if len(ids) <= MAX_IDS else None


def _named(ids, field, word):
    """Credits whose person (or title) is named by word: by id when it names few, else tested on the joined row."""
    if ids is None:
        return contains(field, word, indexed=False)
    return Q(**{f"{field.split('__')[0]}__in": ids})
