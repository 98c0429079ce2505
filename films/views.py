from itertools import groupby

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from newsroom import conditional
from newsroom.pagination import page_of
from people.models import Person

from . import structured_data
from .models import Credit, Film

STORIES_PER_PAGE = 20


def public_stories_about(film):
    """Every public story that credits or links the title, newest first (one row per story)."""
    Article = apps.get_model("articles", "Article")
    ArticleCredit = apps.get_model("articles", "ArticleCredit")
    through_credit = ArticleCredit.objects.filter(article=OuterRef("pk"), credit__film=film)
    direct = Article.linked_films.through.objects.filter(article=OuterRef("pk"), film=film)
    return Article.objects.public().filter(Exists(through_credit) | Exists(direct))


class FilmDetailView(DetailView):
    """A title: 3 queries (title with last-change times, credits with people, a page of stories)."""

    model = Film
    template_name = "films/film_detail.html"
    context_object_name = "film"

    def get_object(self, queryset=None):
        Article = apps.get_model("articles", "Article")
        stories = Article.objects.public().filter(
            Q(article_credits__credit__film=OuterRef("pk")) | Q(linked_films=OuterRef("pk"))
        )
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
        stories = public_stories_about(film).select_related("section").order_by("-publish_at", "-id")
        page = page_of(stories, self.request, STORIES_PER_PAGE)
        context.update(page_obj=page, stories=page.object_list, is_paginated=page.has_other_pages())
        context["json_ld"] = [structured_data.film_page(film, credits=credits)]
        return context
