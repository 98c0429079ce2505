"""The story admin: the form with its inlines, the list, and who may see and change which story.

Its extra screens live beside it, one module each: history.py, sharing.py, moves.py (workflow buttons), byline.py,
claim_checking.py (the form's Claim check panel, read after the form).
"""

import reversion
from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from js_asset import Media

from core.admin_helpers import AppendingFormSet, PreloadedAutocompleteMixin
from core.users import display_name

from .. import workflow
from ..editor.urls import admin_urls as writing_desk_urls
from ..forms import ArticleForm
from ..models import Article, ArticleCredit, ArticleSource, Quote
from . import collaboration, correcting, history, moves, names, notifications, sharing
from .byline import BylineField, BylineSelect, BylineSuggestions
from .claim_checking import claim_check_view
from .publication import PublicationDisplay


class StoryPartInline(PreloadedAutocompleteMixin):
    """A story's credits, sources and quotes are editable exactly when the story is."""

    def story_editable(self, request, obj):
        return obj is None or workflow.may_edit(obj, request.user)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self.story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.story_editable(request, obj)


class ArticleCreditInline(StoryPartInline, admin.TabularInline):
    """The story's linked credits. Type "bacon connescence" to find one; the + beside it adds a missing credit."""

    model = ArticleCredit
    formset = AppendingFormSet
    fields = ["credit", "position"]
    autocomplete_fields = ["credit"]
    template = "admin/articles/article/linked_credits.html"  # the inline, with the Suggested credits panel beside it
    stamped_rows = True  # existing rows drawn from one stamped row (core.admin_helpers.StampedRowsInlineAdminFormSet)
    ordering = ["position", "id"]
    extra = 1

    # What a row shows of its credit ("Kevin Bacon as Ansel in Connescence (2025)"): a story may link a hundred credits,
    # and the people's and titles' other columns (biographies, images) cost a model's worth of loading each.
    ROW_FIELDS = [
        "article_id", "position", "credit__role", "credit__character",
        "credit__person__name", "credit__film__title", "credit__film__year",
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("credit__person", "credit__film").only(*self.ROW_FIELDS)


class ArticleSourceInline(StoryPartInline, admin.TabularInline):
    model = ArticleSource
    formset = AppendingFormSet
    fields = ["source", "credited_as", "position"]
    autocomplete_fields = ["source"]
    stamped_rows = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class QuoteInline(StoryPartInline, admin.StackedInline):
    model = Quote
    fields = ["text", ("speakers", "speaker_name"), ("context", "source"), "position"]
    autocomplete_fields = ["speakers", "source"]
    extra = 0
    classes = ["collapse"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source").prefetch_related("speakers")


class StatusFilter(admin.SimpleListFilter):
    """The workflow's states as editors name them, "scheduled" included."""

    title = "state"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(status, label) for status, label in workflow.STATUS_LABELS.items()]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == workflow.SCHEDULED:
            return queryset.scheduled(at=now)
        if value == Article.State.PUBLISHED:
            return queryset.filter(state=Article.State.PUBLISHED, publish_at__lte=now)
        if value in Article.State.values:
            return queryset.filter(state=value)
        return queryset


@admin.register(Article)
class ArticleAdmin(PublicationDisplay, PreloadedAutocompleteMixin, admin.ModelAdmin):
    """Stories. Their state moves only through workflow.py: the buttons under the form and the list's actions."""

    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["headline", "list_status", "section", "publication_time", "last_saved"]
    list_filter = [StatusFilter, "section", "tags"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "=slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "authors", "linked_people", "linked_films"]
    readonly_fields = ["status", "publication", "public_address"]
    show_full_result_count = False
    inlines = [ArticleCreditInline, ArticleSourceInline, QuoteInline]
    actions = [moves.publish_selected, moves.unpublish_selected]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Desk", {"fields": ["section", "tags", "authors"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        (
            f"Publication (times in {settings.TIME_ZONE})",
            {
                "fields": ["status", "publication", "public_address", "expire_at"],
                "description": "The state changes only through the workflow buttons below the form.",
            },
        ),
        (
            "Other people and titles",
            {
                "fields": ["linked_people", "linked_films"],
                "description": "Link a person or a title directly when no credit fits.",
            },
        ),
    ]

    @admin.display(description="status", ordering="state")
    def status(self, obj):
        return workflow.status_label(obj) if obj.pk else "draft (not saved yet)"

    # Times carry their zone ("EST"), so the list's headers stay short enough for the list to fit a 1280 px screen.
    @admin.display(description="publication", ordering="publish_at")
    def publication_time(self, obj):
        return obj.publish_at

    @admin.display(description="last saved", ordering="updated_at")
    def last_saved(self, obj):
        return obj.updated_at

    def view_on_site(self, obj):
        """Only a story readers can see has a page to go to; the others have "Preview"."""
        return obj.get_absolute_url() if obj.is_public() else None

    def get_object(self, request, object_id, from_field=None):
        # The change view and its workflow panel read the same story; fetch it once per request.
        cache = request.__dict__.setdefault("_stories", {})
        key = (str(object_id), from_field)
        if key not in cache:
            story = super().get_object(request, object_id, from_field)
            if story is not None:
                # One read each of the byline (its picker, its read-only name, the no-name warning), the tags and
                # the linked people and titles (each widget's label and the form's initial value).
                prefetch_related_objects([story], "authors", "tags", "linked_people", "linked_films")
            cache[key] = story
        return cache[key]

    # Who may see and change which story: workflow.py decides.

    def get_queryset(self, request):
        # The section is the form's section box (its label) and the list's column: read with the story.
        return super().get_queryset(request).for_staff(request.user).select_related("section")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or workflow.may_edit(obj, request.user))

    def has_delete_permission(self, request, obj=None):
        # Without a story (the list's bulk delete) the model permission decides: editors keep it, reporters have none.
        return super().has_delete_permission(request) if obj is None else workflow.may_delete(obj, request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.can_publish"):
            fields.append("expire_at")
        if not self.may_choose_byline(request):
            fields.append("byline")
        return fields

    # The byline: editors pick staff by the names readers see; a reporter's defaults to them and is shown read-only.

    def may_choose_byline(self, request):
        return request.user.has_perm("auth.view_user")

    def get_fieldsets(self, request, obj=None):
        if self.may_choose_byline(request):
            return self.fieldsets
        return [
            (name, {**options, "fields": ["byline" if f == "authors" else f for f in options["fields"]]})
            for name, options in self.fieldsets
        ]

    @admin.display(description="byline")
    def byline(self, obj):
        if obj.pk is None:
            return self.get_empty_value_display()
        return ", ".join(display_name(user) for user in obj.authors.all())

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            kwargs.setdefault("widget", BylineSelect(db_field, self.admin_site, using=kwargs.get("using")))
            kwargs.setdefault("form_class", BylineField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.can_publish")

    # Saving: every save is a revision; a workflow button saves the form first, then moves the story.

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's import map must be inline: it carries the request's CSP nonce.
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method in ("GET", "HEAD"):
            # Showing the form saves nothing: no revision, and no transaction (SQLite's would lock out writers).
            response = super().changeform_view(request, object_id, form_url, extra_context)
        else:
            with reversion.create_revision(manage_manually=False):
                reversion.set_user(request.user)
                response = super().changeform_view(request, object_id, form_url, extra_context)
                reversion.set_comment(request.POST.get("workflow_comment", "")[:200] or "Saved in the admin.")
        # The editor reads pasted formatting (Word's and Docs' style attributes) through the CSSOM, which a policy
        # without inline style attributes leaves empty; scripts and style elements stay as strict as elsewhere.
        response._csp_update = {"style-src-attr": [UNSAFE_INLINE]}
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.authors.exists():
            form.instance.authors.add(request.user)

    def response_add(self, request, obj, post_url_continue=None):
        return moves.after_save(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return moves.after_save(request, obj) or super().response_change(request, obj)

    # The change form: workflow panel, preview, history.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        extra = {}
        if story is not None:
            can_correct = story.state == Article.State.PUBLISHED and request.user.has_perm("articles.can_correct")
            extra = {
                "workflow_moves": workflow.available_moves(story, request.user),
                "workflow_status": workflow.status_label(story),
                "can_correct": can_correct,
                "can_edit_story": self.has_change_permission(request, story),
                "can_share_preview": request.user.has_perm("articles.can_edit_any"),
                # The last move, correction or revert; preview-link traffic stays in the history page.
                "recent_events": list(story.workflow_events.exclude(from_state="").select_related("actor")[:1]),
                "time_zone": settings.TIME_ZONE,
                "nameless": names.nameless_bylines(request, story.authors.all()),
                "corrections": list(story.corrections.shown()) if can_correct else [],
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def add_view(self, request, form_url="", extra_context=None):
        extra = {
            "workflow_moves": workflow.available_moves(Article(), request.user),
            "can_edit_story": True,
            "time_zone": settings.TIME_ZONE,
            "nameless": names.nameless_bylines(request, [request.user]),
        }
        return super().add_view(request, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        def screen(view):
            return self.admin_site.admin_view(lambda request, **kwargs: view(self, request, **kwargs))

        return [
            *writing_desk_urls(self),
            *collaboration.admin_urls(self),
            *notifications.admin_urls(self),
            path("byline/", self.admin_site.admin_view(self.byline_view), name="articles_article_byline"),
            path(
                "your-name/",
                self.admin_site.admin_view(lambda request: names.your_name_view(self.admin_site, request)),
                name="articles_article_your_name",
            ),
            path(
                "<int:pk>/corrections/<int:correction_id>/",
                screen(correcting.correction_view),
                name="articles_article_correction",
            ),
            path("<int:pk>/workflow/", screen(moves.workflow_view), name="articles_article_workflow"),
            path("<int:pk>/share/", screen(sharing.share_view), name="articles_article_share"),
            path("<int:pk>/claim-check/", screen(claim_check_view), name="articles_article_claim_check"),
            path("<int:pk>/history/<int:version_id>/", screen(history.compare_view), name="articles_article_compare"),
            path(
                "<int:pk>/history/<int:version_id>/revert/",
                screen(history.revert_view),
                name="articles_article_revert",
            ),
            *super().get_urls(),
        ]

    def byline_view(self, request):
        return BylineSuggestions.as_view(admin_site=self.admin_site)(request)

    def history_view(self, request, object_id, extra_context=None):
        return history.history_view(self, request, object_id)

    def render_screen(self, request, story, template, **context):
        """One of the story's extra screens (history, compare, share), framed like the admin's own pages."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "time_zone": settings.TIME_ZONE,
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def get_story_or_404(self, request, pk):
        story = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        return story
