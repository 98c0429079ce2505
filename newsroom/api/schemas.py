"""The API's resources as OpenAPI sees them (pydantic, through django-ninja).

Responses are built as plain dicts by newsroom/api/represent.py and checked against these schemas by the
schemathesis test. A resource a client may trim with fields= lists no required field, so a trimmed answer is
still valid against its schema.
"""

from datetime import date, datetime

from ninja import Schema
from pydantic import ConfigDict, Field


def _nothing_required(schema, model):
    schema.pop("required", None)


class Trimmable(Schema):
    """A top-level resource: fields= chooses which of its fields come back."""

    model_config = ConfigDict(json_schema_extra=_nothing_required)


class Error(Schema):
    detail: str | list = Field(description="What was wrong, in words (or, for invalid parameters, one entry each).")


class SectionRef(Schema):
    slug: str
    name: str
    url: str
    stories_url: str


class TagRef(Schema):
    slug: str
    name: str
    url: str
    stories_url: str


class PersonRef(Schema):
    id: int
    slug: str
    name: str
    url: str = Field(description="The person's page on the site.")
    api_url: str


class TitleRef(Schema):
    id: int
    slug: str
    title: str
    kind: str
    year: int | None
    url: str = Field(description="The title's page on the site.")
    api_url: str


class Rendition(Schema):
    url: str
    width: int
    type: str = Field(description="MIME type: image/webp or image/jpeg.")


class Image(Schema):
    url: str = Field(description="The original upload.")
    width: int
    height: int
    alt: str
    caption: str
    credit: str
    renditions: list[Rendition] = Field(description="Each width as WebP and JPEG, never wider than the original.")
    share: list[str] = Field(description="16:9, 4:3 and 1:1 crops, 1200 px wide, for social cards.")


class Byline(Schema):
    name: str


class SourceCredit(Schema):
    name: str
    slug: str
    kind: str
    homepage: str
    credited_as: str = Field(description='How the story credits it, e.g. "reports People magazine".')


class CreditBase(Schema):
    id: int
    api_url: str
    role: str
    role_label: str
    character: str
    billing: int


class LinkedCredit(CreditBase):
    person: PersonRef
    title: TitleRef


class PersonCredit(CreditBase):
    title: TitleRef


class TitleCredit(CreditBase):
    person: PersonRef


class QuoteOut(Schema):
    text: str
    speaker: str
    context: str
    source: str | None


class CorrectionOut(Schema):
    note: str
    at: datetime


class Relationship(Schema):
    kind: str
    kind_label: str
    person: PersonRef
    since: date | None
    since_precision: str
    until: date | None


class StorySummary(Trimmable):
    id: int
    slug: str
    headline: str
    dek: str
    url: str = Field(description="The story's page on the site.")
    api_url: str
    section: SectionRef | None
    tags: list[TagRef]
    bylines: list[Byline]
    published_at: datetime | None = Field(description="Null only on a share preview of a story not yet scheduled.")
    first_published_at: datetime | None
    updated_at: datetime
    lead_image: Image | None


class Story(StorySummary):
    body_html: str = Field(description="Sanitised HTML; people and titles the story names link to their pages.")
    sources: list[SourceCredit]
    credits: list[LinkedCredit] = Field(description="The story's linked credits, in its order.")
    people: list[PersonRef] = Field(description="People the story links beyond its credits.")
    titles: list[TitleRef] = Field(description="Titles the story links beyond its credits.")
    quotes: list[QuoteOut]
    corrections: list[CorrectionOut]


class PersonSummary(Trimmable):
    id: int
    slug: str
    name: str
    url: str
    api_url: str
    stories_url: str
    imdb_id: str
    wikidata_id: str


class Person(PersonSummary):
    birth_date: date | None
    bio: str
    headshot: Image | None
    credits: list[PersonCredit]
    relationships: list[Relationship]


class TitleSummary(Trimmable):
    id: int
    slug: str
    title: str
    kind: str
    year: int | None
    url: str
    api_url: str
    stories_url: str
    imdb_id: str
    wikidata_id: str


class Title(TitleSummary):
    end_year: int | None
    release_status: str
    synopsis: str
    network: str
    poster: Image | None
    credits: list[TitleCredit] = Field(description="Cast, then crew, in billing order.")


class Credit(Trimmable):
    id: int
    api_url: str
    role: str
    role_label: str
    character: str
    billing: int
    person: PersonRef
    title: TitleRef


class Section(Trimmable):
    slug: str
    name: str
    description: str
    url: str
    stories_url: str


class Tag(Trimmable):
    slug: str
    name: str
    url: str
    stories_url: str


class Index(Schema):
    stories: str
    people: str
    titles: str
    credits: str
    sections: str
    tags: str
    search: str
    openapi: str
    docs: str


def page_of(item):
    """The schema of one page of a list: its items, and where the next page is (null on the last one)."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {
            "__annotations__": {"items": list[item], "next": str | None, "cursor": str | None},
            "__doc__": f"A page of {item.__name__} items, newest or first first; follow next for the rest.",
            "next": Field(description="The next page's address, or null on the last page."),
            "cursor": Field(description="The cursor parameter for the next page, or null on the last page."),
        },
    )


class ImportIn(Schema):
    text: str = Field(description="The story's raw text, as Story imports takes it: date line, headline, paragraphs.")
    section: str | None = Field(None, description="A section's slug.")
    file_name: str = Field("", max_length=255, description="The name the wire gave the story, kept with the import.")


class ImportPerson(Schema):
    slug: str
    name: str


class ImportTitle(Schema):
    slug: str
    title: str
    year: int | None


class Suggestion(Schema):
    person: ImportPerson
    title: ImportTitle
    role: str
    character: str
    evidence: str
    on_file: bool = Field(description="The database already holds this credit.")
    status: str


class DraftOut(Schema):
    id: int
    slug: str
    headline: str
    state: str
    admin_url: str


class ImportOut(Schema):
    id: int
    admin_url: str = Field(description="Where an editor confirms or rejects the suggestions.")
    story: DraftOut
    suggestions: list[Suggestion]
