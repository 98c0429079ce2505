"""Person pages: filmography by role, relationships, and the public stories about them."""

from itertools import groupby

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Greatest

from articles import connections
from articles.models import Article
from articles.visibility import person_is_public, public_credits, public_people
from films.models import Credit
from people.models import Person, Relationship

from .. import cache_tags, roles, structured_data
from ..pagination import window
from ..prepared import ID, MOMENT, TEXT, prepared
from .subjects import STORIES_PER_PAGE, SubjectPage


@prepared(at=MOMENT, slug=TEXT)
def person_with_change_times(*, at, slug):
    stories = Article.objects.public(at=at).about_person(OuterRef("pk"))
    credits = public_credits(Credit.objects.filter(person=OuterRef("pk")), given="person", at=at)
    partners = public_people(at=at).filter(
        Q(relationships__other=OuterRef("pk")) | Q(relationships_as_other__person=OuterRef("pk"))
    )
    return (
        public_people(at=at)
        .filter(slug=slug)
        .annotate(
            # The newest public story's lead image stands in for a missing headshot on share cards.
            story_image=Subquery(
                stories.exclude(lead_image="").order_by("-publish_at", "-id").values("lead_image")[:1]
            ),
            stories_changed=Subquery(
                stories.annotate(changed=Greatest("updated_at", "publish_at"))
                .order_by("-changed")
                .values("changed")[:1]
            ),
            films_changed=Subquery(credits.order_by("-film__updated_at").values("film__updated_at")[:1]),
            partners_changed=Subquery(partners.order_by("-updated_at").values("updated_at")[:1]),
        )
    )


@prepared(at=MOMENT, person=ID)
def filmography_of(*, at, person):
    credits = Credit.objects.filter(person=person).select_related("film")
    return public_credits(credits, given="person", at=at)


@prepared(at=MOMENT, person=ID)
def relationships_of(*, at, person):
    return (
        Relationship.objects.involving(person)
        .filter(person_is_public("person", at=at), person_is_public("other", at=at))
        .select_related("person", "other")
    )


@prepared(at=MOMENT, person=ID)
def stories_about(*, at, person, page):
    stories = Article.objects.public(at=at).about_person(person).select_related("section")
    return window(stories.order_by("-publish_at", "-id"), page, STORIES_PER_PAGE)


class PersonDetailView(SubjectPage):
    """A person: 4 queries (person with last-change times, filmography, relationships, a page of stories).

    Only what readers may see (articles/visibility.py): an embargoed person is a 404, and their filmography,
    relationships and last-change times leave out embargoed credits, titles and partners. Each query is
    compiled once per process (newsroom/public/prepared.py).
    """

    model = Person
    template_name = "public/person.html"
    context_object_name = "person"

    lookup = staticmethod(person_with_change_times)
    change_times = ("stories_changed", "films_changed", "partners_changed")
    key_prefix = "person"
    missing = "No person here."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        credits = roles.order(filmography_of(at=self.at, person=person.pk), newest_first=True)
        for credit in credits:
            credit.person = person
        context["filmography"] = [(heading, list(group)) for heading, group in groupby(credits, key=roles.heading)]
        context["relationships"] = [
            (rel, rel.partner_of(person)) for rel in relationships_of(at=self.at, person=person.pk)
        ]
        context.update(self.stories_page(lambda number: stories_about(at=self.at, person=person.pk, page=number)))
        cache_tags.shows(
            self.request,
            cache_tags.person(person.pk),
            f"person-stories-{person.pk}",
            cache_tags.GRAPH,
            *(cache_tags.title(credit.film_id) for credit in credits),
            *(cache_tags.person(partner.pk) for _, partner in context["relationships"]),
        )
        cache_tags.shows_stories(self.request, context["stories"])
        story_image = structured_data.lead_image_named(person.story_image)
        images = structured_data.share_images_of(person.headshot, story_image)
        context["share_image"] = images[0]
        context["connections"] = connections.person_connections(person)
        context["json_ld"] = [
            structured_data.person_page(person, relationships=context["relationships"], images=images)
        ]
        return context
