"""The desk's notifications: open one (it is then read), mark all read, and choose what you are told and how."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from ..models import Notification, NotificationSetting
from ..notifications import KINDS


def open_view(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    # update(), not save(): being read is nothing a reader's cached page shows.
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[notification.article_id]))


def read_all_view(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return HttpResponseRedirect(reverse("admin:index"))


def settings_view(admin_site, request):
    """One row per kind of notification, with a box for the desk and one for email."""
    user = request.user
    if request.method == "POST":
        NotificationSetting.objects.filter(user=user).delete()
        NotificationSetting.objects.bulk_create(
            NotificationSetting(
                user=user, kind=kind, on_desk=f"desk:{kind}" in request.POST, by_email=f"email:{kind}" in request.POST
            )
            for kind in KINDS
        )
        messages.success(request, "Saved: you will be told of what you ticked, the way you ticked it.")
        return HttpResponseRedirect(reverse("admin:articles_article_notifications"))
    chosen = {choice.kind: choice for choice in NotificationSetting.objects.filter(user=user)}
    rows = [
        (kind, label, getattr(chosen.get(kind), "on_desk", True), getattr(chosen.get(kind), "by_email", True))
        for kind, label in KINDS.items()
    ]
    context = {**admin_site.each_context(request), "title": "What you are told", "rows": rows, "email": user.email}
    return TemplateResponse(request, "admin/articles/notification_settings.html", context)


def admin_urls(model_admin):
    site = model_admin.admin_site
    return [
        path(
            "notifications/",
            site.admin_view(lambda request: settings_view(site, request)),
            name="articles_article_notifications",
        ),
        path("notifications/read/", site.admin_view(read_all_view), name="articles_article_notifications_read"),
        path("notifications/<int:notification_id>/", site.admin_view(open_view), name="articles_article_notification"),
    ]
