"""Workflow moves from the admin: the buttons under the story form, the reporter's panel, the list's bulk actions.

Each one calls workflow.py and tells the editor, in words, what happened; nothing here decides who may do what.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from .. import corrections, workflow
from ..forms import WorkflowForm, check_workflow_inputs


def take_move(request, story, action, data, *, named=False):
    """Run one workflow move for the admin and tell the editor, in words, what happened.

    On the story's own form the messages say "the story"; a bulk action over many names each one.
    """
    form = WorkflowForm(data)
    form.is_valid()
    comment = form.cleaned_data.get("workflow_comment", "")
    which = f"“{story.headline}”" if named else "the story"
    opening = which[:1].upper() + which[1:]
    try:
        if action == "correct":
            corrections.add(story, by=request.user, note=form.cleaned_data.get("correction_note", ""))
            messages.success(request, "Correction added: readers see it under the story, dated today.")
            return True
        if action not in workflow.MOVES:
            raise ValidationError("That button does nothing any more; reload the story and try again.")
        at = form.cleaned_data.get("workflow_publish_at")
        workflow.move(story, action, by=request.user, comment=comment, at=at)
    except PermissionDenied as refusal:
        messages.error(request, f"{opening}: {refusal}" if named else str(refusal))
        return False
    except ValidationError as problems:
        done = workflow.MOVES[action].done if action in workflow.MOVES else "corrected"
        messages.error(
            request,
            format_html(
                "{} was not {}:<ul>{}</ul>",
                opening,
                done,
                format_html("".join("<li>{}</li>" for _ in problems.messages), *problems.messages),
            ),
        )
        return False
    messages.success(request, workflow.said(workflow.MOVES[action], story, story=which))
    return True


def after_save(request, story):
    """A workflow button saves the form first, then moves the story; None when the save was a plain save."""
    if not request.POST.get("_workflow"):
        return None
    take_move(request, story, request.POST["_workflow"], request.POST)
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))


def workflow_view(model_admin, request, pk):
    """Workflow buttons for someone who may move the story but not edit it (a reporter withdrawing it)."""
    story = model_admin.get_story_or_404(request, pk)
    if request.method == "POST":
        form = WorkflowForm(request.POST)
        action = request.POST.get("_workflow", "")
        if form.is_valid():
            check_workflow_inputs(form, action)
        if form.errors:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        else:
            take_move(request, story, action, request.POST)
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))


# Bulk actions: each story goes through workflow.py; the editor is told what happened to each.


@admin.action(description="Publish the selected stories now", permissions=["publish"])
def publish_selected(model_admin, request, queryset):
    for story in queryset:
        take_move(request, story, "publish", {}, named=True)


@admin.action(description="Unpublish the selected stories", permissions=["publish"])
def unpublish_selected(model_admin, request, queryset):
    for story in queryset:
        take_move(request, story, "unpublish", {}, named=True)
