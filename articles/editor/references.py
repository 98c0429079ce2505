"""Links to people and titles stored in a story's body as stable references, not URLs.

The editor writes <a data-person="123">Kevin Bacon</a> and <a data-title="45">Connescence</a>; the reader's site
turns them into links to the pages those objects have when the page is built (newsroom/public/linking.py), so a
later slug change cannot break them. They count as mentions: saving the story adds the people and titles they
name to its linked people and titles.
"""

import re

from films.models import Film
from people.models import Person

# Attribute values are written by the editor as plain digits; anything else is not a reference.
REFERENCE = re.compile(r"""<a\b[^>]*?\bdata-(person|title)=["']?(\d+)["']?""", re.IGNORECASE)


def referenced_ids(html):
    """({person ids}, {title ids}) the body links to, in one pass over the text."""
    people, titles = set(), set()
    for kind, pk in REFERENCE.findall(html or ""):
        (people if kind.lower() == "person" else titles).add(int(pk))
    return people, titles


def add_referenced_mentions(*, article):
    """Add the people and titles the body links to (those that still exist) to the story's linked ones."""
    people, titles = referenced_ids(article.body)
    if people:
        article.linked_people.add(*Person.objects.filter(pk__in=people).values_list("pk", flat=True))
    if titles:
        article.linked_films.add(*Film.objects.filter(pk__in=titles).values_list("pk", flat=True))
