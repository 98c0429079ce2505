"""What a cached page shows, named as tags, and which tags an edit touches.

A page records the objects it shows (`shows(request, ...)`): the story, its people, titles, section, tags and
sources, and the lists it is (`stories` for the home page, feeds, sitemaps and search; `section-stories-<id>` for a
section's pages, and so on). An edit names the objects it changes and the lists it may join or leave; the page
cache and the CDN drop exactly the pages carrying one of those tags. Pages that record nothing carry `edit`, which
every edit touches, so a page nobody tagged is never kept past an edit. `all` is on every page: a model this module
does not know, or a change to what every page shows (the sections in the navigation), touches it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from articles.models import (
    Article,
    ArticleCredit,
    ArticleSource,
    Correction,
    Quote,
    Section,
    Source,
    Tag,
)
from films.models import Credit, Film
from people.models import Person, Relationship

from . import invalidation

ALL = "all"  # on every page
EDIT = "edit"  # on every page that recorded nothing else; every edit touches it
STORIES = "stories"  # the site-wide lists of stories: home, latest feeds, sitemaps, search
GRAPH = "graph"  # what the connections graph answers on person pages (collaborators, the centre's number)
CACHED_APPS = {"people", "films", "articles"}
# Rows no public page shows: the desk's own records. Their saves leave every cached page alone.
UNSHOWN = {
    "workflowevent",
    "previewlink",
    "assignment",
    "storycomment",
    "presence",
    "notification",
    "notificationsetting",
    "storyimport",
    "creditsuggestion",
    "sourcesuggestion",
    "relationshipsuggestion",
    "graphchange",
    "reviewstep",
}
TAGS_ATTRIBUTE = "_cache_tags"
# Past this many, a page (a prolific person's filmography) is kept as one that names nothing: its Surrogate-Key
# stays within what a CDN accepts in one header (Varnish: 8 KB), and any edit refreshes it.
MAX_TAGS = 250


def story(pk):
    return f"story-{pk}"


def person(pk):
    return f"person-{pk}"


def title(pk):
    return f"title-{pk}"


def shows(request, *tags):
    """Record that the page answering request shows these objects or lists."""
    found = getattr(request, TAGS_ATTRIBUTE, None)
    if found is None:
        found = set()
        setattr(request, TAGS_ATTRIBUTE, found)
    found.update(str(tag) for tag in tags if tag)


def shows_stories(request, stories):
    """A page listing stories shows each of them and its section's name."""
    shows(request, *(story(s.pk) for s in stories), *(f"section-{s.section_id}" for s in stories if s.section_id))


def of_request(request):
    """The tags a cached copy of request's page carries: what it recorded (else, or past MAX_TAGS, `edit`), and `all`."""
    recorded = getattr(request, TAGS_ATTRIBUTE, None)
    if not recorded or len(recorded) > MAX_TAGS:
        recorded = {EDIT}
    return sorted({ALL, *recorded})


# What an edit touches.


def story_lists(article_ids, *, section_ids=(), graph=True):
    """A story may have joined or left these lists: the site-wide ones, its section's, its people's and titles'.

    graph: whether the connections graph may have changed with it (person pages show the graph's answers).
    """
    if not article_ids:
        return set()
    credits = ArticleCredit.objects.filter(article__in=article_ids).values_list("credit__person_id", "credit__film_id")
    people = Article.linked_people.through.objects.filter(article__in=article_ids).values_list("person_id", flat=True)
    films = Article.linked_films.through.objects.filter(article__in=article_ids).values_list("film_id", flat=True)
    tags = {STORIES, *(story(pk) for pk in article_ids), *(f"section-stories-{pk}" for pk in section_ids if pk)}
    if graph:
        tags.add(GRAPH)
    for person_id, film_id in credits:
        tags |= {f"person-stories-{person_id}", f"title-stories-{film_id}"}
    tags |= {f"person-stories-{pk}" for pk in people} | {f"title-stories-{pk}" for pk in films}
    tags |= {f"tag-stories-{pk}" for pk in Article.tags.through.objects.filter(article__in=article_ids).values_list(
        "tag_id", flat=True)}  # fmt: skip
    return tags


