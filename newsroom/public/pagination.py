"""Newest-first lists paged without counting: one query per page, whatever the length of the list.

A page fetches one row more than it shows to learn whether an older page follows; a section with a million
stories costs no COUNT(*). Search keeps Django's Paginator, where the number of matches is worth its query.
"""

from django.http import Http404

MAX_PAGE = 10_000


class Page:
    def __init__(self, queryset, number, per_page):
        rows = list(queryset[(number - 1) * per_page : number * per_page + 1])
        self.object_list = rows[:per_page]
        self.number = number
        self.paginator = None  # no count, so no "page n of m"
        self._has_next = len(rows) > per_page

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def page_number(value):
    """The page a reader asked for; nonsense means the first page."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def page_of(queryset, request, per_page):
    """The requested page of an ordered queryset; an empty page past the first is a 404."""
    page = Page(queryset, page_number(request.GET.get("page")), per_page)
    if not page.object_list and page.number > 1:
        raise Http404("No stories on this page.")
    return page


class CountlessPaginationMixin:
    """For ListView: page with page_of instead of Django's counting Paginator."""

    def paginate_queryset(self, queryset, page_size):
        page = page_of(queryset, self.request, page_size)
        return None, page, page.object_list, page.has_other_pages()
