"""The IMDb import screen: upload the three dataset files, the import runs as a background job (films/tasks.py), its
page shows progress while it runs and the report once it is done. Its templates are in newsroom/templates/admin/films/
(films has no templates of its own)."""

from uuid import uuid4

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core import jobs, tasks
from core.job_admin import JobAdmin

from . import imdb, imdb_jobs
from .models import ImdbImport
from .tasks import import_imdb


class ImdbImportForm(forms.Form):
    names = forms.FileField(required=False, label="name.basics.tsv(.gz)", help_text="People.")
    titles = forms.FileField(required=False, label="title.basics.tsv(.gz)", help_text="Films and series.")
    principals = forms.FileField(
        required=False, label="title.principals.tsv(.gz)", help_text="Credits (people in titles)."
    )
    kinds = forms.MultipleChoiceField(
        choices=[(kind, kind) for kind in imdb.ALL_KINDS],
        initial=list(imdb.ALL_KINDS),
        widget=forms.CheckboxSelectMultiple,
        help_text="Title types to keep.",
    )
    year_from = forms.IntegerField(required=False, min_value=1870, max_value=2100)
    year_to = forms.IntegerField(required=False, min_value=1870, max_value=2100)
    overwrite = forms.BooleanField(
        required=False, help_text="Replace names, titles, years and statuses that editors changed by hand."
    )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(dataset) for dataset in imdb_jobs.WRITES):
            raise forms.ValidationError("Upload at least one of the three IMDb files.")
        return cleaned


@admin.register(ImdbImport)
class ImdbImportAdmin(JobAdmin):
    kind = ImdbImport.KIND
    list_filter = ["state"]

    def has_add_permission(self, request):
        return request.user.has_perm("films.add_imdbimport")

    def report_template(self, job):
        return "admin/films/imdbimport/report.html"

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImdbImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            job = start(request=request, data=form.cleaned_data)
            return HttpResponseRedirect(reverse("admin:films_imdbimport_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Start an IMDb import",
            "form": form,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/films/imdbimport/add.html", context)


def start(*, request, data):
    """Store the uploads, record the job and queue its task."""
    uploads = {dataset: data[dataset] for dataset in imdb_jobs.WRITES if data.get(dataset)}
    files = imdb_jobs.store_uploads(uploads=uploads, job_key=uuid4().hex)
    names = ", ".join(upload.name for upload in uploads.values())
    job = jobs.start(
        kind=ImdbImport.KIND,
        title=f"IMDb import of {names}",
        by=request.user,
        inputs={
            "files": files,
            "kinds": data["kinds"],
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
            "overwrite": data.get("overwrite", False),
        },
    )
    tasks.enqueue(import_imdb, job_id=job.pk)
    return job
