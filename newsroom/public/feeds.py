"""RSS 2.0 and Atom feeds of public stories: the latest, and per section, person and title.

Each feed runs a constant number of queries: the object it is about (if any), the stories with their
sections, and their bylines in one prefetch.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Section
from core.users import display_name
from films.models import Film
from people.models import Person

from .structured_data import absolute

ITEMS = 30


class LatestStoriesFeed(Feed):
    description = "The latest film and TV stories."

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: latest stories"

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
        return story.headline

    def item_description(self, story):
        return story.dek

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
        return f"{settings.SITE_NAME}: {section.name}"

    def link(self, section):
        return absolute(section.get_absolute_url())

    def description(self, section):
        return section.description or f"The latest {section.name} stories."

    def stories(self, section):
        return Article.objects.public().filter(section=section)


class PersonFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def title(self, person):
        return f"{settings.SITE_NAME}: {person.name}"

    def link(self, person):
        return absolute(person.get_absolute_url())

    def description(self, person):
        return f"Stories about {person.name}."

    def stories(self, person):
        return Article.objects.public().about_person(person)


class TitleFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Film, slug=slug)

    def title(self, film):
        return f"{settings.SITE_NAME}: {film}"

    def link(self, film):
        return absolute(film.get_absolute_url())

    def description(self, film):
        return f"Stories about {film}."

    def stories(self, film):
        return Article.objects.public().about_title(film)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(
        f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed, "subtitle": feed_class.description}
    )
