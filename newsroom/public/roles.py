"""Roles as the reader's site writes them. IMDb's categories (actor, actress, self…) are data; readers see every cast
credit under "Cast" with its character line, and crew roles title-cased ("Director", "Production Designer")."""

from films.models import Credit

CAST = "Cast"
# Cast credits that are an appearance rather than a part: said when there is no character to name.
APPEARANCES = {Credit.Role.SELF, Credit.Role.ARCHIVE_FOOTAGE, Credit.Role.ARCHIVE_SOUND}


def heading(credit):
    """The heading a credit is listed under: "Cast" for any cast role, else the crew role, title-cased."""
    return CAST if credit.is_cast else credit.get_role_display().title()


def cast_line(credit):
    """What follows a cast member's name: the character, else the kind of appearance ("Self"), else nothing."""
    if credit.character:
        return credit.character
    return credit.get_role_display().capitalize() if credit.role in APPEARANCES else ""


def order(credits, *, newest_first=False):
    """Cast first, then crew in the order of Credit.Role; within each, by billing (or newest title first)."""
    rank = {role: index for index, role in enumerate(Credit.Role.values)}

    def key(credit):
        group = -1 if credit.is_cast else rank.get(credit.role, len(rank))
        within = (-(credit.film.year or 0), credit.film.title) if newest_first else (credit.billing, credit.id)
        return (group, *within)

    return sorted(credits, key=key)
