"""One step from a name in the copy to a linked credit: the person, the title and the credit, made as needed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from films.models import Credit, Film
from people.models import Person


def _free_slug(model, base):
    """base, or base-2, base-3…: the first slug no row of model has (one query)."""
    base = (slugify(base) or "untitled")[:180]
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _require(user, *perms):
    if not all(user.has_perm(perm) for perm in perms):
        raise PermissionDenied("You may not add people, titles or credits.")


@transaction.atomic
def add_credit(*, by, role, character="", person=None, person_name="", film=None, title="", year=None, kind=None):
    """The credit person x title x role x character, creating whichever of the three does not exist yet.

    person / film are existing objects; without one, person_name / title (with year and kind) make a new one.
    """
    _require(by, "films.add_credit")
    if role not in Credit.Role.values:
        raise ValidationError("Choose a role.")
    character = character.strip() if role == Credit.Role.ACTOR else ""
    if person is None:
        if not person_name.strip():
            raise ValidationError("Choose a person or type the name of a new one.")
        _require(by, "people.add_person")
        person = Person.objects.create(name=person_name.strip(), slug=_free_slug(Person, person_name))
    if film is None:
        if not title.strip():
            raise ValidationError("Choose a title or type the name of a new one.")
        _require(by, "films.add_film")
        film = Film.objects.create(
            title=title.strip(),
            slug=_free_slug(Film, f"{title} {year or ''}"),
            year=year,
            kind=kind or Film.Kind.MOVIE,
        )
    credit = Credit.objects.filter(person=person, film=film, role=role, character=character).first()
    if credit is None:
        billing = Credit.objects.filter(film=film).aggregate(last=Max("billing"))["last"] or 0
        credit = Credit.objects.create(person=person, film=film, role=role, character=character, billing=billing + 1)
    credit.person, credit.film = person, film
    return credit
