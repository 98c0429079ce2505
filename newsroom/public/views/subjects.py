"""What person and title pages share: found by slug among what readers may see, answered with conditional GETs."""

from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView

from .. import conditional
from ..pagination import fetched_page

STORIES_PER_PAGE = 20


class SubjectPage(DetailView):
    """A page about one person or title. Subclasses name the prepared query that finds it with its last-change
    times (`lookup`), those times (`change_times`), the conditional-GET key's prefix (`key_prefix`) and the 404's
    words (`missing`)."""

    lookup = None
    change_times = ()
    key_prefix = ""
    missing = "Nothing here."

    def get_object(self, queryset=None):
        found = type(self).lookup(at=self.at, slug=self.kwargs["slug"])
        if not found:
            raise Http404(self.missing)
        return found[0]

    def get(self, request, *args, **kwargs):
        self.at = timezone.now()
        self.object = subject = self.get_object()
        return conditional.respond(
            request,
            last_modified=conditional.newest(subject.updated_at, *(getattr(subject, t) for t in self.change_times)),
            key=f"{self.key_prefix}:{subject.pk}:{request.GET.get('page', '')}",
            render=lambda: self.render_to_response(self.get_context_data(object=subject)),
        )

    def stories_page(self, read_page):
        """Context for a page of stories about the subject; read_page(number) reads one page."""
        page = fetched_page(read_page, self.request, STORIES_PER_PAGE)
        return {"page_obj": page, "stories": page.object_list, "is_paginated": page.has_other_pages()}
