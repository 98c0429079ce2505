"""One row of a dataset checked and turned into the values to stage: pure functions, no database."""

import json

from django.utils.text import slugify

from ..models import Credit, Film
from .datasets import HEADERS, NAMES, NULL, PRINCIPALS, TITLES, RowError

# IMDb principals categories to credit roles.
ROLES = {
    "actor": Credit.Role.ACTOR,
    "actress": Credit.Role.ACTRESS,
    "self": Credit.Role.SELF,
    "director": Credit.Role.DIRECTOR,
    "writer": Credit.Role.WRITER,
    "producer": Credit.Role.PRODUCER,
    "composer": Credit.Role.COMPOSER,
    "cinematographer": Credit.Role.CINEMATOGRAPHER,
    "editor": Credit.Role.EDITOR,
    "production_designer": Credit.Role.PRODUCTION_DESIGNER,
    "casting_director": Credit.Role.CASTING_DIRECTOR,
    "archive_footage": Credit.Role.ARCHIVE_FOOTAGE,
    "archive_sound": Credit.Role.ARCHIVE_SOUND,
}
ROLES = {category: str(role) for category, role in ROLES.items()}

# What each parse_* returns, in order: the staging column, its SQL type, the model field it fills.
COLUMNS = {
    NAMES: (("nconst", "text", "imdb_id"), ("name", "text", "name"), ("slug", "text", "slug")),
    TITLES: (
        ("tconst", "text", "imdb_id"),
        ("title", "text", "title"),
        ("slug", "text", "slug"),
        ("kind", "text", "kind"),
        ("year", "integer", "year"),
        ("end_year", "integer", "end_year"),
        ("status", "text", "release_status"),
    ),
    PRINCIPALS: (
        ("tconst", "text", "film"),
        ("nconst", "text", "person"),
        ("role", "text", "role"),
        ("character", "text", "character"),
        ("billing", "integer", "billing"),
    ),
}


def _imdb_number(value, prefix):
    if len(value) < 9 or not value.startswith(prefix) or not value[2:].isdigit():  # 7 digits or more
        raise RowError(f"bad IMDb id {value[:40]!r} (expected {prefix}…)")
    return int(value[2:])


def _year(value, name):
    if value == NULL:
        return None
    if not value.isdigit() or len(value) != 4:
        raise RowError(f"bad {name} {value[:40]!r}")
    return int(value)


def _expect(fields, dataset):
    if isinstance(fields, RowError):  # the reader could not make fields of the line
        raise fields
    if len(fields) != len(HEADERS[dataset]):
        raise RowError(f"expected {len(HEADERS[dataset])} tab-separated fields, found {len(fields)}")


def _slug(name, imdb_id):
    """Unique by construction: the name's slug plus the IMDb id ("kevin-bacon-nm0000102")."""
    base = slugify(name)[:180].strip("-")
    return f"{base}-{imdb_id}" if base else imdb_id


def parse_name(fields):
    """(nconst, name, slug) of a name.basics row."""
    _expect(fields, NAMES)
    nconst, name = fields[0], fields[1]
    _imdb_number(nconst, "nm")
    if not name or name == NULL:
        raise RowError("missing primaryName")
    _year(fields[2], "birthYear")
    return (nconst, name[:200], _slug(name, nconst))


def parse_title(fields, *, this_year):
    """(tconst, title, slug, kind, year, end_year, release status) of a title.basics row."""
    _expect(fields, TITLES)
    tconst, kind, title = fields[0], fields[1], fields[2]
    _imdb_number(tconst, "tt")
    if not title or title == NULL:
        raise RowError("missing primaryTitle")
    year, end_year = _year(fields[5], "startYear"), _year(fields[6], "endYear")
    if end_year is not None and year is not None and end_year < year:
        raise RowError(f"endYear {end_year} before startYear {year}")
    status = Film.Status.RELEASED if year is not None and year <= this_year else Film.Status.ANNOUNCED
    return (tconst, title[:300], _slug(title, tconst), kind, year, end_year, str(status))


def _character(value):
    if value.startswith('["') and value.endswith('"]') and '"' not in value[2:-2] and "\\" not in value:
        return value[2:-2][:300]  # the common case, one plain name, without a JSON parse
    try:
        names = json.loads(value)
    except ValueError:
        raise RowError(f"characters is not a JSON list: {value[:60]!r}") from None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise RowError(f"characters is not a JSON list of names: {value[:60]!r}")
    character = " / ".join(names)
    if "\0" in character:  # a \u0000 escape: no database column takes it
        raise RowError("characters contain a NUL character")
    # Escaped tabs and line breaks are only spacing in a name; raw, they would split the staged row.
    return " ".join(character.split())[:300] if _SPACING.intersection(character) else character[:300]


_SPACING = frozenset("\t\n\r\v\f")


def _id_number(value, prefix):
    # The common case inline: this runs once per credit, tens of millions of times on the full dataset.
    if len(value) >= 9 and value[0:2] == prefix and value[2:].isdigit():
        return int(value[2:])
    return _imdb_number(value, prefix)


def parse_principal(fields):
    """(title number, person number, (tconst, nconst, role, character, billing)) of a title.principals row."""
    if type(fields) is not list or len(fields) != 6:
        _expect(fields, PRINCIPALS)
    tconst, ordering, nconst, category, _, characters = fields
    number, person = _id_number(tconst, "tt"), _id_number(nconst, "nm")
    if not ordering.isdigit():
        raise RowError(f"bad ordering {ordering[:40]!r}")
    role = ROLES.get(category)
    if role is None:
        raise RowError(f"unknown category {category[:40]!r}")
    character = "" if characters == NULL else _character(characters)
    return number, person, (tconst, nconst, role, character, int(ordering))
