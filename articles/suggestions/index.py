"""The database side: indexed lookups by key, a constant number of queries per story.

Each function is one query whose size follows the copy (its keys, the people it names), never the tables.
"""

from django.db.models import F

from films.models import Credit, Film
from people.models import Person, Relationship

from ..models import ArticleCredit, Source

# SQLite refuses more bound parameters than this in one statement; a 200 KB story stays well under it.
MAX_KEYS = 30000


def _chunks(keys):
    keys = sorted(keys)
    return [keys[i : i + MAX_KEYS] for i in range(0, len(keys), MAX_KEYS)] if keys else []


def people_by_key(keys):
    found = {}
    for chunk in _chunks(keys):
        for person in Person.objects.filter(name_key__in=chunk).only("pk", "name", "slug", "name_key", "imdb_id"):
            found.setdefault(person.name_key, []).append(person)
    return found


FILM_FIELDS = ("pk", "title", "slug", "kind", "year", "imdb_id", "title_key")


def films_by_key(keys):
    found = {}
    for chunk in _chunks(keys):
        for film in Film.objects.filter(title_key__in=chunk).only(*FILM_FIELDS):
            found.setdefault(film.title_key, []).append(film)
    return found


def credits_of(person_ids, *, film_ids=(), title_keys=(), near_person_ids=()):
    """The credits the named people hold on the named titles; and those the people named near a weak mention
    (a common word, a lone word) hold on any title with one of title_keys.

    Both are led by the people through the (person, title) index and never leave it but for a match: a prolific
    person's thousands of credits cost index entries, not rows.
    """
    field_names = [f"film__{name}" for name in FILM_FIELDS if name != "pk"]
    fields = ("pk", "person_id", "role", "character", "billing", *field_names)
    found = []
    if person_ids and film_ids:
        rows = Credit.objects.filter(person_id__in=list(person_ids), film_id__in=list(film_ids))
        found += rows.select_related("film").only(*fields).order_by()
    if near_person_ids and title_keys:
        # The titles' ids first (the key index alone), so the people's credits never leave the index but for a match.
        titles = Film.objects.filter(title_key__in=list(title_keys)).values("pk")
        # "+ 0": SQLite then walks each person's index entries and tests them, rather than probing person x title.
        rows = Credit.objects.alias(film_ref=F("film_id") + 0)
        rows = rows.filter(person_id__in=list(near_person_ids), film_ref__in=titles)
        found += rows.exclude(film_id__in=list(film_ids)).select_related("film").only(*fields).order_by()
    return found


def top_cast(film_ids, *, per_film=3):
    """The first-billed cast of each title, for telling same-name titles apart."""
    if not film_ids:
        return {}
    rows = (
        Credit.objects.filter(film_id__in=list(film_ids), role__in=Credit.CAST_ROLES, billing__lte=per_film + 1)
        .order_by("film_id", "billing")
        .values_list("film_id", "person__name")
    )
    cast = {}
    for film_id, name in rows:
        names = cast.setdefault(film_id, [])
        if len(names) < per_film:
            names.append(name)
    return cast


def sources_named(names):
    """Sources whose name is one of names, in any letter case (the sources table is small and indexed by name)."""
    if not names:
        return {}
    from django.db.models import Q

    wanted = {name.lower() for name in names}
    query = Q()
    for name in wanted:
        query |= Q(name__iexact=name)
    return {source.name.lower(): source for source in Source.objects.filter(query)}


def relationships_between(person_ids):
    if len(person_ids) < 2:
        return set()
    rows = Relationship.objects.filter(person_id__in=list(person_ids), other_id__in=list(person_ids))
    return {frozenset((a, b)) for a, b in rows.values_list("person_id", "other_id")}


def linked_credit_ids(article):
    if article is None or article.pk is None:
        return set()
    return set(ArticleCredit.objects.filter(article=article).values_list("credit_id", flat=True))
