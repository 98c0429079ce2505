"""Admin parts shared by the apps: constant query counts on inline pages, no full counts on big lists."""

from django import forms
from django.contrib.admin import ShowFacets
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Max
from django.utils.functional import cached_property


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


class CappedCountPaginator(Paginator):
    """Counts exactly up to a cap, then estimates, so a list over millions of rows never runs a full COUNT(*).

    Past the cap, an unfiltered PostgreSQL table answers with the planner's row estimate (pg_class);
    anything else reports the cap, and the admin still pages through with next/previous links.
    """

    exact_up_to = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        capped = queryset.order_by()[: self.exact_up_to + 1].count()
        if capped <= self.exact_up_to:
            return capped
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
                )
                (estimate,) = cursor.fetchone()
            return max(estimate, capped)
        return capped


class LargeTableAdminMixin:
    """For admins over tables that grow to millions of rows (credits, people, titles)."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    list_per_page = 50
    # A search (list or autocomplete) counts its matches exactly up to here: 20 pages, found without reading every
    # match of a common word.
    search_counted_up_to = 1_000

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if isinstance(paginator, CappedCountPaginator) and (request.GET.get(SEARCH_VAR) or request.GET.get("term")):
            paginator.exact_up_to = self.search_counted_up_to
        return paginator


class AppendingFormSet(forms.BaseInlineFormSet):
    """Rows added with their position left at 0 go after the existing ones, in the order they were added."""

    def save_new(self, form, commit=True):
        obj = super().save_new(form, commit=False)
        if not obj.position:
            if not hasattr(self, "_next_position"):
                siblings = self.model._default_manager.filter(**{self.fk.name: self.instance})
                self._next_position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
            obj.position, self._next_position = self._next_position, self._next_position + 1
        if commit:
            obj.save()
            form.save_m2m()
        return obj
