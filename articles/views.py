from django.db.models import F, Prefetch, Value
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import DetailView, ListView

from films.models import Film
from people.models import Person

from . import previews, structured_data
from .models import Article, ArticleCredit, ArticleSource, Section, Tag


def story_page_queryset():
    """Everything a story page shows, in a fixed number of queries whatever the number of credits."""
    return Article.objects.select_related("section").prefetch_related(
        Prefetch(
            "article_credits",
            queryset=ArticleCredit.objects.select_related("credit__person", "credit__film"),
        ),
        Prefetch("source_links", queryset=ArticleSource.objects.select_related("source")),
        "authors",
        "corrections",
    )


def story_labels(article):
    """A story's tags and the people and titles it links without a credit, read in one query.

    Rows are (kind, name, slug, imdb_id, wikidata_id); one UNION keeps the story page within its query budget.
    """
    columns = ("label_kind", "label_name", "slug", "label_imdb", "label_wikidata")
    tags = Tag.objects.filter(articles=article).annotate(
        label_kind=Value("tag"), label_name=F("name"), label_imdb=Value(""), label_wikidata=Value("")
    )
    people = Person.objects.filter(linked_articles=article).annotate(
        label_kind=Value("person"), label_name=F("name"), label_imdb=F("imdb_id"), label_wikidata=F("wikidata_id")
    )
    films = Film.objects.filter(linked_articles=article).annotate(
        label_kind=Value("title"), label_name=F("title"), label_imdb=F("imdb_id"), label_wikidata=F("wikidata_id")
    )
    querysets = [qs.values_list(*columns).order_by() for qs in (tags, people, films)]
    return list(querysets[0].union(*querysets[1:], all=True))


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
            self.object, people=context["story_people"], films=context["story_films"], tags=context["tags"]
        )
        return context


def render_preview(request, story):
    """A story as readers would see it, for someone allowed to see it early; never indexed."""
    context = {"story": story, "object": story, "preview": True, **story_context(story)}
    context["json_ld"] = structured_data.news_article(
        story, people=context["story_people"], films=context["story_films"], tags=context["tags"]
    )
    response = TemplateResponse(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request, pk, token):
    """A shareable preview link: works for its one story until it expires or is revoked."""
    link = previews.open_link(pk=pk, token=token)
    if link is None:
        raise Http404("This preview link is not valid (expired, revoked or for another story).")
    story = get_object_or_404(story_page_queryset(), pk=pk)
    previews.record_use(link)
    return render_preview(request, story)


def story_context(story):
    """What the story template needs beyond the story itself: tags, and its people and titles, deduplicated."""
    credits = [link.credit for link in story.article_credits.all()]
    people = {credit.person.slug: credit.person for credit in credits}
    films = {credit.film.slug: credit.film for credit in credits}
    tags = []
    for kind, name, slug, imdb_id, wikidata_id in story_labels(story):
        if kind == "tag":
            tags.append(Tag(name=name, slug=slug))
        elif kind == "person":
            people.setdefault(slug, Person(name=name, slug=slug, imdb_id=imdb_id, wikidata_id=wikidata_id))
        else:
            films.setdefault(slug, Film(title=name, slug=slug, imdb_id=imdb_id, wikidata_id=wikidata_id))
    return {
        "credits": credits,
        "tags": sorted(tags, key=lambda tag: tag.name),
        "story_people": list(people.values()),
        "story_films": list(films.values()),
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
