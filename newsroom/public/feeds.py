"""RSS 2.0 and Atom feeds of public stories: the latest, and per section, person and title.

Headlines, deks, section descriptions and names are plain text. RSS readers render <title> and <description>
as HTML, so there they go out HTML-escaped; Atom says type="text" instead. A dek like "<img onerror=…>" thus
reads as itself in every reader and runs in none.

Each feed runs a constant number of queries: the object it is about (if any), the stories with their
sections, and their bylines in one prefetch.
"""

from html import escape

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Section
from articles.visibility import public_people, public_titles
from core.users import display_name

from .structured_data import absolute

ITEMS = 30


class TextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are text (Django's Atom1Feed declares them type="html")."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class LatestStoriesFeed(Feed):
    text_is_html = True  # RSS: readers take titles and descriptions as HTML

    def text(self, value):
        """Plain text as this feed format must carry it."""
        return escape(value, quote=False) if self.text_is_html else value

    def description(self, obj=None):
        return self.text("The latest film and TV stories.")

    def title(self, obj=None):
        return self.text(f"{settings.SITE_NAME}: latest stories")

    def link(self, obj=None):
        return absolute(reverse("home"))

    def stories(self, obj):
        return Article.objects.public()

    def items(self, obj=None):
        return (
            self.stories(obj)
            .select_related("section")
            .prefetch_related("authors")
            .order_by("-publish_at", "-id")[:ITEMS]
        )

    def item_title(self, story):
        return self.text(story.headline)

    def item_description(self, story):
        return self.text(story.dek)

    def item_link(self, story):
        return absolute(story.get_absolute_url())

    def item_guid(self, story):
        # The address may change with a corrected date; the guid must not.
        return f"{settings.SITE_URL}/stories/{story.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.publish_at

    def item_updateddate(self, story):
        return max(story.updated_at, story.publish_at)

    def item_author_name(self, story):
        names = [display_name(author) for author in story.authors.all()]
        return ", ".join(names) if names else f"{settings.SITE_NAME} staff"

    def item_categories(self, story):
        return [story.section.name] if story.section else []


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return self.text(f"{settings.SITE_NAME}: {section.name}")

    def link(self, section):
        return absolute(section.get_absolute_url())

    def description(self, section):
        return self.text(section.description or f"The latest {section.name} stories.")

    def stories(self, section):
        return Article.objects.public().filter(section=section)


class PersonFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_people(), slug=slug)

    def title(self, person):
        return self.text(f"{settings.SITE_NAME}: {person.name}")

    def link(self, person):
        return absolute(person.get_absolute_url())

    def description(self, person):
        return self.text(f"Stories about {person.name}.")

    def stories(self, person):
        return Article.objects.public().about_person(person)


class TitleFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_titles(), slug=slug)

    def title(self, film):
        return self.text(f"{settings.SITE_NAME}: {film}")

    def link(self, film):
        return absolute(film.get_absolute_url())

    def description(self, film):
        return self.text(f"Stories about {film}.")

    def stories(self, film):
        return Article.objects.public().about_title(film)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom",
        (feed_class,),
        {"feed_type": TextAtom1Feed, "text_is_html": False, "subtitle": feed_class.description},
    )
