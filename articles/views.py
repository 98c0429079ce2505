from django.db.models import Prefetch, Value
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from films.models import Film
from people.models import Person

from . import structured_data
from .models import Article, ArticleCredit, ArticleSource, Section, Tag


def story_page_queryset():
    """Everything a story page shows, in a fixed number of queries whatever the number of credits."""
    return Article.objects.select_related("section").prefetch_related(
        Prefetch(
            "article_credits",
            queryset=ArticleCredit.objects.select_related("credit__person", "credit__film"),
        ),
        Prefetch("source_links", queryset=ArticleSource.objects.select_related("source")),
        "tags",
        "authors",
    )


def direct_links(article):
    """People and titles a story links without a credit, read in one query."""
    people = (
        Person.objects.filter(linked_articles=article)
        .annotate(link_kind=Value("person"))
        .values_list("link_kind", "name", "slug", "imdb_id", "wikidata_id")
        .order_by()
    )
    films = (
        Film.objects.filter(linked_articles=article)
        .annotate(link_kind=Value("title"))
        .values_list("link_kind", "title", "slug", "imdb_id", "wikidata_id")
        .order_by()
    )
    return list(people.union(films, all=True))


class HomeView(ListView):
    template_name = "articles/home.html"
    context_object_name = "stories"

    def get_queryset(self):
        return Article.objects.public().select_related("section")[:20]


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "story"

    def get_object(self, queryset=None):
        return get_object_or_404(story_page_queryset().public(), slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # A story reached by an old or mistyped date lives at its one canonical address.
        if request.path != self.object.get_absolute_url():
            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(story_context(self.object))
        context["json_ld"] = structured_data.news_article(
            self.object, people=context["story_people"], films=context["story_films"]
        )
        return context


def story_context(story):
    """What the story template needs beyond the story itself: its people and titles, deduplicated."""
    credits = [link.credit for link in story.article_credits.all()]
    people, films = {}, {}
    for credit in credits:
        people.setdefault(credit.person.slug, credit.person)
        films.setdefault(credit.film.slug, credit.film)
    extra_people, extra_films = [], []
    for kind, name, slug, imdb_id, wikidata_id in direct_links(story):
        target = extra_people if kind == "person" else extra_films
        if slug not in (people if kind == "person" else films):
            target.append(
                (Person if kind == "person" else Film)(
                    **{"name" if kind == "person" else "title": name},
                    slug=slug,
                    imdb_id=imdb_id,
                    wikidata_id=wikidata_id,
                )
            )
    return {
        "credits": credits,
        "story_people": list(people.values()) + extra_people,
        "story_films": list(films.values()) + extra_films,
    }


class SectionView(ListView):
    template_name = "articles/section.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.public().filter(section=self.section).select_related("section")

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(ListView):
    template_name = "articles/tag.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.public().filter(tags=self.tag).select_related("section")

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)
