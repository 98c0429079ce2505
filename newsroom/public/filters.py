"""The reader's search: free text plus section, tag, person, title and date filters, all in the URL (GET).

Values a reader cannot have meant (unknown slugs, impossible dates) make the form invalid and are left out
of the filtering, so any query string gives a page.
"""

from datetime import UTC, datetime

import django_filters
from django import forms

from articles import search
from articles.models import Article, Section
from articles.visibility import public_people, public_tags, public_titles

MAX_QUERY_LENGTH = 200


# Dates far outside these overflow when converted to UTC; no story is dated there anyway.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


class StorySearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search stories", method="filter_text")
    section = django_filters.ModelChoiceFilter(
        queryset=Section.objects.all(), to_field_name="slug", empty_label="All sections"
    )
    # Tag, person and title arrive from links ("more stories about …"); the form carries them as hidden fields.
    # Only public ones are choices (worked out per request, like the stories): an embargoed slug is left out.
    tag = django_filters.ModelChoiceFilter(
        field_name="tags", queryset=lambda request: public_tags(), to_field_name="slug", widget=forms.HiddenInput
    )
    person = django_filters.ModelChoiceFilter(
        queryset=lambda request: public_people(),
        to_field_name="slug",
        method="filter_person",
        widget=forms.HiddenInput,
    )
    title = django_filters.ModelChoiceFilter(
        queryset=lambda request: public_titles(),
        to_field_name="slug",
        method="filter_title",
        widget=forms.HiddenInput,
    )
    published = django_filters.DateFromToRangeFilter(
        label="Published",
        method="filter_published",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["q", "section", "tag", "person", "title", "published"]

    def filter_text(self, queryset, name, value):
        text = " ".join(value.split())[:MAX_QUERY_LENGTH]
        return search.search(queryset, text) if text else queryset

    def filter_person(self, queryset, name, person):
        return queryset.about_person(person)

    def filter_title(self, queryset, name, film):
        return queryset.about_title(film)

    def filter_published(self, queryset, name, value):
        if value.start:
            queryset = queryset.filter(publish_at__gte=min(max(value.start, EARLIEST), LATEST))
        if value.stop:
            queryset = queryset.filter(publish_at__lte=min(max(value.stop, EARLIEST), LATEST))
        return queryset
