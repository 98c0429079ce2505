"""Releasing people, titles and credits to readers: who may, and the admin parts that let them.

A model takes part with an `is_released` flag and a `release_<model>` permission (editors hold it). What a
user without it adds is saved unreleased and stays off the public site until an editor releases it or a
published story links it; the reader's side of that rule lives in articles/visibility.py.
"""

from django.contrib import admin
from django.contrib.auth import get_permission_codename

from core.users import staff_has_perm

FLAG = "is_released"


def may_release(user, model):
    opts = model._meta
    return staff_has_perm(user, f"{opts.app_label}.{get_permission_codename('release', opts)}")


def takes_part(model):
    return any(field.name == FLAG for field in model._meta.concrete_fields)


class ReleaseAdminMixin:
    """For a ModelAdmin of a releasable model: the flag for editors only, new rows unreleased for the others,
    and a "release" action. Rows its inlines add follow the same rule for their own model."""

    actions = ["release"]

    def has_release_permission(self, request, obj=None):
        return may_release(request.user, self.model)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_release_permission(request):
            return fieldsets
        kept = [
            (name, {**options, "fields": [field for field in options["fields"] if field != FLAG]})
            for name, options in fieldsets
        ]
        return [(name, options) for name, options in kept if options["fields"]]

    def save_model(self, request, obj, form, change):
        if not change and not self.has_release_permission(request):
            setattr(obj, FLAG, False)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if takes_part(formset.model) and not may_release(request.user, formset.model):
            for row in formset.forms:
                if row.instance.pk is None:
                    setattr(row.instance, FLAG, False)
        super().save_formset(request, form, formset, change)

    @admin.action(permissions=["release"], description="Release the selected %(verbose_name_plural)s to readers")
    def release(self, request, queryset):
        released = 0
        # One save each (not update()), so the page cache and every other post_save listener hear of it.
        for obj in queryset.filter(**{FLAG: False}):
            setattr(obj, FLAG, True)
            obj.save(update_fields=[FLAG])
            released += 1
        self.message_user(request, f"Released {released} {self.model._meta.verbose_name_plural} to readers.")
