from django.core.paginator import Paginator
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView

from core.sanitize import sanitize_html
from newsroom import conditional
from newsroom.pagination import CountlessPaginationMixin
from newsroom.structured_data import breadcrumbs, website

from . import previews, story_page, structured_data
from .filters import StorySearchFilter
from .linking import link_mentions
from .models import Article, Section, Tag


def story_page_queryset():
    """A story with its section; story_page_context() reads the rest in a fixed number of queries."""
    return Article.objects.select_related("section")


class HomeView(TemplateView):
    """The front page: the newest stories on top, then each section's latest. One query."""

    template_name = "articles/home.html"
    top_count = 5
    per_section = 4
    # Sections are ranked among the newest stories only, so the home page costs the same with a million stories.
    recent_count = 500

    def get_context_data(self, **kwargs):
        newest_first = [F("publish_at").desc(), F("id").desc()]
        recent = Article.objects.public().order_by(*newest_first).values("pk")[: self.recent_count]
        stories = list(
            Article.objects.filter(pk__in=recent)
            .select_related("section")
            .annotate(
                overall_rank=Window(RowNumber(), order_by=newest_first),
                section_rank=Window(RowNumber(), partition_by=F("section_id"), order_by=newest_first),
            )
            .filter(Q(overall_rank__lte=self.top_count) | Q(section_rank__lte=self.top_count + self.per_section))
            .order_by("-publish_at", "-id")
        )
        top = [story for story in stories if story.overall_rank <= self.top_count]
        shown = {story.pk for story in top}
        sections = {}
        for story in stories:
            if story.section and story.pk not in shown:
                group = sections.setdefault(story.section, [])
                if len(group) < self.per_section:
                    group.append(story)
        return super().get_context_data(
            lead=top[0] if top else None,
            top_stories=top[1:],
            section_blocks=sorted(sections.items(), key=lambda item: (item[0].position, item[0].name)),
            json_ld=[website()],
            **kwargs,
        )


class ArticleDetailView(DetailView):
    """A story: 6 queries (story with section, credits with people and titles, sources, byline, corrections, labels)."""

    template_name = "articles/article_detail.html"
    context_object_name = "story"

    def get_object(self, queryset=None):
        return get_object_or_404(Article.objects.public().select_related("section"), slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.object = story = self.get_object()
        # A story reached by an old or mistyped date lives at its one canonical address.
        if request.path != story.get_absolute_url():
            return redirect(story.get_absolute_url(), permanent=True)
        page = story_page_context(story)
        # The page changes when the story, a correction, or any person or title it shows is edited;
        # a 304 skips the rendering.
        shown = [*page["story_people"], *page["story_films"]]
        return conditional.respond(
            request,
            last_modified=conditional.newest(
                story.updated_at,
                story.publish_at,
                *(correction.at for correction in page["corrections"]),
                *(thing.updated_at for thing in shown),
            ),
            key=f"story:{story.pk}",
            render=lambda: self.render_to_response(self.get_context_data(object=story, **page)),
        )


def story_page_context(story):
    """Everything the story template shows, for the public page and for previews alike."""
    context = {"story": story, **story_page.read(story)}
    context["body"] = mark_safe(
        link_mentions(
            sanitize_html(story.body),
            [(p.name, p.get_absolute_url()) for p in context["story_people"]]
            + [(f.title, f.get_absolute_url()) for f in context["story_films"]],
        )
    )
    context["json_ld"] = [
        structured_data.news_article(
            story,
            about_people=context["credited_people"],
            about_films=context["credited_films"],
            mentioned_people=context["linked_people"],
            mentioned_films=context["linked_films"],
            tags=context["tags"],
            authors=context["authors"],
            corrections=context["corrections"],
        ),
        structured_data.story_breadcrumbs(story),
    ]
    context["share_image"] = context["json_ld"][0]["image"][0]
    return context


def render_preview(request, story):
    """A story as readers would see it, for someone allowed to see it early; never indexed."""
    context = {"object": story, "preview": True, **story_page_context(story)}
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


class SectionView(CountlessPaginationMixin, ListView):
    """A section's stories, newest first: 2 queries (section, page)."""

    template_name = "articles/section.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.public().filter(section=self.section).select_related("section")

    def get_context_data(self, **kwargs):
        trail = breadcrumbs(("Home", "/"), (self.section.name, self.section.get_absolute_url()))
        return super().get_context_data(section=self.section, json_ld=[trail], **kwargs)


class TagView(CountlessPaginationMixin, ListView):
    """A tag's stories, newest first: 2 queries (tag, page)."""

    template_name = "articles/tag.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return Article.objects.public().filter(tags=self.tag).select_related("section")

    def get_context_data(self, **kwargs):
        trail = breadcrumbs(("Home", "/"), (self.tag.name, self.tag.get_absolute_url()))
        return super().get_context_data(tag=self.tag, json_ld=[trail], **kwargs)


class SearchView(TemplateView):
    """Search: the section list, one query per tag/person/title filter given, then count and page."""

    template_name = "articles/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        search = StorySearchFilter(
            self.request.GET or None, queryset=Article.objects.public().select_related("section")
        )
        paginator = Paginator(search.qs, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        cleaned = search.form.cleaned_data if search.is_bound else {}
        published = cleaned.get("published")
        return super().get_context_data(
            search=search,
            form=search.form,
            page_obj=page,
            stories=page.object_list,
            is_paginated=page.has_other_pages(),
            query_string=query.urlencode(),
            searched=any(cleaned.get(name) for name in ("q", "section", "tag", "person", "title"))
            or bool(cleaned.get("published") and (cleaned["published"].start or cleaned["published"].stop)),
            active_filters=[
                (label, cleaned[name])
                for name, label in (("tag", "Tag"), ("person", "Person"), ("title", "Title"))
                if cleaned.get(name)
            ],
            # Only dates that were understood go back into the form; a date input cannot show anything else.
            published_after=timezone.localdate(published.start).isoformat() if published and published.start else "",
            published_before=timezone.localdate(published.stop).isoformat() if published and published.stop else "",
            **kwargs,
        )
