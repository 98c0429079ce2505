"""How two people connect through the titles they share: the shortest chains, from the connections graph.

The graph holds public credits only (articles/visibility.py), so a chain never runs through an embargoed credit.
"""

from django.conf import settings
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from articles import connections
from articles.visibility import public_people

from . import schemas

router = Router()


class PersonEnd(Schema):
    name: str
    slug: str
    url: str = Field(description="The person's page on the site.")


class TitleOnChain(Schema):
    name: str
    slug: str
    url: str
    year: int | None
    roles: list[list[str]] = Field(description="The roles of the person before and the person after on this title.")


class Step(Schema):
    person: PersonEnd
    title: TitleOnChain
    next_person: PersonEnd


class Connection(Schema):
    from_: PersonEnd = Field(alias="from")
    to: PersonEnd
    connected: bool
    hops: int | None = Field(description="Titles on the shortest chain; null when the two are not connected.")
    chains_of_this_length: int = Field(
        description="How many chains of this length exist; when chains_of_this_length_exact is false, how many were "
        f"counted before counting stopped (more than {settings.CONNECTIONS_COUNT_UP_TO} exist)."
    )
    chains_of_this_length_exact: bool
    chains: list[list[Step]] = Field(description="A few of the shortest chains.")


SLUG = r"^[-\w]+$"


class Ends(Schema):
    from_: str = Field(alias="from", max_length=200, pattern=SLUG, description="Slug of the first person.")
    to: str = Field(max_length=200, pattern=SLUG, description="Slug of the second person.")


@router.get(
    "/connections/",
    response={200: Connection, 400: schemas.Error, 404: schemas.Error, 422: schemas.Error, 429: schemas.Error},
    url_name="connections",
    tags=["connections"],
    by_alias=True,
)
def connection(request, ends: Query[Ends]):
    """The shortest chains of shared titles between two people (1 query: both people; the graph is in memory)."""
    slugs = {ends.from_, ends.to}
    people = {p.slug: p for p in public_people().filter(slug__in=slugs).only("id", "name", "slug")}
    missing = [slug for slug in (ends.from_, ends.to) if slug not in people]
    if missing:
        raise HttpError(404, f"No one on file is called “{missing[0]}”.")
    return connections.connect(people[ends.from_], people[ends.to]).as_json()
