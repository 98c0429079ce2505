from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.errors import RevertError

from core.admin_helpers import AppendingFormSet, PreloadedAutocompleteMixin

from . import previews, revisions, workflow
from .editor.urls import admin_urls as writing_desk_urls
from .forms import ArticleForm, WorkflowForm, check_workflow_inputs
from .models import Article, ArticleCredit, ArticleSource, PreviewLink, Quote, Section, Source, Tag

# The history page shows this many of the newest events and revisions: a page's cost stays bounded.
HISTORY_LENGTH = 200


def int_or(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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
    ordering = ["position", "id"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("credit__person", "credit__film")


class ArticleSourceInline(StoryPartInline, admin.TabularInline):
    model = ArticleSource
    formset = AppendingFormSet
    fields = ["source", "credited_as", "position"]
    autocomplete_fields = ["source"]
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
class ArticleAdmin(PreloadedAutocompleteMixin, admin.ModelAdmin):
    """Stories. Their state moves only through workflow.py: the buttons under the form and the list's actions."""

    form = ArticleForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["headline", "status", "section", "publication_time", "last_saved"]
    list_filter = [StatusFilter, "section", "tags"]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "=slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "tags", "authors", "linked_people", "linked_films"]
    readonly_fields = ["status", "publish_at", "first_published_at", "last_published_at"]
    show_full_result_count = False
    inlines = [ArticleCreditInline, ArticleSourceInline, QuoteInline]
    actions = ["publish_selected", "unpublish_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        ("Desk", {"fields": ["section", "tags", "authors"]}),
        ("Lead image", {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]}),
        (
            f"Publication (times in {settings.TIME_ZONE})",
            {
                "fields": ["status", "publish_at", "expire_at", "first_published_at", "last_published_at"],
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

    @admin.display(description=f"publication time ({settings.TIME_ZONE})", ordering="publish_at")
    def publication_time(self, obj):
        return obj.publish_at

    @admin.display(description=f"last saved ({settings.TIME_ZONE})", ordering="updated_at")
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
            cache[key] = super().get_object(request, object_id, from_field)
        return cache[key]

    # Who may see and change which story: workflow.py decides.

    def get_queryset(self, request):
        stories = super().get_queryset(request)
        if request.user.has_perm("articles.can_edit_any"):
            return stories
        return stories.owned_by(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or workflow.may_edit(obj, request.user))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.can_publish"):
            fields.append("expire_at")
        if not request.user.has_perm("auth.view_user"):
            fields.append("authors")  # the byline defaults to the reporter; editors assign others
        return fields

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.can_publish")

    # Saving: every save is a revision; a workflow button saves the form first, then moves the story.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision(manage_manually=False):
            reversion.set_user(request.user)
            response = super().changeform_view(request, object_id, form_url, extra_context)
            reversion.set_comment(request.POST.get("workflow_comment", "")[:200] or "Saved in the admin.")
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
        if request.POST.get("_workflow"):
            self.take_move(request, obj, request.POST["_workflow"], request.POST)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get("_workflow"):
            self.take_move(request, obj, request.POST["_workflow"], request.POST)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_change(request, obj)

    def take_move(self, request, story, action, data):
        """Run one workflow move for the admin and tell the editor, in words, what happened."""
        form = WorkflowForm(data)
        form.is_valid()
        comment = form.cleaned_data.get("workflow_comment", "")
        try:
            if action == "correct":
                workflow.add_correction(story, by=request.user, note=form.cleaned_data.get("correction_note", ""))
                messages.success(request, f"Correction added to “{story.headline}”; readers see it under the story.")
                return True
            if action not in workflow.MOVES:
                raise ValidationError("Unknown action.")
            at = form.cleaned_data.get("workflow_publish_at")
            workflow.move(story, action, by=request.user, comment=comment, at=at)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or "You may not do that.")
            return False
        except ValidationError as problems:
            done = workflow.MOVES[action].done if action in workflow.MOVES else action
            messages.error(
                request,
                format_html(
                    "“{}” was not {}:<ul>{}</ul>",
                    story.headline,
                    done,
                    format_html("".join("<li>{}</li>" for _ in problems.messages), *problems.messages),
                ),
            )
            return False
        messages.success(request, f"“{story.headline}” is now {workflow.status_label(story)}.")
        return True

    # The change form: workflow panel, preview, history.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        extra = {}
        if story is not None:
            extra = {
                "workflow_moves": workflow.available_moves(story, request.user),
                "workflow_status": workflow.status_label(story),
                "can_correct": story.state == Article.State.PUBLISHED and request.user.has_perm("articles.can_correct"),
                "can_edit_story": self.has_change_permission(request, story),
                "can_share_preview": request.user.has_perm("articles.can_edit_any"),
                # The last move, correction or revert; preview-link traffic stays in the history page.
                "recent_events": list(story.workflow_events.exclude(from_state="").select_related("actor")[:1]),
                "time_zone": settings.TIME_ZONE,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def add_view(self, request, form_url="", extra_context=None):
        extra = {
            "workflow_moves": workflow.available_moves(Article(), request.user),
            "can_edit_story": True,
            "time_zone": settings.TIME_ZONE,
        }
        return super().add_view(request, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            *writing_desk_urls(self),
            path("<int:pk>/workflow/", view(self.workflow_view), name="articles_article_workflow"),
            path("<int:pk>/share/", view(self.share_view), name="articles_article_share"),
            path("<int:pk>/history/<int:version_id>/", view(self.compare_view), name="articles_article_compare"),
            path("<int:pk>/history/<int:version_id>/revert/", view(self.revert_view), name="articles_article_revert"),
            *super().get_urls(),
        ]

    def get_story_or_404(self, request, pk):
        story = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied
        return story

    def workflow_view(self, request, pk):
        """Workflow buttons for someone who may move the story but not edit it (a reporter withdrawing it)."""
        story = self.get_story_or_404(request, pk)
        if request.method == "POST":
            form = WorkflowForm(request.POST)
            action = request.POST.get("_workflow", "")
            if form.is_valid():
                check_workflow_inputs(form, action)
            if form.errors:
                for errors in form.errors.values():
                    messages.error(request, " ".join(errors))
            else:
                self.take_move(request, story, action, request.POST)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))

    def share_view(self, request, pk):
        """Shareable preview links for one story: make one, see who has which, revoke."""
        story = self.get_story_or_404(request, pk)
        if not request.user.has_perm("articles.can_edit_any"):
            raise PermissionDenied
        if request.method == "POST":
            if "revoke" in request.POST:
                link = get_object_or_404(PreviewLink, pk=int_or(request.POST["revoke"], 0), article=story)
                previews.revoke_link(link, by=request.user)
                messages.success(request, f"Preview link #{link.pk} revoked: it no longer opens the story.")
            else:
                days = max(1, min(int_or(request.POST.get("days"), 3), previews.MAX_LIFETIME.days))
                link = previews.create_link(
                    story, by=request.user, lifetime=timedelta(days=days), note=request.POST.get("note", "")
                )
                messages.success(request, f"Preview link #{link.pk} made. Copy it from the list below.")
            return HttpResponseRedirect(reverse("admin:articles_article_share", args=[story.pk]))
        links = [(link, request.build_absolute_uri(previews.url_for(link))) for link in story.preview_links.all()]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "title": f"Share a preview of “{story.headline}”",
            "links": links,
            "now": timezone.now(),
            "time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/articles/article/share.html", context)

    def history_view(self, request, object_id, extra_context=None):
        """The story's history: workflow events and every saved revision, newest first."""
        story = self.get_story_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "title": f"History of “{story.headline}”",
            "status": workflow.status_label(story),
            "events": story.workflow_events.select_related("actor")[:HISTORY_LENGTH],
            "versions": revisions.versions_of(story)[:HISTORY_LENGTH],
            "history_length": HISTORY_LENGTH,
            "can_revert": request.user.has_perm("articles.can_edit_any"),
            "time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/articles/article/story_history.html", context)

    def get_version(self, story, version_id):
        return get_object_or_404(revisions.versions_of(story), pk=version_id)

    def compare_view(self, request, pk, version_id):
        story = self.get_story_or_404(request, pk)
        version = self.get_version(story, version_id)
        changes, credit_changes = revisions.compare(version, story)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "title": f"Revision of {timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M} compared with now",
            "version": version,
            "changes": changes,
            "credit_changes": credit_changes,
            "can_revert": request.user.has_perm("articles.can_edit_any"),
            "time_zone": settings.TIME_ZONE,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def revert_view(self, request, pk, version_id):
        story = self.get_story_or_404(request, pk)
        version = self.get_version(story, version_id)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:articles_article_compare", args=[story.pk, version.pk]))
        try:
            revisions.revert(story, version, by=request.user)
        except (RevertError, IntegrityError):
            messages.error(
                request, "That revision links a credit, person or title that no longer exists; nothing changed."
            )
        else:
            messages.success(request, "The story's text, links and credits are back as they were in that revision.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))

    # Bulk actions: each story goes through workflow.py; the editor is told what happened to each.

    @admin.action(description="Publish the selected stories now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        for story in queryset:
            self.take_move(request, story, "publish", {})

    @admin.action(description="Unpublish the selected stories", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for story in queryset:
            self.take_move(request, story, "unpublish", {})


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
