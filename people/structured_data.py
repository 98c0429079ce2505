"""schema.org Person, for person pages and for the people a story or title mentions."""

from newsroom.structured_data import absolute


def person_thing(person):
    thing = {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
    if person.same_as:
        thing["sameAs"] = person.same_as
    return thing


def person_page(person, *, relationships):
    data = {"@context": "https://schema.org", **person_thing(person)}
    if person.bio:
        data["description"] = person.bio
    if person.birth_date:
        data["birthDate"] = person.birth_date.isoformat()
    if person.headshot:
        data["image"] = absolute(person.headshot.url)
    spouses = [person_thing(partner) for rel, partner in relationships if rel.kind == rel.Kind.SPOUSE]
    if spouses:
        data["spouse"] = spouses
    return data
