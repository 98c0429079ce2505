"""The story form's collaboration endpoints: the desk panel, comments, resolving, assignment, and the presence poll.

The form holds the panel's place and its script reads the panel from here once the form is on screen (five reads the
form need not wait for); without scripts the form's link opens the panel as a page of its own.

The panel's buttons post here (not to the story form), so a comment or an assignment never saves the story and
never makes someone else's open form stale; the panel's script posts them in the background and swaps the panel.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone

from core.times import newsroom_time
from core.users import display_name

from .. import assignment, comments, presence
from ..collaboration_panel import panel


def _about(story, value):
    """The comment's anchor from the form's choice: "field:headline", "credit:12" or nothing."""
    kind, _, key = value.partition(":")
    if kind == "field":
        return {"field": key}
    if kind == "credit" and key.isdigit():
        return {"credit": get_object_or_404(story.article_credits, pk=int(key))}
    return {}


def act(request, story, action):
    """Carry out one of the panel's buttons; returns what to tell the user."""
    data = request.POST
    if action == "comment":
        comments.add(
            story, by=request.user, text=data.get("collab_text", ""), **_about(story, data.get("collab_about", ""))
        )
        return "Comment added."
    if action.startswith("resolve:") and action[8:].isdigit():
        comments.resolve(get_object_or_404(story.comments, pk=int(action[8:])), by=request.user)
        return "Comment resolved."
    if action == "take":
        assignment.assign(story, to=request.user, by=request.user)
        return "You have taken this story: it is first on your desk."
    if action == "assign" and data.get("collab_assignee", "").isdigit():
        to = get_object_or_404(get_user_model(), pk=int(data["collab_assignee"]), is_active=True)
        assignment.assign(story, to=to, by=request.user)
        return f"Assigned to {display_name(to)}."
    raise ValidationError("Choose what to do first.")


def collaborate_view(model_admin, request, pk):
    story = model_admin.get_story_or_404(request, pk)
    if request.method in ("GET", "HEAD"):
        return panel_view(model_admin, request, story)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    background = request.headers.get("X-Requested-With") == "fetch"
    try:
        said, ok = act(request, story, request.POST.get("_collaborate", "")), True
    except (PermissionDenied, ValidationError) as refusal:
        said, ok = " ".join(getattr(refusal, "messages", None) or [str(refusal)]), False
    if background:
        context = {**panel(story, request.user), "said": said, "refused": not ok}
        return TemplateResponse(
            request, "admin/articles/article/collaboration.html", context, status=200 if ok else 400
        )
    (messages.success if ok else messages.error)(request, said)
    # Without scripts the buttons were on the desk's own page (the form reads the panel with a script).
    return HttpResponseRedirect(reverse("admin:articles_article_collaborate", args=[story.pk]))


def panel_view(model_admin, request, story):
    """The panel alone (?panel=1), which collaboration.js puts in the form once it has loaded; without scripts, the
    form's link opens it as a page of its own, its buttons in a form of their own."""
    context = panel(story, request.user)
    if request.GET.get("panel"):
        return TemplateResponse(request, "admin/articles/article/collaboration.html", context)
    del context["story"]  # the page's own "original"
    return model_admin.render_screen(request, story, "collaboration_page.html", title=f"Desk: {story}", **context)


def presence_view(model_admin, request, pk):
    """The form's poll: who else has it open, and whether the story was saved since this form was opened.

    Queries: session, user, story, two presence writes at most, the others, who saved (pinned in tests)."""
    story = model_admin.get_story_or_404(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("gone"):
        presence.gone(article=story, user=request.user)
        return JsonResponse({})
    presence.here(article=story, user=request.user)
    there = presence.others(article=story, user=request.user)
    names = ", ".join(
        f"{display_name(row.user)}, since {formats.time_format(timezone.localtime(row.since), 'H:i')}" for row in there
    )
    return JsonResponse(
        {"also_editing": f"Also editing: {names}" if there else "", "saved": _saved_since(request, story)}
    )


def _saved_since(request, story):
    opened = request.POST.get("opened", "")
    if not opened or opened == story.updated_at.isoformat():
        return ""
    who = display_name(story.updated_by) if story.updated_by_id else "Someone"
    return (
        f"{who} saved this story at {newsroom_time(story.updated_at)}, after you opened it. "
        "Saving now would be refused: copy what you changed, then open the story again to carry it over."
    )


def admin_urls(model_admin):
    def screen(view):
        return model_admin.admin_site.admin_view(lambda request, **kwargs: view(model_admin, request, **kwargs))

    return [
        path("<int:pk>/collaborate/", screen(collaborate_view), name="articles_article_collaborate"),
        path("<int:pk>/presence/", screen(presence_view), name="articles_article_presence"),
    ]
