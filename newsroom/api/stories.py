"""Stories: the public list (filters, cursor pages), one story by slug (or a draft through its share-preview
token), and search. What a reader may see is Article.objects.public(), as on the site."""

from datetime import datetime

from django.db.models import Subquery
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from articles import previews, search
from articles.models import Article, Quote
from core.sanitize import sanitize_html
from films.models import Film
from people.models import Person

from ..public import story_page
from ..public.filters import EARLIEST, LATEST, MAX_QUERY_LENGTH
from ..public.linking import link_story_body
from . import represent, responses, schemas
from .pagination import keyset_page, offset_page
from .responses import chosen_fields, newest_of

router = Router(tags=["stories"])

ORDER = ("-publish_at", "-id")
LIST_ERRORS = {400: schemas.Error, 422: schemas.Error, 429: schemas.Error}


class StoryFilters(Schema):
    section: str | None = Field(None, description="A section's slug.")
    tag: str | None = Field(None, description="A tag's slug.")
    person: str | None = Field(None, description="A person's slug: stories that credit or link them.")
    title: str | None = Field(None, description="A title's slug: stories that credit or link it.")
    since: datetime | None = Field(
        None, description="Published at or after (ISO 8601; the newsroom's time zone when none is given)."
    )
    until: datetime | None = Field(None, description="Published at or before.")


class PageParameters(Schema):
    cursor: str | None = Field(None, description="From the previous page's cursor.")
    limit: int = Field(20, ge=1, le=100)
    fields: str | None = Field(None, description="Comma-separated fields to return for each item, e.g. headline,url.")


def _moment(value):
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return min(max(value, EARLIEST), LATEST)


def filtered(queryset, filters):
    """The stories matching the filters; a slug nobody has matches nothing (no extra query to find out)."""
    if filters.section:
        queryset = queryset.filter(section__slug=filters.section)
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    if filters.person:
        queryset = queryset.about_person(Subquery(Person.objects.filter(slug=filters.person).values("pk")[:1]))
    if filters.title:
        queryset = queryset.about_title(Subquery(Film.objects.filter(slug=filters.title).values("pk")[:1]))
    if filters.since:
        queryset = queryset.filter(publish_at__gte=_moment(filters.since))
    if filters.until:
        queryset = queryset.filter(publish_at__lte=_moment(filters.until))
    return queryset


def summaries(stories):
    """Each story's summary: its tags and bylines in one query each, whatever the number of stories."""
    ids = [story.pk for story in stories]
    tags, authors = {}, {}
    for link in Article.tags.through.objects.filter(article_id__in=ids).select_related("tag").order_by("tag__name"):
        tags.setdefault(link.article_id, []).append(link.tag)
    for link in Article.authors.through.objects.filter(article_id__in=ids).select_related("user").order_by("id"):
        authors.setdefault(link.article_id, []).append(link.user)
    return [represent.story_summary(s, tags=tags.get(s.pk, []), authors=authors.get(s.pk, [])) for s in stories]


def _list(request, stories, next_cursor, fields):
    return responses.page(
        request,
        summaries(stories) if stories else [],
        next_cursor=next_cursor,
        fields=fields,
        last_modified=newest_of(*(newest_of(s.updated_at, s.publish_at) for s in stories)),
    )


@router.get("/stories/", response={200: schemas.page_of(schemas.StorySummary), **LIST_ERRORS}, url_name="stories")
def list_stories(request, filters: Query[StoryFilters], paging: Query[PageParameters]):
    """Public stories, newest first: 3 queries (stories with sections, their tags, their bylines)."""
    fields = chosen_fields(paging.fields, schemas.StorySummary)
    queryset = filtered(Article.objects.public().select_related("section"), filters)
    stories, next_cursor = keyset_page(queryset, order=ORDER, cursor=paging.cursor, limit=paging.limit)
    return _list(request, stories, next_cursor, fields)


@router.get("/search/", response={200: schemas.page_of(schemas.StorySummary), **LIST_ERRORS}, url_name="search")
def search_stories(
    request,
    filters: Query[StoryFilters],
    paging: Query[PageParameters],
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_LENGTH, description="What to look for."),
):
    """Public stories matching q, best match first (ranked full-text search on PostgreSQL): 3 queries."""
    fields = chosen_fields(paging.fields, schemas.StorySummary)
    text = " ".join(q.split())
    queryset = filtered(Article.objects.public().select_related("section"), filters)
    if text:
        queryset = search.search(queryset, text)
    stories, next_cursor = offset_page(queryset, kind=f"search:{text}", cursor=paging.cursor, limit=paging.limit)
    return _list(request, stories, next_cursor, fields)


@router.get(
    "/stories/{slug}/",
    response={200: schemas.Story, 400: schemas.Error, 404: schemas.Error, 429: schemas.Error},
    url_name="story",
)
def story_detail(
    request,
    slug: str,
    preview: str | None = Query(None, description="A share-preview link's token: opens that one unpublished story."),
    fields: str | None = Query(None, description="Comma-separated fields to return, e.g. headline,body_html."),
):
    """A public story: 8 queries (story, credits, labels, sources, bylines, corrections, quotes, their speakers).

    A story not public (draft, scheduled, expired, unpublished) is a 404, unless preview is the token of a live
    share-preview link for that very story; that answer is private and never stored.
    """
    chosen = chosen_fields(fields, schemas.Story)
    story = Article.objects.public().select_related("section").filter(slug=slug).first()
    link = None
    if story is None and preview:
        story = Article.objects.select_related("section").filter(slug=slug).first()
        link = previews.open_link(pk=story.pk, token=preview) if story else None
        if link is None:
            story = None
    if story is None:
        raise HttpError(404, "No public story has this slug.")
    page = story_page.read(story)
    quotes = list(Quote.objects.filter(article=story).select_related("source").prefetch_related("speakers"))
    body = link_story_body(
        sanitize_html(story.body),
        people=page["story_people"],
        titles=page["story_films"],
        url_of=lambda thing: represent.absolute(thing.get_absolute_url()),
    )
    data = responses.trim(represent.story(story, page=page, body_html=body, quotes=quotes), chosen)
    if link is not None:
        previews.record_use(link)
        response = responses.json_response(responses.to_json(data))
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    shown = [*page["story_people"], *page["story_films"]]
    return responses.answer(
        request,
        data,
        last_modified=newest_of(
            story.updated_at,
            story.publish_at,
            *(correction.last_changed for correction in page["corrections"]),
            *(thing.updated_at for thing in shown),
        ),
    )
