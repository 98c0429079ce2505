"""Title pages: cast in billing order with characters, crew by role, and the public stories about the title."""

from itertools import groupby

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView

from articles.models import Article
from articles.visibility import public_credits, public_titles
from films.models import Credit, Film

from .. import conditional, roles, structured_data
from ..pagination import fetched_page, window
from ..prepared import ID, MOMENT, TEXT, prepared

STORIES_PER_PAGE = 20


@prepared(at=MOMENT, slug=TEXT)
def title_with_change_times(*, at, slug):
    stories = Article.objects.public(at=at).about_title(OuterRef("pk"))
    credits = public_credits(Credit.objects.filter(film=OuterRef("pk")), given="film", at=at)
    return (
        public_titles(at=at)
        .filter(slug=slug)
        .annotate(
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
    )


@prepared(at=MOMENT, film=ID)
def credits_of(*, at, film):
    credits = Credit.objects.filter(film=film).select_related("person")
    return public_credits(credits, given="film", at=at).order_by("billing", "id")


@prepared(at=MOMENT, film=ID)
def stories_about(*, at, film, page):
    stories = Article.objects.public(at=at).about_title(film).select_related("section")
    return window(stories.order_by("-publish_at", "-id"), page, STORIES_PER_PAGE)


class FilmDetailView(DetailView):
    """A title: 3 queries (title with last-change times, credits with people, a page of stories).

    Only what readers may see (articles/visibility.py): an embargoed title is a 404, and its cast, crew and
    last-change times leave out embargoed credits and people. Each query is compiled once per process
    (newsroom/public/prepared.py).
    """

    model = Film
    template_name = "public/title.html"
    context_object_name = "film"

    def get_object(self, queryset=None):
        found = title_with_change_times(at=self.at, slug=self.kwargs["slug"])
        if not found:
            raise Http404("No title here.")
        return found[0]

    def get(self, request, *args, **kwargs):
        self.at = timezone.now()
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
        credits = credits_of(at=self.at, film=film.pk)
        for credit in credits:
            credit.film = film
        context["cast"] = [c for c in credits if c.is_cast]
        crew = roles.order(c for c in credits if not c.is_cast)
        context["crew"] = [(heading, list(group)) for heading, group in groupby(crew, key=roles.heading)]
        page = fetched_page(
            lambda number: stories_about(at=self.at, film=film.pk, page=number), self.request, STORIES_PER_PAGE
        )
        context.update(page_obj=page, stories=page.object_list, is_paginated=page.has_other_pages())
        story_image = structured_data.lead_image_named(film.story_image)
        images = structured_data.share_images_of(film.poster, story_image)
        context["share_image"] = images[0]
        context["json_ld"] = [structured_data.film_page(film, credits=credits, images=images)]
        return context
