"""Admin screens for story import: paste or upload raw text, then confirm or reject each suggested credit."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .. import story_decisions, story_import, story_import_review, workflow
from ..connections import claims
from ..models import Article, CreditSuggestion, RelationshipSuggestion, Section, SourceSuggestion, StoryImport
from ..story_text import parse_story
from .story_import_jobs import BackgroundReadingMixin


class StoryImportForm(forms.ModelForm):
    upload = forms.FileField(required=False, help_text="Or upload the text as a .txt file (UTF-8).")
    section = forms.ModelChoiceField(Section.objects.all(), required=False)

    class Meta:
        model = StoryImport
        fields = ["raw_text"]
        widgets = {"raw_text": forms.Textarea(attrs={"rows": 24, "cols": 100})}
        labels = {"raw_text": "Paste the story"}
        help_texts = {"raw_text": "The text as scraped or sent by the wire: date line, headline, paragraphs."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "raw_text" in self.fields:  # the add form; on the review page the text is read-only
            self.fields["raw_text"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        upload = cleaned.get("upload")
        if upload and upload.size > story_import_review.MAX_STORY_BYTES:
            raise forms.ValidationError(story_import_review.too_long_message(upload.size))
        if upload:
            try:
                cleaned["raw_text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("The upload is not UTF-8 text.") from None
            if "\x00" in cleaned["raw_text"]:  # as the paste box refuses it (PostgreSQL cannot store it)
                raise forms.ValidationError("The upload is not plain text: it contains NUL characters.")
            cleaned["file_name"] = upload.name
        if not (cleaned.get("raw_text") or "").strip():
            raise forms.ValidationError("Paste the story's text or upload it.")
        if (size := len(cleaned["raw_text"].encode())) > story_import_review.MAX_STORY_BYTES:
            raise forms.ValidationError(story_import_review.too_long_message(size))
        if not parse_story(cleaned["raw_text"]).headline:
            raise forms.ValidationError("No story found in the text: it has no headline or paragraphs.")
        return cleaned


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = CreditSuggestion
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status != CreditSuggestion.Status.PENDING:
            self.fields["status"].disabled = True  # decided: the link (or its absence) is on the story now


class CreditSuggestionInline(admin.TabularInline):
    """Each suggested credit with why; nothing is linked until an editor confirms it."""

    model = CreditSuggestion
    form = SuggestionForm
    fields = ["position", "suggested_credit", "strength", "evidence_marked", "same_name_titles", "action", "status"]
    readonly_fields = ["position", "suggested_credit", "strength", "evidence_marked", "same_name_titles", "action"]
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "Suggested credits — confirm the ones the story is about"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "film", "credit")

    @admin.display(description="credit")
    def suggested_credit(self, suggestion):
        return str(suggestion)

    @admin.display(description="")
    def action(self, suggestion):
        return suggestion.action

    @admin.display(description="evidence")
    def evidence_marked(self, suggestion):
        return story_import_review.marked_evidence(suggestion)

    @admin.display(description="or is it…")
    def same_name_titles(self, suggestion):
        return story_import_review.alternative_buttons(suggestion)


class DecisionInline(admin.TabularInline):
    """Suggested sources and relationships: confirm or reject, like credits."""

    extra = 0
    max_num = 0
    can_delete = False

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = forms.modelform_factory(self.model, form=SuggestionForm, fields=["status"])
        kwargs["widgets"] = {"status": forms.RadioSelect}
        return super().get_formset(request, obj, **kwargs)


class SourceSuggestionInline(DecisionInline):
    model = SourceSuggestion
    fields = ["name", "credited_as", "on_file", "status"]
    readonly_fields = ["name", "credited_as", "on_file"]
    verbose_name_plural = "Suggested sources — outlets the story credits"

    @admin.display(description="")
    def on_file(self, suggestion):
        return "on file" if suggestion.source_id else "new source"


class RelationshipSuggestionInline(DecisionInline):
    model = RelationshipSuggestion
    fields = ["relationship", "evidence", "status"]
    readonly_fields = ["relationship", "evidence"]
    verbose_name_plural = "Suggested relationships — what the story says about people's lives"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "other")

    @admin.display(description="relationship")
    def relationship(self, suggestion):
        return str(suggestion)


@admin.register(StoryImport)
class StoryImportAdmin(BackgroundReadingMixin, admin.ModelAdmin):
    form = StoryImportForm
    list_display = ["__str__", "created_at", "created_by", "to_review"]
    list_select_related = ["article", "created_by"]
    readonly_fields = [
        "reading",
        "draft",
        "found_in_text",
        "not_in_database",
        "claim_check",
        "file_name",
        "created_by",
        "created_at",
    ]
    show_full_result_count = False
    change_form_template = "admin/articles/storyimport/change_form.html"
    decisions = {
        CreditSuggestion: story_decisions.decide,
        SourceSuggestion: story_decisions.decide_sources,
        RelationshipSuggestion: story_decisions.decide_relationships,
    }

    class Media:
        css = {"all": ["articles/admin_import.css", "core/jobs.css"]}
        js = ["core/job_progress.js"]

    def get_queryset(self, request):
        pending = Q(suggestions__status=CreditSuggestion.Status.PENDING)
        imports = super().get_queryset(request).annotate(pending_count=Count("suggestions", filter=pending))
        # Reporters see the imports they made or whose draft is theirs (Article.objects.owned_by); editors everyone's.
        if request.user.has_perm("articles.can_edit_any"):
            return imports
        return imports.filter(Q(created_by=request.user) | Q(article__in=Article.objects.owned_by(request.user)))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.article is None or workflow.may_edit(obj.article, request.user))

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["raw_text", "upload", "section"]})]
        if obj.article_id is None:  # still being read in the background, or the reading failed
            return self.reading_fieldsets()
        return [
            (
                None,
                {"fields": ["draft", "found_in_text", "not_in_database", ("file_name", "created_by", "created_at")]},
            ),
            ("Claim check", {"fields": ["claim_check"]}),
            ("Raw text", {"fields": ["raw_text"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "raw_text"] if obj else []

    def get_inlines(self, request, obj):
        if obj is None or obj.article_id is None:
            return []
        return [CreditSuggestionInline, SourceSuggestionInline, RelationshipSuggestionInline]

    @admin.display(description="to review")
    def to_review(self, obj):
        return obj.pending_count

    @admin.display(description="draft story")
    def draft(self, obj):
        if obj.article is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article.pk])
        return format_html('<a href="{}">{}</a> ({})', url, obj.article.headline, obj.article.get_state_display())

    @admin.display(description="not in the database")
    def not_in_database(self, obj):
        return story_import_review.not_in_database(obj.unmatched)

    @admin.display(description="found in the text")
    def found_in_text(self, obj):
        people = format_html_join(", ", "{}", ((p["name"],) for p in obj.mentions.get("people", [])))
        titles = format_html_join(", ", "<i>{}</i>", ((t["title"],) for t in obj.mentions.get("titles", [])))
        return format_html("People: {}<br>Titles: {}", people or "none", titles or "none")

    @admin.display(description="claims in the copy")
    def claim_check(self, obj):
        if obj.article is None:
            return "—"
        context = {"claim_check": claims.check_story(obj.article)}
        return render_to_string("admin/articles/article/claim_check.html", context)

    def save_model(self, request, obj, form, change):
        if change:
            return  # an import's text is fixed; its suggestions are decided in save_formset
        if self.reads_in_background(form.cleaned_data["raw_text"]):
            return self.queue_reading(request, obj, form.cleaned_data)
        made = story_import.import_story(
            text=form.cleaned_data["raw_text"],
            by=request.user,
            section=form.cleaned_data.get("section"),
            file_name=form.cleaned_data.get("file_name", ""),
        )
        obj.pk = made.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        decide = self.decisions.get(formset.model)
        if decide is None:
            return super().save_formset(request, form, formset, change)
        decisions = {CreditSuggestion.Status.CONFIRMED: [], CreditSuggestion.Status.REJECTED: []}
        for row in formset.forms:
            if "status" in row.changed_data and row.cleaned_data["status"] in decisions:
                decisions[row.cleaned_data["status"]].append(row.instance.pk)
        confirm, reject = decisions[CreditSuggestion.Status.CONFIRMED], decisions[CreditSuggestion.Status.REJECTED]
        if confirm or reject:
            decide(form.instance, confirm=confirm, reject=reject, by=request.user)
            what = {CreditSuggestion: "credit(s) to the story", SourceSuggestion: "source(s)"}.get(
                formset.model, "relationship(s)"
            )
            verb = "Linked" if formset.model is not RelationshipSuggestion else "Recorded"
            messages.success(request, f"{verb} {len(confirm)} {what}; rejected {len(reject)} suggestion(s).")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """One-click moves on the review screen: switch a title, confirm every strong suggestion, reject the rest."""
        commands = {"_switch", "_confirm_strong", "_reject_pending"}
        if request.method == "POST" and commands & set(request.POST):
            story_import_obj = self.get_object(request, object_id)
            if story_import_obj is None or not self.has_change_permission(request, story_import_obj):
                raise PermissionDenied
            self._run_command(request, story_import_obj)
            return HttpResponseRedirect(request.path)
        return super().change_view(request, object_id, form_url, extra_context)

    def _run_command(self, request, obj):
        if "_switch" in request.POST:
            suggestion_id, _, film_id = request.POST["_switch"].partition(":")
            suggestion = obj.suggestions.filter(pk=suggestion_id).select_related("film").first()
            try:
                story_decisions.switch_title(suggestion, film_id=int(film_id), by=request.user)
            except (ValueError, AttributeError):
                messages.error(request, "That title is not one of the suggestion's alternatives.")
                return
            messages.success(request, f"Switched to {suggestion.film}.")
        elif "_confirm_strong" in request.POST:
            count = story_decisions.confirm_strong(obj, by=request.user)
            messages.success(request, f"Linked {count} strong suggestion(s) to the story.")
        else:
            count = story_decisions.reject_pending(obj, by=request.user)
            messages.success(request, f"Rejected {count} suggestion(s).")

    def construct_change_message(self, request, form, formsets, add=False):
        # Decisions are not formset saves (save_formset hands them to story_import.decide); leave them out.
        kept = [formset for formset in formsets if formset.model not in self.decisions]
        return super().construct_change_message(request, form, kept, add)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.article_id is None:
            return self.reading_response(request, obj)
        strong = obj.suggestions.filter(strength="strong").count()
        weak = obj.suggestions.count() - strong
        also = f" (and {weak} weak one(s), not suggested by default)" if weak else ""
        messages.info(request, f"Draft made with {strong} credit suggestion(s) to review below{also}.")
        return HttpResponseRedirect(reverse("admin:articles_storyimport_change", args=[obj.pk]))
