"""The connections graph rebuild screen: staff allowed to (articles.add_graphrebuild) start a full rebuild on every
machine, then watch it as a background job."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.job_admin import JobAdmin

from .. import background
from ..models import GraphRebuild


@admin.register(GraphRebuild)
class GraphRebuildAdmin(JobAdmin):
    kind = GraphRebuild.KIND
    list_filter = ["state"]

    def has_add_permission(self, request):
        return request.user.has_perm("articles.add_graphrebuild")

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            started = background.rebuild_graph(by=request.user)
            if len(started) == 1:
                return HttpResponseRedirect(reverse("admin:articles_graphrebuild_change", args=[started[0].pk]))
            return HttpResponseRedirect(reverse("admin:articles_graphrebuild_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Rebuild the connections graph",
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/articles/graphrebuild/add.html", context)
