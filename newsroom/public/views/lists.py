"""Section and tag pages: a page of public stories, newest first."""

from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article, Section
from articles.visibility import public_tags

from ..pagination import CountlessPaginationMixin
from ..structured_data import breadcrumbs


class SectionView(CountlessPaginationMixin, ListView):
    """A section's stories, newest first: 2 queries (section, page)."""

    template_name = "public/section.html"
    context_object_name = "stories"
    paginate_by = 20

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return Article.objects.public().filter(section=self.section).select_related("section")

    def get_context_data(self, **kwargs):
        trail = breadcrumbs(("Home", "/"), (self.section.name, self.section.get_absolute_url()))
        return super().get_context_data(section=self.section, json_ld=[trail], **kwargs)


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
        return super().get_context_data(tag=self.tag, json_ld=[trail], **kwargs)
