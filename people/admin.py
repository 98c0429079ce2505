from django.contrib import admin
from django.db.models import Q

from core.admin_helpers import LargeTableAdminMixin, PreloadedAutocompleteMixin
from core.hand_edits import RecordsHandEditsAdmin
from core.release import ReleaseAdminMixin
from core.search import every_word_in, narrowed

from .models import Person, Relationship

# A search matching at most this many people is read as their ids once (core.search.narrowed).
MAX_MATCHES = 10_000


class RelationshipInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = Relationship
    fk_name = "person"
    autocomplete_fields = ["other"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("other")


class HasIdFilter(admin.SimpleListFilter):
    title = "IMDb id"
    parameter_name = "has_imdb_id"

    def lookups(self, request, model_admin):
        return [("yes", "has an IMDb id"), ("no", "no IMDb id")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(imdb_id="")
        if self.value() == "no":
            return queryset.filter(imdb_id="")
        return queryset


class HasHeadshotFilter(admin.SimpleListFilter):
    title = "headshot"
    parameter_name = "has_headshot"

    def lookups(self, request, model_admin):
        return [("yes", "has a headshot"), ("no", "no headshot")]

    def queryset(self, request, queryset):
        no_headshot = Q(headshot="") | Q(headshot__isnull=True)
        if self.value() == "yes":
            return queryset.exclude(no_headshot)
        if self.value() == "no":
            return queryset.filter(no_headshot)
        return queryset


@admin.register(Person)
class PersonAdmin(
    ReleaseAdminMixin, RecordsHandEditsAdmin, LargeTableAdminMixin, PreloadedAutocompleteMixin, admin.ModelAdmin
):
    list_display = ["name", "birth_date", "imdb_id", "wikidata_id", "is_released", "updated_at"]
    list_filter = ["is_released", HasIdFilter, HasHeadshotFilter]
    search_fields = ["name", "imdb_id__exact", "wikidata_id__exact"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "birth_date", "bio"]}),
        ("Public site", {"fields": ["is_released"]}),
        ("Headshot", {"fields": ["headshot", "headshot_alt", "headshot_credit"]}),
        ("Authority ids", {"fields": ["imdb_id", "wikidata_id", "kept_against_imports"]}),
    ]
    readonly_fields = ["kept_against_imports"]
    inlines = [RelationshipInline]
    # A page of people draws in about 11 ms, so a search may read for longer than a page of credits' (60 ms): a
    # search by a first and a last name both common must read and sort every match ("anna smith": 10,000 of 1M).
    search_budget_ms = 75

    def get_search_results(self, request, queryset, search_term):
        """Every word in the name, or an exact id (core.search.every_word_in); a search matching few people is read
        as their ids once, so the count and the page in name order touch only those (core.search.narrowed)."""
        if not search_term.strip():
            return queryset, False
        matching = every_word_in(queryset, term=search_term, field="name", exact=["imdb_id", "wikidata_id"])
        return narrowed(queryset, matching, max_matches=MAX_MATCHES), False


@admin.register(Relationship)
class RelationshipAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = ["person", "kind", "other", "since", "until"]
    list_filter = ["kind"]
    list_select_related = ["person", "other"]
    search_fields = ["person__name", "other__name"]
    autocomplete_fields = ["person", "other"]
