"""Section and tag pages: a page of public stories, newest first."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from articles.models import Article, Section
from articles.visibility import public_tags

from .. import cache_tags
from ..pagination import CountlessPaginationMixin, fetched_page, window
from ..prepared import ID, MOMENT, prepared
from ..structured_data import breadcrumbs

PER_PAGE = 20


@prepared(at=MOMENT, section=ID)
def section_stories(*, at, section, page):
    stories = Article.objects.public(at=at).filter(section=section).select_related("section")
    return window(stories, page, PER_PAGE)


class SectionView(TemplateView):
    """A section's stories, newest first: 2 queries (section, page), the page's compiled once per process."""

    template_name = "public/section.html"

    def get_context_data(self, **kwargs):
        section = get_object_or_404(Section, slug=self.kwargs["slug"])
        at = timezone.now()
        page = fetched_page(
            lambda number: section_stories(at=at, section=section.pk, page=number), self.request, PER_PAGE
        )
        cache_tags.shows(self.request, f"section-{section.pk}", f"section-stories-{section.pk}")
        cache_tags.shows_stories(self.request, page.object_list)
        trail = breadcrumbs(("Home", "/"), (section.name, section.get_absolute_url()))
        return super().get_context_data(
            section=section,
            stories=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            json_ld=[trail],
            **kwargs,
        )


class TagView(CountlessPaginationMixin, ListView):
    """A tag's stories, newest first: 2 queries (tag, page); a tag no public story carries yet is a 404."""

    template_name = "public/tag.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        self.tag = get_object_or_404(public_tags(), slug=self.kwargs["slug"])
        return Article.objects.public().filter(tags=self.tag).select_related("section")

    def get_context_data(self, **kwargs):
        trail = breadcrumbs(("Home", "/"), (self.tag.name, self.tag.get_absolute_url()))
        context = super().get_context_data(tag=self.tag, json_ld=[trail], **kwargs)
        cache_tags.shows(self.request, f"tag-{self.tag.pk}", f"tag-stories-{self.tag.pk}")
        cache_tags.shows_stories(self.request, context["stories"])
        return context
