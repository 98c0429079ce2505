"""Title pages: cast in billing order with characters, crew by role, and the public stories about the title."""

from itertools import groupby

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from articles.models import Article
from films.models import Credit, Film
from people.models import Person

from .. import conditional, structured_data
from ..pagination import page_of

STORIES_PER_PAGE = 20


class FilmDetailView(DetailView):
    """A title: 3 queries (title with last-change times, credits with people, a page of stories)."""

    model = Film
    template_name = "public/title.html"
    context_object_name = "film"

    def get_object(self, queryset=None):
        stories = Article.objects.public().about_title(OuterRef("pk"))
        people = Person.objects.filter(credits__film=OuterRef("pk"))
        queryset = Film.objects.annotate(
            stories_changed=Subquery(
                stories.annotate(changed=Greatest("updated_at", "publish_at"))
                .order_by("-changed")
                .values("changed")[:1]
            ),
            people_changed=Subquery(people.order_by("-updated_at").values("updated_at")[:1]),
        )
        return get_object_or_404(queryset, slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.object = film = self.get_object()
        return conditional.respond(
            request,
            last_modified=conditional.newest(film.updated_at, film.stories_changed, film.people_changed),
            key=f"title:{film.pk}:{request.GET.get('page', '')}",
            render=lambda: self.render_to_response(self.get_context_data(object=film)),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        credits = list(film.credits.select_related("person").order_by("billing", "id"))
        crew_order = {role: index for index, role in enumerate(Credit.Role.values)}
        crew = sorted((c for c in credits if not c.is_cast), key=lambda c: (crew_order[c.role], c.billing, c.id))
        context["cast"] = [c for c in credits if c.is_cast]
        context["crew"] = []
        for _, group in groupby(crew, key=lambda c: c.role):
            group = list(group)
            context["crew"].append((group[0].get_role_display(), group))
        stories = Article.objects.public().about_title(film).select_related("section").order_by("-publish_at", "-id")
        page = page_of(stories, self.request, STORIES_PER_PAGE)
        context.update(page_obj=page, stories=page.object_list, is_paginated=page.has_other_pages())
        context["json_ld"] = [structured_data.film_page(film, credits=credits)]
        return context
