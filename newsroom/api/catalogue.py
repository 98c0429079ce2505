"""People, titles, credits, sections and tags: what the reader's site shows of them (articles/visibility.py)."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from articles.models import Article, Section
from articles.visibility import person_is_public, public_credits, public_people, public_tags, public_titles
from films.models import Credit, Film
from people.models import Relationship

from . import represent, responses, schemas
from .pagination import keyset_page
from .responses import chosen_fields, newest_of

router = Router()

LIST_ERRORS = {400: schemas.Error, 422: schemas.Error, 429: schemas.Error}
DETAIL_ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}
CREW_ORDER = {role: index for index, role in enumerate(Credit.Role.values)}


class PageParameters(Schema):
    cursor: str | None = Field(None, description="From the previous page's cursor.")
    limit: int = Field(50, ge=1, le=200)
    fields: str | None = Field(None, description="Comma-separated fields to return for each item.")


def _stories_changed(stories):
    """When the newest of these public stories changed or went public: a subquery, not a query."""
    changed = stories.annotate(changed=Greatest("updated_at", "publish_at")).order_by("-changed")
    return Subquery(changed.values("changed")[:1])


@router.get(
    "/people/",
    response={200: schemas.page_of(schemas.PersonSummary), **LIST_ERRORS},
    url_name="people",
    tags=["people"],
)
def list_people(
    request, paging: Query[PageParameters], imdb_id: str | None = Query(None, description="An IMDb id (nm…).")
):
    """Public people by name: 1 query."""
    fields = chosen_fields(paging.fields, schemas.PersonSummary)
    queryset = public_people()
    if imdb_id:
        queryset = queryset.filter(imdb_id=imdb_id)
    people, next_cursor = keyset_page(queryset, order=("name", "id"), cursor=paging.cursor, limit=paging.limit)
    return responses.page(
        request,
        [represent.person_summary(p) for p in people],
        next_cursor=next_cursor,
        fields=fields,
        last_modified=newest_of(*(p.updated_at for p in people)),
    )


@router.get("/people/{slug}/", response={200: schemas.Person, **DETAIL_ERRORS}, url_name="person", tags=["people"])
def person_detail(request, slug: str, fields: str | None = Query(None, description="Comma-separated fields.")):
    """A public person with their public credits and relationships: 3 queries."""
    chosen = chosen_fields(fields, schemas.Person)
    queryset = public_people().annotate(
        stories_changed=_stories_changed(Article.objects.public().about_person(OuterRef("pk")))
    )
    person = queryset.filter(slug=slug).first()
    if person is None:
        raise HttpError(404, "No public person has this slug.")
    credits = list(
        public_credits(person.credits.select_related("film"), given="person").order_by(
            "role", "-film__year", "film__title", "id"
        )
    )
    relationships = [
        (rel, rel.partner_of(person))
        for rel in Relationship.objects.involving(person)
        .filter(person_is_public("person"), person_is_public("other"))
        .select_related("person", "other")
    ]
    data = represent.person(person, credits=credits, relationships=relationships)
    return responses.answer(
        request,
        responses.trim(data, chosen),
        last_modified=newest_of(
            person.updated_at,
            person.stories_changed,
            *(c.film.updated_at for c in credits),
            *(other.updated_at for _, other in relationships),
        ),
    )


@router.get(
    "/titles/", response={200: schemas.page_of(schemas.TitleSummary), **LIST_ERRORS}, url_name="titles", tags=["titles"]
)
def list_titles(
    request,
    paging: Query[PageParameters],
    kind: Film.Kind | None = Query(None, description="movie, tvSeries, …"),
    year: int | None = Query(None, ge=1870, le=2200),
    imdb_id: str | None = Query(None, description="An IMDb id (tt…)."),
):
    """Public titles by title: 1 query."""
    fields = chosen_fields(paging.fields, schemas.TitleSummary)
    queryset = public_titles()
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(year=year)
    if imdb_id:
        queryset = queryset.filter(imdb_id=imdb_id)
    films, next_cursor = keyset_page(queryset, order=("title", "id"), cursor=paging.cursor, limit=paging.limit)
    return responses.page(
        request,
        [represent.title_summary(f) for f in films],
        next_cursor=next_cursor,
        fields=fields,
        last_modified=newest_of(*(f.updated_at for f in films)),
    )


@router.get("/titles/{slug}/", response={200: schemas.Title, **DETAIL_ERRORS}, url_name="title", tags=["titles"])
def title_detail(request, slug: str, fields: str | None = Query(None, description="Comma-separated fields.")):
    """A public title with its public cast (billing order) and crew (by role): 2 queries."""
    chosen = chosen_fields(fields, schemas.Title)
    queryset = public_titles().annotate(
        stories_changed=_stories_changed(Article.objects.public().about_title(OuterRef("pk")))
    )
    film = queryset.filter(slug=slug).first()
    if film is None:
        raise HttpError(404, "No public title has this slug.")
    credits = list(public_credits(film.credits.select_related("person"), given="film").order_by("billing", "id"))
    cast = [c for c in credits if c.is_cast]
    crew = sorted((c for c in credits if not c.is_cast), key=lambda c: (CREW_ORDER[c.role], c.billing, c.id))
    data = represent.title(film, credits=[*cast, *crew])
    return responses.answer(
        request,
        responses.trim(data, chosen),
        last_modified=newest_of(film.updated_at, film.stories_changed, *(c.person.updated_at for c in credits)),
    )


@router.get(
    "/credits/", response={200: schemas.page_of(schemas.Credit), **LIST_ERRORS}, url_name="credits", tags=["credits"]
)
def list_credits(
    request,
    paging: Query[PageParameters],
    person: str | None = Query(None, description="A person's slug."),
    title: str | None = Query(None, description="A title's slug."),
    role: Credit.Role | None = Query(None),
):
    """Public credits with their people and titles, oldest first: 1 query."""
    fields = chosen_fields(paging.fields, schemas.Credit)
    queryset = public_credits(Credit.objects.select_related("person", "film"))
    if person:
        queryset = queryset.filter(person__slug=person)
    if title:
        queryset = queryset.filter(film__slug=title)
    if role:
        queryset = queryset.filter(role=role)
    credits, next_cursor = keyset_page(queryset, order=("id",), cursor=paging.cursor, limit=paging.limit)
    return responses.page(
        request,
        [represent.credit(c) for c in credits],
        next_cursor=next_cursor,
        fields=fields,
        last_modified=newest_of(*(newest_of(c.person.updated_at, c.film.updated_at) for c in credits)),
    )


@router.get(
    "/credits/{credit_id}/", response={200: schemas.Credit, **DETAIL_ERRORS}, url_name="credit", tags=["credits"]
)
def credit_detail(request, credit_id: int, fields: str | None = Query(None, description="Comma-separated fields.")):
    """A public credit with its person and title: 1 query."""
    chosen = chosen_fields(fields, schemas.Credit)
    credit = public_credits(Credit.objects.select_related("person", "film")).filter(pk=credit_id).first()
    if credit is None:
        raise HttpError(404, "No public credit has this id.")
    return responses.answer(
        request,
        responses.trim(represent.credit(credit), chosen),
        last_modified=newest_of(credit.person.updated_at, credit.film.updated_at),
    )


@router.get(
    "/sections/",
    response={200: schemas.page_of(schemas.Section), **LIST_ERRORS},
    url_name="sections",
    tags=["sections"],
)
def list_sections(request, fields: str | None = Query(None, description="Comma-separated fields.")):
    """Every section in the site's navigation order, on one page: 1 query."""
    chosen = chosen_fields(fields, schemas.Section)
    items = [represent.section(s) for s in Section.objects.all()]
    return responses.page(request, items, next_cursor=None, fields=chosen, last_modified=None)


@router.get("/tags/", response={200: schemas.page_of(schemas.Tag), **LIST_ERRORS}, url_name="tags", tags=["tags"])
def list_tags(request, paging: Query[PageParameters]):
    """Tags public stories carry, by name: 1 query."""
    fields = chosen_fields(paging.fields, schemas.Tag)
    tags, next_cursor = keyset_page(public_tags(), order=("name", "id"), cursor=paging.cursor, limit=paging.limit)
    return responses.page(
        request, [represent.tag(t) for t in tags], next_cursor=next_cursor, fields=fields, last_modified=None
    )
