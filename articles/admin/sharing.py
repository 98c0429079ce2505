"""The share-preview screen: make a link to one unpublished story, see who has which, revoke one."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from .. import previews
from ..models import PreviewLink


def int_or(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def share_view(model_admin, request, pk):
    """Shareable preview links for one story: make one, see who has which, revoke."""
    story = model_admin.get_story_or_404(request, pk)
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
    return model_admin.render_screen(
        request,
        story,
        "share.html",
        title=f"Share a preview of “{story.headline}”",
        links=links,
        now=timezone.now(),
    )
