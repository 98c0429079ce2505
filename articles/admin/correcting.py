"""Editing or withdrawing a correction from the admin: a small screen per correction, linked from the story form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .. import corrections


def correction_view(model_admin, request, pk, correction_id):
    story = model_admin.get_story_or_404(request, pk)
    correction = get_object_or_404(story.corrections.shown(), pk=correction_id)
    if not request.user.has_perm("articles.can_correct"):
        raise PermissionDenied
    if request.method == "POST":
        try:
            if "withdraw" in request.POST:
                corrections.withdraw(correction, by=request.user)
                messages.success(request, "Correction withdrawn: readers no longer see it; the history keeps it.")
            else:
                corrections.update(correction, by=request.user, note=request.POST.get("note", ""))
                messages.success(request, "Correction updated: readers see the new wording, marked as updated.")
        except ValidationError as problems:
            for problem in problems.messages:
                messages.error(request, problem)
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))
    return model_admin.render_screen(
        request, story, "correction.html", title="Edit or withdraw a correction", correction=correction
    )
