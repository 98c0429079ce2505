"""Story imports of long texts are read in the background: the import's row keeps the text from the start, its page
shows the reading's progress (polled, core/static/core/job_progress.js) and then the review, or the error with the
text still there to fix and import again."""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse

from core import jobs, tasks
from core.job_admin import status_of

from ..tasks import parse_story_import

# Texts longer than this are read by a worker (the suggestion engine takes about a second per 100 KB); shorter ones
# while the editor waits, so the usual story goes straight to its review.
BACKGROUND_BYTES = 20 * 1024
KIND = "story_import"


class BackgroundReadingMixin:
    """For StoryImportAdmin: a long text is recorded at once and read by a background task."""

    def reads_in_background(self, text):
        return len(text.encode()) > BACKGROUND_BYTES

    def queue_reading(self, request, obj, cleaned):
        obj.raw_text, obj.file_name, obj.created_by = cleaned["raw_text"], cleaned.get("file_name", ""), request.user
        obj.job = jobs.start(
            kind=KIND, title=f"Reading story import “{obj.file_name or 'pasted text'}”", by=request.user
        )
        obj.save()
        section = cleaned.get("section")
        tasks.enqueue(
            parse_story_import, job_id=obj.job.pk, story_import_id=obj.pk, section_id=section.pk if section else None
        )

    def reading_fieldsets(self):
        return [
            (None, {"fields": ["reading", ("file_name", "created_by", "created_at")]}),
            ("Raw text", {"fields": ["raw_text"]}),
        ]

    def reading(self, obj):
        if obj.job is None:
            return "—"
        status_url = reverse("admin:articles_storyimport_reading", args=[obj.pk])
        context = {"job": obj.job, "status": status_of(obj.job), "status_url": status_url}
        return render_to_string("admin/core/job/status.html", context)

    reading.short_description = "reading the text"

    def reading_response(self, request, obj):
        if obj.job and obj.job.state == obj.job.State.FAILED:
            messages.error(request, "The text could not be read; it is kept below.")
        else:
            messages.info(request, "The text is long: it is being read in the background. The review shows here next.")
        return HttpResponseRedirect(reverse("admin:articles_storyimport_change", args=[obj.pk]))

    def get_urls(self):
        view = self.admin_site.admin_view(self.reading_status)
        return [path("<path:object_id>/reading/", view, name="articles_storyimport_reading"), *super().get_urls()]

    def reading_status(self, request, object_id):
        obj = get_object_or_404(self.get_queryset(request).select_related("job"), pk=object_id)
        if obj.job is None or not self.has_view_or_change_permission(request, obj):
            return JsonResponse({}, status=404)
        return JsonResponse(status_of(obj.job))
