"""Story bundles: one story and everything it links, as a natural-key fixture another Newsroom can load.

People and titles carry their slugs (and IMDb ids) as natural keys, so `loaddata` merges them with the
ones the other database already has instead of duplicating them. Bylines and the story's creator are
user accounts and stay behind; image files are not copied, their metadata (path, caption, credit, alt) is.
"""

from django.core import serializers

from people.models import Relationship

from .models import Article, ArticleCredit, ArticleSource, Quote

ARTICLE_FIELDS = [
    field.name
    for field in Article._meta.get_fields()
    if field.concrete and not field.auto_created and field.name not in {"authors", "created_by"}
]


def story_bundle(article):
    """The objects a story needs, in an order loaddata can save them one by one."""
    article_credits = list(
        ArticleCredit.objects.filter(article=article).select_related("credit__film", "credit__person")
    )
    credits = [link.credit for link in article_credits]
    source_links = list(ArticleSource.objects.filter(article=article).select_related("source"))
    quotes = list(Quote.objects.filter(article=article).select_related("source").prefetch_related("speakers"))

    people = {credit.person for credit in credits}
    people |= set(article.linked_people.all())
    people |= {speaker for quote in quotes for speaker in quote.speakers.all()}
    films = {credit.film for credit in credits} | set(article.linked_films.all())
    sources = {link.source for link in source_links} | {quote.source for quote in quotes if quote.source}
    relationships = Relationship.objects.filter(person__in=people, other__in=people).select_related("person", "other")

    def by_slug(objects):
        return sorted(objects, key=lambda obj: obj.slug)

    return [
        *by_slug(people),
        *relationships.order_by("person__slug", "other__slug", "kind"),
        *by_slug(films),
        *sorted(credits, key=lambda c: (c.film.slug, c.billing, c.person.slug, c.role)),
        *([article.section] if article.section else []),
        *article.tags.order_by("slug"),
        *by_slug(sources),
        article,
        *source_links,
        *article_credits,
        *quotes,
    ]


def export_story(article, *, stream, indent=2):
    """Write the story's bundle to stream as a JSON fixture with natural keys throughout."""
    objects = story_bundle(article)
    others = [obj for obj in objects if obj is not article]
    stream.write("[\n")
    # Two passes: the story itself without its bylines; everything else whole.
    chunks = [
        serializers.serialize(
            "json",
            others[: objects.index(article)],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            indent=indent,
        ),
        serializers.serialize(
            "json",
            [article],
            fields=ARTICLE_FIELDS,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            indent=indent,
        ),
        serializers.serialize(
            "json",
            others[objects.index(article) :],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
            indent=indent,
        ),
    ]
    bodies = [chunk.strip()[1:-1].strip() for chunk in chunks]
    stream.write(",\n".join(body for body in bodies if body))
    stream.write("\n]\n")
    return len(objects)
