"""Finding credits by the words an editor types ("bacon connescence"), fast at millions of credits."""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from core.search import UNLIMITED, contains, is_common, is_indexable, narrowed, through_narrowest
from people.models import Person

from .models import Credit, Film

MAX_WORDS = 6
# A word naming more people or titles than this is tested on each credit's own person or title instead.
MAX_IDS = 500
# A search matching at most this many credits is read as their ids once (core.search.narrowed).
MAX_MATCHES = 10_000
# A word matching at most this many credits is looked up first, and the others tested on its credits only.
MAX_CANDIDATES = 20_000


def search_credits(queryset, *, term, budget=UNLIMITED):
    """The credits of queryset where every word matches the person, the title or the character.

    Each word is first resolved to the few people and titles it names (trigram-indexed on PostgreSQL),
    so the credit table is reached through its person and title indexes; a word common among characters
    is tested on those rows instead of through the character index (see core.search). On PostgreSQL a word is
    tested on the credit's own copy of the three (its search_text, films/migrations/0015), with no join.
    """
    words = []
    for word in term.split()[:MAX_WORDS]:
        # A word with no trigram ("77") would make each index read whole: it is tested on the rows instead.
        indexed = is_indexable(word)
        person, people_listed = _among(Person.objects.filter(name__icontains=word), "person", word, indexed=indexed)
        film, films_listed = _among(Film.objects.filter(title__icontains=word), "film", word, indexed=indexed)
        if connection.vendor == "postgresql":
            test = _in_search_text(word)
        else:
            common = indexed and is_common(Credit.objects.all(), "character", word)
            test = person | film | contains("character", word, indexed=indexed and not common)
        # Its index lookup (core.search.through_narrowest): the people and titles it names, by id, or its character.
        lookup = person | film | contains("character", word) if people_listed and films_listed else None
        words.append((test, lookup))
    matching = through_narrowest(queryset, words, max_candidates=MAX_CANDIDATES, budget=budget)
    return narrowed(queryset, matching, max_matches=MAX_MATCHES)


def _among(named, field, word, *, indexed):
    """Credits whose person (or title) is named by word, and whether that is by their ids: by id when it names few,
    else tested on the joined row."""
    if indexed:
        ids = list(named.order_by().values_list("pk", flat=True)[: MAX_IDS + 1])
        if len(ids) <= MAX_IDS:
            return Q(**{f"{field}__in": ids}), True
    # Hundreds of thousands of names ("anna"): gathering them all costs more than testing the newest credits' own.
    name = "name" if field == "person" else "title"
    return contains(f"{field}__{name}", word, indexed=False), False


def _in_search_text(word):
    """Credits whose person's name, title or character contains word, in any letter case (as icontains compares),
    tested on the credit's own copy of the three in capitals (PostgreSQL; films/migrations/0015)."""
    column = f"{connection.ops.quote_name(Credit._meta.db_table)}.{connection.ops.quote_name('search_text')}"
    pattern = f"%{connection.ops.prep_for_like_query(word)}%"
    return Q(RawSQL(f"{column} LIKE UPPER(%s)", (pattern,), output_field=BooleanField()))
