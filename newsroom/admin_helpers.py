"""Admin parts shared by the apps: autocomplete widgets that keep inline pages at a constant query count."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


class PreloadedChoicesMixin:
    """Labels the selected choice from an object the form already holds, instead of one query per widget.

    Django's autocomplete widget looks up its selected object itself, so an inline with N rows costs N
    queries. Forms built by PreloadingForm hand the widget the object their instance already carries
    (select_related / prefetch_related in the inline's queryset), which makes the page's cost constant.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.preloaded is None or not set(selected) <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in selected:
            label = self.choices.field.label_from_instance(self.preloaded[pk])
            options.append(self.create_option(name, pk, label, set(selected), len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteSelect(PreloadedChoicesMixin, AutocompleteSelect):
    pass


class PreloadedAutocompleteSelectMultiple(PreloadedChoicesMixin, AutocompleteSelectMultiple):
    pass


class PreloadingForm(forms.ModelForm):
    """Gives each preloading autocomplete widget the related objects its instance already holds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, PreloadedChoicesMixin):
                continue
            related = getattr(self.instance, name)
            objects = list(related.all()) if hasattr(related, "all") else [related]
            widget.preloaded = {str(obj.pk): obj for obj in objects if obj is not None}


class PreloadedAutocompleteMixin:
    """For ModelAdmin and inlines: autocomplete fields use the preloading widgets and form."""

    form = PreloadingForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget", PreloadedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
