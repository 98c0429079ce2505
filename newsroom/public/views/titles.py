"""Title pages: cast in billing order with characters, crew by role, and the public stories about the title."""

from itertools import groupby

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from articles.models import Article
from articles.visibility import public_credits, public_titles
from films.models import Credit, Film

from .. import conditional, roles, structured_data
from ..pagination import page_of

STORIES_PER_PAGE = 20


class FilmDetailView(DetailView):
    """A title: 3 queries (title with last-change times, credits with people, a page of stories).

    Only what readers may see (articles/visibility.py): an embargoed title is a 404, and its cast, crew and
    last-change times leave out embargoed credits and people.
    """

    model = Film
    template_name = "public/title.html"
    context_object_name = "film"

    def get_object(self, queryset=None):
        stories = Article.objects.public().about_title(OuterRef("pk"))
        credits = public_credits(Credit.objects.filter(film=OuterRef("pk")), given="film")
        queryset = public_titles().annotate(
            # The newest public story's lead image stands in for a missing poster on share cards.
            story_image=Subquery(
                stories.exclude(lead_image="").order_by("-publish_at", "-id").values("lead_image")[:1]
            ),
            stories_changed=Subquery(
                stories.annotate(changed=Greatest("updated_at", "publish_at"))
                .order_by("-changed")
                .values("changed")[:1]
            ),
            people_changed=Subquery(credits.order_by("-person__updated_at").values("person__updated_at")[:1]),
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
        credits = list(public_credits(film.credits.select_related("person"), given="film").order_by("billing", "id"))
        context["cast"] = [c for c in credits if c.is_cast]
        crew = roles.order(c for c in credits if not c.is_cast)
        context["crew"] = [(heading, list(group)) for heading, group in groupby(crew, key=roles.heading)]
        stories = Article.objects.public().about_title(film).select_related("section").order_by("-publish_at", "-id")
        page = page_of(stories, self.request, STORIES_PER_PAGE)
        context.update(page_obj=page, stories=page.object_list, is_paginated=page.has_other_pages())
        story_image = structured_data.lead_image_named(film.story_image)
        images = structured_data.share_images_of(film.poster, story_image)
        context["share_image"] = images[0]
        context["json_ld"] = [structured_data.film_page(film, credits=credits, images=images)]
        return context
