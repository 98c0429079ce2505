"""Admin screens for background jobs: the "Background jobs" list, and a base for each app's screen that starts one
(an IMDb import, a graph rebuild) and then shows its progress (polled from a static script, CSP allows no inline
one) and its report."""

from django.contrib import admin
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from .models import Job


class JobAdmin(admin.ModelAdmin):
    """Read-only: a job's row is written by its task. Subclasses set `kind` to list only their own jobs."""

    kind = None
    list_display = ["title", "state", "percent_done", "step", "attempts", "started_by", "created_at", "updated_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["started_by"]
    show_full_result_count = False
    change_form_template = "admin/core/job/change_form.html"
    readonly_fields = ["title", "state", "done", "total", "step", "counts", "error", "attempts", "started_by"]
    fields = readonly_fields

    def get_queryset(self, request):
        jobs = super().get_queryset(request)
        return jobs.filter(kind=self.kind) if self.kind else jobs

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    @admin.display(description="progress")
    def percent_done(self, job):
        return f"{job.percent} %"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        status = path(
            "<path:object_id>/status/", self.admin_site.admin_view(self.status_view), name=f"{info[0]}_{info[1]}_status"
        )
        return [status, *super().get_urls()]

    def status_view(self, request, object_id):
        """What the progress script polls: the job's state, counts and whether the page should reload."""
        if not self.has_view_permission(request):
            return JsonResponse({}, status=403)
        job = get_object_or_404(self.get_queryset(request), pk=object_id)
        return JsonResponse(status_of(job))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = get_object_or_404(self.get_queryset(request), pk=object_id)
        status_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_status", args=[job.pk])
        extra = {
            "job": job,
            "status": status_of(job),
            "status_url": status_url,
            "report_template": self.report_template(job),
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def report_template(self, job):
        """The template that shows a finished job's report (None: its counts as a table)."""
        return None


def status_of(job):
    return {
        "state": job.state,
        "state_label": job.get_state_display(),
        "percent": job.percent,
        "done": job.done,
        "total": job.total,
        "step": job.step,
        "counts": job.counts,
        "error": job.error,
        "attempts": job.attempts,
        "finished": job.finished,
    }


@admin.register(Job)
class BackgroundJobAdmin(JobAdmin):
    """Every job, of every kind: what is waiting, running, retried or failed, and why."""
