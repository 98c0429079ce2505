"""Admin screens for story import: paste or upload raw text, then confirm or reject each suggested credit."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .. import story_import, workflow
from ..connections import claims
from ..models import Article, CreditSuggestion, Section, StoryImport
from ..story_text import parse_story


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
    fields = ["position", "suggested_credit", "action", "evidence", "status"]
    readonly_fields = ["position", "suggested_credit", "action", "evidence"]
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


@admin.register(StoryImport)
class StoryImportAdmin(admin.ModelAdmin):
    form = StoryImportForm
    list_display = ["__str__", "created_at", "created_by", "to_review"]
    list_select_related = ["article", "created_by"]
    readonly_fields = ["draft", "found_in_text", "claim_check", "file_name", "created_by", "created_at"]
    show_full_result_count = False

    class Media:
        css = {"all": ["articles/admin_import.css"]}

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
        return [
            (None, {"fields": ["draft", "found_in_text", ("file_name", "created_by", "created_at")]}),
            ("Claim check", {"fields": ["claim_check"]}),
            ("Raw text", {"fields": ["raw_text"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "raw_text"] if obj else []

    def get_inlines(self, request, obj):
        return [CreditSuggestionInline] if obj else []

    @admin.display(description="to review")
    def to_review(self, obj):
        return obj.pending_count

    @admin.display(description="draft story")
    def draft(self, obj):
        if obj.article is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article.pk])
        return format_html('<a href="{}">{}</a> ({})', url, obj.article.headline, obj.article.get_state_display())

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
        made = story_import.import_story(
            text=form.cleaned_data["raw_text"],
            by=request.user,
            section=form.cleaned_data.get("section"),
            file_name=form.cleaned_data.get("file_name", ""),
        )
        obj.pk = made.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        if formset.model is not CreditSuggestion:
            return super().save_formset(request, form, formset, change)
        decisions = {CreditSuggestion.Status.CONFIRMED: [], CreditSuggestion.Status.REJECTED: []}
        for row in formset.forms:
            if "status" in row.changed_data and row.cleaned_data["status"] in decisions:
                decisions[row.cleaned_data["status"]].append(row.instance.pk)
        confirm, reject = decisions[CreditSuggestion.Status.CONFIRMED], decisions[CreditSuggestion.Status.REJECTED]
        if confirm or reject:
            story_import.decide(form.instance, confirm=confirm, reject=reject, by=request.user)
            messages.success(
                request, f"Linked {len(confirm)} credit(s) to the story; rejected {len(reject)} suggestion(s)."
            )

    def construct_change_message(self, request, form, formsets, add=False):
        # Decisions are not formset saves (save_formset hands them to story_import.decide); leave them out.
        kept = [formset for formset in formsets if formset.model is not CreditSuggestion]
        return super().construct_change_message(request, form, kept, add)

    def response_add(self, request, obj, post_url_continue=None):
        pending = obj.suggestions.count()
        messages.info(request, f"Draft made with {pending} credit suggestion(s) to review below.")
        return HttpResponseRedirect(reverse("admin:articles_storyimport_change", args=[obj.pk]))
