"""Search: free text and filters (newsroom.public.filters), a page of public stories."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import TemplateView

from articles.models import Article

from ..filters import StorySearchFilter


class SearchView(TemplateView):
    """Search: the section list, one query per tag/person/title filter given, then count and page."""

    template_name = "public/search.html"
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
