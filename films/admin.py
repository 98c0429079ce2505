from django.contrib import admin

from core.admin_helpers import LargeTableAdminMixin, PreloadedAutocompleteMixin
from core.hand_edits import RecordsHandEditsAdmin
from core.release import ReleaseAdminMixin
from core.search import every_word_in, narrowed
from people.admin import PersonAdmin
from people.models import Person

from .models import Credit, Film
from .search import MAX_MATCHES, search_credits


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
class FilmAdmin(
    ReleaseAdminMixin, RecordsHandEditsAdmin, LargeTableAdminMixin, PreloadedAutocompleteMixin, admin.ModelAdmin
):
    list_display = ["title", "kind", "year", "release_status", "network", "imdb_id", "is_released", "updated_at"]
    list_filter = ["is_released", "kind", "release_status"]
    search_fields = ["title", "imdb_id__exact", "wikidata_id__exact"]
    prepopulated_fields = {"slug": ["title", "year"]}
    inlines = [FilmCreditInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "year", "end_year", "release_status", "network", "synopsis"]}),
        ("Public site", {"fields": ["is_released"]}),
        ("Poster", {"fields": ["poster", "poster_alt", "poster_credit"]}),
        ("Authority ids", {"fields": ["imdb_id", "wikidata_id", "kept_against_imports"]}),
    ]
    readonly_fields = ["kept_against_imports"]

    def get_search_results(self, request, queryset, search_term):
        """Every word in the title, or an exact id, as on the person list (people.admin.PersonAdmin)."""
        if not search_term.strip():
            return queryset, False
        matching = every_word_in(queryset, term=search_term, field="title", exact=["imdb_id", "wikidata_id"])
        return narrowed(queryset, matching, max_matches=MAX_MATCHES), False


@admin.register(Credit)
class CreditAdmin(ReleaseAdminMixin, LargeTableAdminMixin, PreloadedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["person", "role", "character", "film", "billing", "is_released"]
    list_filter = ["is_released", "role"]
    list_select_related = ["person", "film"]
    search_fields = ["person__name", "film__title", "character"]  # see get_search_results
    autocomplete_fields = ["person", "film"]
    ordering = ["-id"]  # newest first, straight off the primary key at any size

    def get_search_results(self, request, queryset, search_term):
        """Every word must match the person, the title or the character ("bacon connescence"): films.search."""
        if not search_term.strip():
            return queryset, False
        # Autocomplete labels ("Kevin Bacon as Stan in Connescence") read the person and the title.
        found = search_credits(queryset, term=search_term, budget=self.search_budget(request))
        return found.select_related("person", "film"), False


# A person's page shows their credits; films adds that inline since people must not know about films.
admin.site.unregister(Person)


@admin.register(Person)
class PersonWithCreditsAdmin(PersonAdmin):
    inlines = [PersonCreditInline, *PersonAdmin.inlines]


from . import admin_imports  # noqa: E402,F401  the IMDb import screen, in its own module
