"""Person pages: filmography by role, relationships, and the public stories about them."""

from itertools import groupby

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from articles.models import Article
from articles.visibility import person_is_public, public_credits, public_people
from films.models import Credit
from people.models import Person, Relationship

from .. import conditional, roles, structured_data
from ..pagination import page_of

STORIES_PER_PAGE = 20


class PersonDetailView(DetailView):
    """A person: 4 queries (person with last-change times, filmography, relationships, a page of stories).

    Only what readers may see (articles/visibility.py): an embargoed person is a 404, and their filmography,
    relationships and last-change times leave out embargoed credits, titles and partners.
    """

    model = Person
    template_name = "public/person.html"
    context_object_name = "person"

    def get_object(self, queryset=None):
        stories = Article.objects.public().about_person(OuterRef("pk"))
        credits = public_credits(Credit.objects.filter(person=OuterRef("pk")), given="person")
        partners = public_people().filter(
            Q(relationships__other=OuterRef("pk")) | Q(relationships_as_other__person=OuterRef("pk"))
        )
        queryset = public_people().annotate(
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
        return get_object_or_404(queryset, slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.object = person = self.get_object()
        return conditional.respond(
            request,
            last_modified=conditional.newest(
                person.updated_at, person.stories_changed, person.films_changed, person.partners_changed
            ),
            key=f"person:{person.pk}:{request.GET.get('page', '')}",
            render=lambda: self.render_to_response(self.get_context_data(object=person)),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        credits = roles.order(public_credits(person.credits.select_related("film"), given="person"), newest_first=True)
        context["filmography"] = [(heading, list(group)) for heading, group in groupby(credits, key=roles.heading)]
        context["relationships"] = [
            (rel, rel.partner_of(person))
            for rel in Relationship.objects.involving(person)
            .filter(person_is_public("person"), person_is_public("other"))
            .select_related("person", "other")
        ]
        stories = Article.objects.public().about_person(person).select_related("section").order_by("-publish_at", "-id")
        page = page_of(stories, self.request, STORIES_PER_PAGE)
        context.update(page_obj=page, stories=page.object_list, is_paginated=page.has_other_pages())
        story_image = structured_data.lead_image_named(person.story_image)
        images = structured_data.share_images_of(person.headshot, story_image)
        context["share_image"] = images[0]
        context["json_ld"] = [
            structured_data.person_page(person, relationships=context["relationships"], images=images)
        ]
        return context
