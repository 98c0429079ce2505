"""schema.org Movie / TVSeries for title pages: cast as PerformanceRole (with character names), directors, creators."""

from newsroom.structured_data import absolute
from people.structured_data import person_thing

from .models import Credit


def film_thing(film):
    thing = {
        "@type": "TVSeries" if film.is_series else "Movie",
        "name": film.title,
        "url": absolute(film.get_absolute_url()),
    }
    if film.same_as:
        thing["sameAs"] = film.same_as
    return thing


def performance(credit):
    role = {"@type": "PerformanceRole", "actor": person_thing(credit.person)}
    if credit.character:
        role["characterName"] = credit.character
    return role


def film_page(film, *, credits):
    data = {"@context": "https://schema.org", **film_thing(film)}
    if film.synopsis:
        data["description"] = film.synopsis
    if film.year:
        data["startDate" if film.is_series else "datePublished"] = str(film.year)
    if film.is_series and film.end_year:
        data["endDate"] = str(film.end_year)
    if film.poster:
        data["image"] = absolute(film.poster.url)
    if film.network:
        data["productionCompany"] = {"@type": "Organization", "name": film.network}
    actors = [performance(c) for c in credits if c.role in (Credit.Role.ACTOR, Credit.Role.SELF)]
    if actors:
        data["actor"] = actors
    for role, key in ((Credit.Role.DIRECTOR, "director"), (Credit.Role.CREATOR, "creator")):
        people = [person_thing(c.person) for c in credits if c.role == role]
        if people:
            data[key] = people
    writers = [person_thing(c.person) for c in credits if c.role == Credit.Role.WRITER]
    if writers:
        data.setdefault("creator", []).extend(writers)
    return data
