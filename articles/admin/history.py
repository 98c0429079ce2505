"""A story's history screens: every move and saved revision, a revision compared with now, and revert."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from reversion.errors import RevertError

from core.times import newsroom_time

from .. import revisions, workflow

# The history page shows this many of the newest events and revisions: a page's cost stays bounded.
HISTORY_LENGTH = 200


def history_view(model_admin, request, pk):
    """The story's history: workflow events and every saved revision, newest first."""
    story = model_admin.get_story_or_404(request, pk)
    return model_admin.render_screen(
        request,
        story,
        "story_history.html",
        title=f"History of “{story.headline}”",
        status=workflow.status_label(story),
        events=story.workflow_events.select_related("actor")[:HISTORY_LENGTH],
        versions=revisions.versions_of(story)[:HISTORY_LENGTH],
        history_length=HISTORY_LENGTH,
        can_revert=request.user.has_perm("articles.can_edit_any"),
    )


def compare_view(model_admin, request, pk, version_id):
    story = model_admin.get_story_or_404(request, pk)
    version = get_object_or_404(revisions.versions_of(story), pk=version_id)
    changes, credit_changes = revisions.compare(version, story)
    return model_admin.render_screen(
        request,
        story,
        "compare.html",
        title=f"Revision of {newsroom_time(version.revision.date_created)} compared with now",
        version=version,
        changes=changes,
        credit_changes=credit_changes,
        can_revert=request.user.has_perm("articles.can_edit_any"),
    )


def revert_view(model_admin, request, pk, version_id):
    story = model_admin.get_story_or_404(request, pk)
    version = get_object_or_404(revisions.versions_of(story), pk=version_id)
    if request.method != "POST":
        return HttpResponseRedirect(reverse("admin:articles_article_compare", args=[story.pk, version.pk]))
    try:
        revisions.revert(story, version, by=request.user)
    except (RevertError, IntegrityError):
        messages.error(request, "That revision links a credit, person or title that no longer exists; nothing changed.")
    else:
        messages.success(request, "The story's text, links and credits are back as they were in that revision.")
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[story.pk]))