def of_instance(instance, update_fields=None):
    """The tags an edit of instance (a save naming update_fields, if any) touches; None when no public page shows it."""
    model = type(instance)
    if model is Article:
        graph = instance.visibility_moved(update_fields)
        return story_lists([instance.pk], section_ids=[instance.section_id], graph=graph)
    if model is ArticleCredit:
        ends = Credit.objects.filter(pk=instance.credit_id).values_list("person_id", "film_id").first()
        lists = {f"person-stories-{ends[0]}", f"title-stories-{ends[1]}"} if ends else {STORIES}
        return {STORIES, GRAPH, story(instance.article_id), *lists}
    if model in (ArticleSource, Correction, Quote):
        return {story(instance.article_id)}
    if model is Person:
        return {person(instance.pk), GRAPH}
    if model is Film:
        return {title(instance.pk), GRAPH}
    if model is Credit:
        return {person(instance.person_id), title(instance.film_id), GRAPH}
    if model is Relationship:
        return {person(instance.person_id), person(instance.other_id)}
    if model is Tag:
        return {f"tag-{instance.pk}"}
    if model is Source:
        return {f"source-{instance.pk}"}
    if model is Section:
        return {ALL}  # every page's navigation names the sections
    if model._meta.model_name in UNSHOWN:
        return None
    return {ALL}


LINK_LISTS = {"tags": "tag-stories", "linked_people": "person-stories", "linked_films": "title-stories"}


def of_links(instance, model, pk_set, through):
    """The tags a change to a story's many-to-many links touches (tags, authors, linked people and titles)."""
    articles, others = ([instance.pk], pk_set or ()) if isinstance(instance, Article) else (pk_set or (), [instance.pk])
    field = next((f.name for f in Article._meta.many_to_many if f.remote_field.through is through), None)
    tags = {story(pk) for pk in articles}
    if field in LINK_LISTS:
        tags |= {STORIES} | {f"{LINK_LISTS[field]}-{pk}" for pk in others}
        if field != "tags":  # a person or title a public story links is public: the graph may change
            tags.add(GRAPH)
    return tags


def edited(sender, instance, using=None, **kwargs):
    """Signal receiver for saves and deletes."""
    if sender._meta.app_label not in CACHED_APPS:
        return
    if kwargs.get("signal") is post_delete and sender is Article:
        return  # its lists were read before the delete (forgetting)
    tags = of_instance(instance, kwargs.get("update_fields"))
    if tags:
        invalidation.invalidate({EDIT, *tags}, using=using)


def forgetting(sender, instance, using=None, **kwargs):
    """Before a story is deleted: its lists, while its links can still be read."""
    invalidation.invalidate({EDIT, *story_lists([instance.pk], section_ids=[instance.section_id])}, using=using)


def links_changed(sender, instance, action, model, pk_set, using=None, **kwargs):
    if not action.startswith("post_") and action != "pre_clear":
        return
    if isinstance(instance, Article) or model is Article:
        tags = of_links(instance, model, pk_set, sender)
        if action == "pre_clear":  # the links about to go are only readable now
            tags |= story_lists([instance.pk]) if isinstance(instance, Article) else {STORIES}
    elif isinstance(instance, Quote):
        tags = {story(instance.article_id)}
    elif sender._meta.app_label in CACHED_APPS:
        tags = {ALL}
    else:
        return
    invalidation.invalidate({EDIT, *tags}, using=using)


def connect_signals():
    for signal in (post_save, post_delete):
        signal.connect(edited, dispatch_uid=f"cache-tags-{signal!r}")
    pre_delete.connect(forgetting, sender=Article, dispatch_uid="cache-tags-forgetting")
    m2m_changed.connect(links_changed, dispatch_uid="cache-tags-links")
