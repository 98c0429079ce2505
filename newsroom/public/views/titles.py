"""Title pages: cast in billing order with characters, crew by role, and the public stories about the title."""

from itertools import groupby

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest

from articles.models import Article
from articles.visibility import public_credits, public_titles
from films.models import Credit, Film

from .. import cache_tags, roles, structured_data
from ..pagination import window
from ..prepared import ID, MOMENT, TEXT, prepared
from .subjects import STORIES_PER_PAGE, SubjectPage


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


class FilmDetailView(SubjectPage):
    """A title: 3 queries (title with last-change times, credits with people, a page of stories).

    Only what readers may see (articles/visibility.py): an embargoed title is a 404, and its cast, crew and
    last-change times leave out embargoed credits and people. Each query is compiled once per process
    (newsroom/public/prepared.py).
    """

    model = Film
    template_name = "public/title.html"
    context_object_name = "film"

    lookup = staticmethod(title_with_change_times)
    change_times = ("stories_changed", "people_changed")
    key_prefix = "title"
    missing = "No title here."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        film = self.object
        credits = credits_of(at=self.at, film=film.pk)
        for credit in credits:
            credit.film = film
        context["cast"] = [c for c in credits if c.is_cast]
        crew = roles.order(c for c in credits if not c.is_cast)
        context["crew"] = [(heading, list(group)) for heading, group in groupby(crew, key=roles.heading)]
        context.update(self.stories_page(lambda number: stories_about(at=self.at, film=film.pk, page=number)))
        cache_tags.shows(
            self.request,
            cache_tags.title(film.pk),
            f"title-stories-{film.pk}",
            *(cache_tags.person(credit.person_id) for credit in credits),
        )
        cache_tags.shows_stories(self.request, context["stories"])
        story_image = structured_data.lead_image_named(film.story_image)
        images = structured_data.share_images_of(film.poster, story_image)
        context["share_image"] = images[0]
        context["json_ld"] = [structured_data.film_page(film, credits=credits, images=images)]
        return context
