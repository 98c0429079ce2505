"""The story form in the admin: workflow inputs beside the story's fields, and the refusal of stale saves."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from core.admin_helpers import PreloadingForm
from core.times import newsroom_time, to_the_minute
from core.users import display_name

from .editor.fields import StoryBodyFormMixin
from .models import Article
from .workflow import MOVES, input_problems

ZONE = settings.TIME_ZONE


class WorkflowForm(forms.Form):
    """What an editor types next to a workflow button: a comment, a publication time, a correction."""

    workflow_comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Kept in the story's history. Required when requesting changes.",
    )
    workflow_publish_at = forms.SplitDateTimeField(
        label=f"Publication time ({ZONE})",
        required=False,
        widget=AdminSplitDateTime,
        help_text=f"Newsroom time, {ZONE}, to the minute. Used by “Schedule” and “Approve and schedule”.",
    )
    correction_note = forms.CharField(
        label="Correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Shown to readers under the story, with today's date.",
    )


# Where the form shows each of workflow.input_problems().
PROBLEM_FIELDS = {"comment": "workflow_comment", "at": "workflow_publish_at", "note": "correction_note"}


def check_workflow_inputs(form, action):
    """Errors a reader of the form can fix before anything is saved: the workflow's own rules, by their fields."""
    data = form.cleaned_data
    problems = input_problems(
        action,
        comment=data.get("workflow_comment", ""),
        at=data.get("workflow_publish_at"),
        note=data.get("correction_note", ""),
    )
    for name, message in problems.items():
        form.add_error(PROBLEM_FIELDS[name], message)


class ArticleForm(StoryBodyFormMixin, PreloadingForm):
    """The story form; it carries the time the story was last saved when the editor opened it."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    workflow_comment = WorkflowForm.base_fields["workflow_comment"]
    workflow_publish_at = WorkflowForm.base_fields["workflow_publish_at"]
    correction_note = WorkflowForm.base_fields["correction_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token"].initial = self.instance.updated_at.isoformat()
        for name in ("publish_at", "expire_at", "workflow_publish_at"):
            if name in self.fields:
                self.fields[name].help_text = self.fields[name].help_text or f"Newsroom time, {ZONE}, to the minute."
                # Times are chosen to the minute: the time box shows 10:42, not 10:42:00.
                self.fields[name].widget.widgets[1].format = "%H:%M"

    def clean_expire_at(self):
        return to_the_minute(self.cleaned_data.get("expire_at"))

    @property
    def workflow_action(self):
        action = self.data.get("_workflow", "")
        return action if action in MOVES or action == "correct" else ""

    def clean(self):
        cleaned = super().clean()
        check_workflow_inputs(self, self.workflow_action)
        if self.instance.pk:
            self.refuse_stale_save(cleaned.get("edit_token", ""))
        return cleaned

    def refuse_stale_save(self, token):
        """Refuse to save over a newer edit. The row is locked until this save's transaction ends."""
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).values("updated_at", "updated_by")
        current = current.first()
        try:
            opened = datetime.fromisoformat(token)
        except ValueError:
            opened = None
        if current is None or opened == current["updated_at"]:
            return
        who = get_user_model().objects.filter(pk=current["updated_by"]).first()
        name = display_name(who) if who else "Someone"
        raise ValidationError(
            f"{name} changed this story at {newsroom_time(current['updated_at'])}, "
            "after you opened it. Your changes have NOT been saved, so nothing of theirs is overwritten; "
            "they are still in the form below. Open the story in a new tab to see the current version, "
            "then bring your changes across and save there.",
            code="stale",
        )
