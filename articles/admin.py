from django.contrib import admin

from newsroom.admin_helpers import PreloadedAutocompleteMixin

from .models import Article, ArticleCredit, ArticleSource, Quote, Section, Source, Tag


class ArticleCreditInline(PreloadedAutocompleteMixin, admin.TabularInline):
    """The story's linked credits. Type "bacon connescence" to find one; the + beside it adds a missing credit."""

    model = ArticleCredit
    fields = ["credit", "position"]
    autocomplete_fields = ["credit"]
    ordering = ["position", "id"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("credit__person", "credit__film")


class ArticleSourceInline(PreloadedAutocompleteMixin, admin.TabularInline):
    model = ArticleSource
    fields = ["source", "credited_as", "position"]
    autocomplete_fields = ["source"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class QuoteInline(PreloadedAutocompleteMixin, admin.StackedInline):
    model = Quote
    fields = ["text", ("speakers", "speaker_name"), ("context", "source"), "position"]
    autocomplete_fields = ["speakers", "source"]
    extra = 0
    classes = ["collapse"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").prefetch_related("speakers")


@admin.register(Article)
class ArticleAdmin(PreloadedAutocompleteMixin, admin.ModelAdmin):
    list_display = ["headline", "state", "section", "publish_at", "updated_at"]
    list_filter = ["state", "section", "tags"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "=slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "authors", "linked_people", "linked_films"]
    readonly_fields = ["first_published_at", "last_published_at"]
    show_full_result_count = False
    inlines = [ArticleCreditInline, ArticleSourceInline, QuoteInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Desk", {"fields": ["section", "tags", "authors"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        ("Publication", {"fields": ["state", "publish_at", "expire_at", "first_published_at", "last_published_at"]}),
        (
            "Other people and titles",
            {
                "fields": ["linked_people", "linked_films"],
                "description": "Link a person or a title directly when no credit fits.",
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


from . import admin_import  # noqa: E402,F401  (story import screens, issue 5)
