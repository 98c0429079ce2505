"""Hand edits that an import must not undo: which imported fields an editor has set on a record.

A model lists the fields an importer keeps up to date (IMPORTED_FIELDS); when an editor saves one of
them through the admin, its name goes into edited_fields, and the importer leaves that field alone
(reporting where its own value differs) unless told to overwrite. Imports and loaddata write rows
without going through the admin, so they never mark anything.
"""

from django.contrib import admin
from django.db import models


class HandEdited(models.Model):
    IMPORTED_FIELDS = ()

    edited_fields = models.JSONField(
        "fields edited by hand",
        default=list,
        blank=True,
        editable=False,
        help_text="Imported fields an editor changed; imports keep these values.",
    )

    class Meta:
        abstract = True

    def record_hand_edits(self, field_names):
        """Mark the imported fields among field_names as set by an editor."""
        edited = [name for name in self.IMPORTED_FIELDS if name in field_names and name not in self.edited_fields]
        self.edited_fields = [*self.edited_fields, *edited]

    @property
    def hand_edits_display(self):
        fields = [str(self._meta.get_field(name).verbose_name) for name in self.edited_fields]
        return ", ".join(fields) or "none"


class RecordsHandEditsAdmin:
    """ModelAdmin mixin: a save by an editor marks the imported fields the form changed.

    List "kept_against_imports" in readonly_fields and a fieldset to show the marks to editors.
    """

    def save_model(self, request, obj, form, change):
        obj.record_hand_edits(form.changed_data)
        super().save_model(request, obj, form, change)

    @admin.display(description="kept against imports")
    def kept_against_imports(self, obj):
        return obj.hand_edits_display
