from django.contrib import admin

from newsroom.admin_helpers import PreloadedAutocompleteMixin
from people.admin import PersonAdmin
from people.models import Person

from .models import Credit, Film


class FilmCreditInline(PreloadedAutocompleteMixin, admin.TabularInline):
    """Cast and crew on a title's page, in billing order."""

    model = Credit
    fields = ["person", "role", "character", "billing"]
    autocomplete_fields = ["person"]
    ordering = ["billing", "id"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "film")


class PersonCreditInline(PreloadedAutocompleteMixin, admin.TabularInline):
    """A person's filmography on their page."""

    model = Credit
    fields = ["film", "role", "character", "billing"]
    autocomplete_fields = ["film"]
    ordering = ["-film__year", "film__title"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "film")


@admin.register(Film)
class FilmAdmin(PreloadedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "year", "release_status", "network", "imdb_id", "updated_at"]
    list_filter = ["kind", "release_status"]
    search_fields = ["title", "=slug", "=imdb_id", "=wikidata_id"]
    prepopulated_fields = {"slug": ["title", "year"]}
    show_full_result_count = False
    inlines = [FilmCreditInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "year", "end_year", "release_status", "network", "synopsis"]}),
        ("Poster", {"fields": ["poster", "poster_alt", "poster_credit"]}),
        ("Authority ids", {"fields": ["imdb_id", "wikidata_id"]}),
    ]


@admin.register(Credit)
class CreditAdmin(PreloadedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["person", "role", "character", "film", "billing"]
    list_filter = ["role"]
    list_select_related = ["person", "film"]
    search_fields = ["person__name", "film__title", "character"]
    autocomplete_fields = ["person", "film"]
    show_full_result_count = False
    ordering = ["film", "billing", "id"]

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete labels ("Kevin Bacon as Stan in Connescence") read the person and the title.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.select_related("person", "film"), may_have_duplicates


# A person's page shows their credits; films adds that inline since people must not know about films.
admin.site.unregister(Person)


@admin.register(Person)
class PersonWithCreditsAdmin(PersonAdmin):
    inlines = [PersonCreditInline, *PersonAdmin.inlines]
