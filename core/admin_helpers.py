"""Admin parts shared by the apps: constant query counts on inline pages, no full counts on big lists, and
widgets that reverse their admin URLs once rather than on every row of an inline."""

import re
from urllib.parse import quote as url_quote

from django import forms
from django.contrib.admin import ShowFacets, helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import quote
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import Max
from django.dispatch import receiver
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.form_renderer import esc
from core.links import reverse_once
from core.search import SEARCH_BUDGET_MS, UNLIMITED, Budget, read_in_order, with_ids


@receiver(setting_changed)
def _forget_wrappers(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "FORM_RENDERER", "TEMPLATES", "STORAGES", "STATIC_URL"):
        _wrappers.clear()


_wrappers = {}
_NAME, _WIDGET = "__wrapped_name__", "__wrapped_widget__"


class OnceRenderedWidgetWrapper(RelatedFieldWidgetWrapper):
    """The admin's add / change / delete / view links beside a related field, built once rather than on each row.

    Their URLs are reversed once, and Django's wrapper template is rendered once for each field's permissions and
    model (stand-ins for the row's field name and select), then each row puts in its own name and select.
    """

    def get_related_url(self, info, action, *args):
        app_label, model_name = info
        return reverse_once(f"admin:{app_label}_{model_name}_{action}", args=args, current_app=self.admin_site.name)

    def _render(self, template_name, context, renderer=None):
        name, widget = context["name"], context["rendered_widget"]
        shared = {k: v for k, v in context.items() if k not in ("name", "rendered_widget", "widget")}
        # The template only asks whether the relation limits its choices; a callable or Q may not be hashable.
        shared["model_has_limit_choices_to"] = bool(shared.get("model_has_limit_choices_to"))
        key = (template_name, type(renderer), get_language(), *sorted((k, str(v)) for k, v in shared.items()))
        if key not in _wrappers:
            stand_in = {**context, "name": _NAME, "rendered_widget": mark_safe(_WIDGET)}
            _wrappers[key] = super()._render(template_name, stand_in, renderer)
        return mark_safe(_wrappers[key].replace(_NAME, conditional_escape(name)).replace(_WIDGET, widget))


class PreloadedChoicesMixin:
    """Labels the selected choice from an object the form already holds, instead of one query per widget.

    Django's autocomplete widget looks up its selected object itself, so an inline with N rows costs N
    queries. Forms built by PreloadingForm hand the widget the object their instance already carries
    (select_related / prefetch_related in the inline's queryset), which makes the page's cost constant.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        # Nothing selected (a blank row, the template row for "Add another"): Django would still build a query that
        # can match nothing, which costs as much to compile as one that runs.
        if selected and (self.preloaded is None or not set(selected) <= self.preloaded.keys()):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in selected:
            label = self.choices.field.label_from_instance(self.preloaded[pk])
            options.append(self.create_option(name, pk, label, set(selected), len(options)))
        return [(None, options, 0)]


class OnceReversedAutocompleteMixin:
    def get_url(self):
        return reverse_once(self.url_name % self.admin_site.name)


class PreloadedAutocompleteSelect(PreloadedChoicesMixin, OnceReversedAutocompleteMixin, AutocompleteSelect):
    pass


class PreloadedAutocompleteSelectMultiple(
    PreloadedChoicesMixin, OnceReversedAutocompleteMixin, AutocompleteSelectMultiple
):
    pass


class QuietErrorList(ErrorList):
    """No errors render as nothing without a template render: the admin asks every field of every inline row."""

    def render(self, template_name=None, context=None, renderer=None):
        if not self.data:
            return SafeString()  # what Django's error-list templates make of an empty list
        return super().render(template_name, context, renderer)


class PreloadingForm(forms.ModelForm):
    """Gives each preloading autocomplete widget the related objects its instance already holds."""

    def __init__(self, *args, **kwargs):
        if kwargs.get("error_class", ErrorList) is ErrorList:
            kwargs["error_class"] = QuietErrorList
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


def widget_kinds(form):
    """What a form's media is made of: its fields' widget classes (a related-field wrapper's and the widget it wraps,
    a multi-widget's parts). Widgets whose media depends on the instance rather than the class would need more."""

    def classes(widget):
        inner = getattr(widget, "widget", None)
        return (
            type(widget),
            *(classes(inner) if inner is not None else ()),
            *map(type, getattr(widget, "widgets", ())),
        )

    return tuple((name, classes(field.widget)) for name, field in form.fields.items())


class OneMediaPerKindInlineAdminFormSet(helpers.InlineAdminFormSet):
    """An inline's media from one row of each kind, rather than from every row.

    Django adds up the media of every row of an inline (the page's scripts and styles), merging the lists once per
    row; the rows of a formset are one form class, so their widgets, and so their media, repeat. A row whose widgets
    are of other classes than any before it still adds its own.
    """

    @property
    def media(self):
        return self.media_of(self)

    def media_of(self, admin_forms):
        media = self.opts.media + self.formset.media
        seen = set()
        for admin_form in admin_forms:
            kind = widget_kinds(admin_form.form)
            if kind not in seen:
                seen.add(kind)
                media += admin_form.media
        return media

    def admin_form(self, form, original=None):
        """A row as Django's InlineAdminFormSet wraps it (the "view on site" link for an existing object)."""
        return helpers.InlineAdminForm(
            self.formset, form, self.fieldsets, self.prepopulated_fields, original, self.readonly_fields,
            model_admin=self.opts,
            view_on_site_url=None if original is None else self.opts.get_view_on_site_url(original),
        )  # fmt: skip


MARK = "zqx{}mark"  # letters and digits: no escaping, quoting or formatting changes it
MARKS = re.compile(r"zqx(\d+)mark")
INDEX = 1  # the first marker's number


class RowLabel:
    """The stamp row's original object as its template shows it: its label, and its key for a change link."""

    def __init__(self, label, pk):
        self.label, self.pk = label, pk

    def __str__(self):
        return self.label


def draws_value_as_text(widget):
    """An input that writes its value as str(value) (text, number, hidden, the admin's own of these): a widget class
    of its own way of formatting or drawing (dates, checkboxes, passwords, files) is not one."""
    kind = type(widget)
    return (
        isinstance(widget, forms.widgets.Input)
        and kind.format_value is forms.Widget.format_value
        and kind.get_context is forms.widgets.Input.get_context
        and not widget.is_localized
    )


class StampedRow:
    """An existing row drawn from the inline's stamp: the stamp's markers filled with this row's values."""

    def __init__(self, original, values):
        self.original, self.values = original, values

    def stamped(self, stamp):
        return mark_safe("".join(self.values[int(part)] if i % 2 else part for i, part in enumerate(stamp)))  # noqa: S308


class StampedRowsInlineAdminFormSet(OneMediaPerKindInlineAdminFormSet):
    """A tabular inline whose existing rows are one row drawn once, with markers for its values, then filled per row.

    Each existing row of an inline is a form built (its fields copied, its key, parent and delete fields added) and
    drawn (a bound field and a widget per field): about 0.35 ms, so a story linking a hundred credits spent 35 ms on
    them. The rows differ only in their values, so the row template (core/admin_templates, form_row) draws one row
    for a stand-in object whose values are markers (zqx1mark), through Django's own form, widgets and template; each
    existing row is that markup with its own values put in, escaped as the template escapes them.

    Only where every value is drawn as its text: text, number and hidden inputs, and the preloaded autocomplete's
    selected option (its key and label). Anything else (a checkbox, a choice list, a localised number, a value of
    None or "", which the widgets draw differently), a bound formset (a form sent back with its errors), or rows
    the user may not change, and the rows are drawn one by one as Django draws them. tests/test_admin_stamped_rows.py
    compares the pages both ways.
    """

    @cached_property
    def plan(self):
        """{field name: how its value is drawn} for the form's fields, or None when rows cannot be stamped."""
        formset = self.formset
        if formset.is_bound or not self.has_change_permission or self.readonly_fields:
            return None
        form = formset.empty_form
        plan = {}
        for name, field in form.fields.items():
            if name in (formset._pk_field.name, formset.fk.name, "DELETE"):
                continue
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, PreloadedAutocompleteSelect) and isinstance(field, forms.ModelChoiceField):
                plan[name] = "choice"
            elif draws_value_as_text(widget) and not field.localize:
                plan[name] = "text"
            else:
                return None
        return plan

    @property
    def media(self):
        """The rows' media from the template row, one existing row and the blank rows: a stamped row's widgets are the
        existing row's (forms for every row would otherwise be built here, only for their media)."""
        if self.plan is None:
            return super().media
        formset = self.formset
        first = [formset._construct_form(0, **formset.get_form_kwargs(0))] if formset.initial_form_count() else []
        return self.media_of(self.admin_form(form) for form in [formset.empty_form, *first, *self.blank_forms])

    @cached_property
    def blank_forms(self):
        """The formset's extra (blank) rows, built once for the media and the rows."""
        formset = self.formset
        indexes = range(formset.initial_form_count(), formset.total_form_count())
        return [formset._construct_form(index, **formset.get_form_kwargs(index)) for index in indexes]

    def stamp(self, form_row):
        """The row markup, split at its markers (even parts markup, odd parts marker numbers), or None."""
        self.stamped = False
        if self.plan is None or not self.formset.initial_form_count():
            return None
        formset = self.formset
        model = formset.model
        stand_in = model()
        setattr(stand_in, formset.fk.name, formset.instance)
        numbers = iter(range(INDEX, 10_000))
        self.number_of = {"index": next(numbers), "pk": next(numbers), "label": next(numbers)}
        preloaded = {}
        for name, how in self.plan.items():
            value = MARK.format(self.number_of.setdefault(name, next(numbers)))
            if how == "choice":
                label = MARK.format(self.number_of.setdefault(name + ":label", next(numbers)))
                field = model._meta.get_field(name)
                setattr(stand_in, field.attname, value)
                field.set_cached_value(stand_in, RowLabel(label, value))
                preloaded[name] = {value: RowLabel(label, value)}
            else:
                setattr(stand_in, name, value)
        index = MARK.format(self.number_of["index"])
        form = formset.form(
            auto_id=formset.auto_id,
            prefix=formset.add_prefix(index),
            error_class=formset.error_class,
            use_required_attribute=False,
            renderer=formset.form_renderer,
            instance=stand_in,
            **formset.get_form_kwargs(None),
        )
        formset.add_fields(form, None)
        form.fields[formset._pk_field.name].initial = MARK.format(self.number_of["pk"])
        for name, objects in preloaded.items():
            widget = form.fields[name].widget
            getattr(widget, "widget", widget).preloaded = objects
        admin_form = self.admin_form(form, stand_in)
        admin_form.original = RowLabel(MARK.format(self.number_of["label"]), MARK.format(self.number_of["pk"]))
        parts = MARKS.split(str(form_row(admin_form, index, False)))
        shown = {int(number) for number in parts[1::2]}
        # Every value must show as written (the row's index and key above all: rows without them would be saved as
        # one another), and nothing but our markers may look like one.
        if set(self.number_of.values()) - {self.number_of["label"]} - shown or not shown <= set(
            self.number_of.values()
        ):
            return None  # draw the rows one by one
        self.stamped = True
        return [part if i % 2 == 0 else int(part) for i, part in enumerate(parts)]

    def values(self, index, obj):
        """This row's text for each marker, escaped as the template escapes it; None if a value is drawn otherwise."""
        number = self.number_of
        # The template escapes the object's text even when its __str__ returns markup it calls safe.
        values = {number["index"]: str(index), number["pk"]: esc(obj.pk), number["label"]: esc(str.__str__(str(obj)))}
        for name, how in self.plan.items():
            field = obj._meta.get_field(name)
            if how == "choice":
                key, related = getattr(obj, field.attname), getattr(obj, name)
                if key is None:
                    return None
                values[number[name]] = esc(key)
                values[number[name + ":label"]] = esc(self.formset.form.base_fields[name].label_from_instance(related))
            else:
                value = getattr(obj, name)
                if value is None or value == "":
                    return None
                values[number[name]] = esc(value)
        return values

    def __iter__(self):
        if not getattr(self, "stamped", False):  # before the template's stamp, or without one
            yield from super().__iter__()
            return
        formset = self.formset
        initial = formset.initial_form_count()
        for index, obj in zip(range(initial), formset.get_queryset(), strict=False):  # as Django pairs them
            values = self.values(index, obj)
            if values is None:
                yield self.admin_form(formset._construct_form(index, **formset.get_form_kwargs(index)), obj)
            else:
                yield StampedRow(obj, values)
        for form in self.blank_forms:
            yield self.admin_form(form)
        if self.has_add_permission:
            yield self.admin_form(formset.empty_form)


class OnceEmptyFormSet:
    """The formset's "Add another" template row built once: Django builds it anew each time it is asked for it (for the
    headers, the rows, the media, the prepopulated fields), a form construction each time."""

    @cached_property
    def empty_form(self):
        return super().empty_form

    # Both Django asks of the first row, which builds every row's form to get it; the template row is the same form.
    @property
    def media(self):
        return self.empty_form.media if not self.is_bound else super().media

    def is_multipart(self):
        return self.empty_form.is_multipart() if not self.is_bound else super().is_multipart()


class PreloadedAutocompleteMixin:
    """For ModelAdmin and inlines: autocomplete fields use the preloading widgets and form; an inline's template row
    and media are worked out once rather than once per row."""

    form = PreloadingForm

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (OnceEmptyFormSet, formset), {})

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_admin_formset in inline_admin_formsets:
            if type(inline_admin_formset) is helpers.InlineAdminFormSet:
                stamped = getattr(inline_admin_formset.opts, "stamped_rows", False)
                inline_admin_formset.__class__ = (
                    StampedRowsInlineAdminFormSet if stamped else OneMediaPerKindInlineAdminFormSet
                )
        return inline_admin_formsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if type(widget) is RelatedFieldWidgetWrapper:
            widget.__class__ = OnceRenderedWidgetWrapper
        return formfield

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
    more = False  # whether there are more rows than the count says (it stopped one past exact_up_to)
    cut = False  # whether a time limit stopped the count (SearchReadPaginator)

    @cached_property
    def count(self):
        queryset = self.object_list
        capped = queryset.order_by()[: self.exact_up_to + 1].count()
        if capped <= self.exact_up_to:
            return capped
        self.more = True
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
                )
                (estimate,) = cursor.fetchone()
            self.more = False  # an estimate, not a floor
            return max(estimate, capped)
        return capped


class SearchReadPaginator(CappedCountPaginator):
    """A search's page and its count from one read of the matches in the list's order, held to the search's budget.

    The count is exact up to the cap (exact_up_to), as CappedCountPaginator's, when the read finishes in time. A read
    the budget stops keeps what it found: the list shows those matches and says it was cut short (`cut`), rather than
    counting on for seconds. The ids of every page up to the one asked for are read, so the list never runs the search
    again without a LIMIT, and a page is read by the ids the count found.
    """

    budget = UNLIMITED
    page_asked = 1

    @cached_property
    def found(self):
        shown = self.page_asked * self.per_page + 1  # the pages up to the one asked for, and one row past it
        limit = max(self.exact_up_to + 1, shown)
        return read_in_order(self.object_list, limit=limit, first=shown, budget=self.budget)

    @cached_property
    def count(self):
        return len(self.found[0])

    @property
    def cut(self):
        """Whether the read stopped at the budget, with more matches possibly left."""
        return self.found[1]

    @property
    def more(self):
        return self.cut or self.count > self.exact_up_to

    def validate_number(self, number):
        if not self.cut:
            return super().validate_number(number)
        # A read cut short has not counted the pages past it: a later page is empty, not an error (an autocomplete
        # asking for its next page would otherwise answer 404).
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().validate_number(number)  # Django's error for a page that is not a number
        return number if number >= 1 else super().validate_number(number)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.rows(self.found[0][bottom : bottom + self.per_page]), number, self)

    def rows(self, ids):
        """The rows with these ids, in the list's order, with its joins but not its filters: the ids passed them, and a
        search reached through ids (core.search.through_narrowest, with_ids) would leave the planner two lists of ids
        to choose an index from (it took the longer: 36 ms for a page of 50 people)."""
        listed = self.object_list
        query = listed.query
        if query.annotations or query.extra or query.distinct or listed._prefetch_related_lookups:
            return with_ids(listed, ids)
        rows = listed.model._base_manager.using(listed.db).all()
        rows.query.select_related = query.select_related
        rows.query.deferred_loading = query.deferred_loading
        return with_ids(rows, ids).order_by(*query.order_by)


_ROW_KEY = "__row_key__"


class QuickLinksChangeList(ChangeList):
    """Each row's link built from one reversed URL, with the list's filters already in it.

    Django reverses the change URL for every row of a page, then resolves that URL again to decide how to carry the
    list's filters along (50 of each on a page, a fifth of a filtered list's time). Here the URL is reversed once with
    a stand-in for the key, and the filters go in as Django's add_preserved_filters puts them on a change link
    (`?_changelist_filters=…`), so each row's link is the same as Django's.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_filters, self.preserved_filters = self.preserved_filters, ""

    def get_results(self, request):
        super().get_results(request)
        paginator = self.paginator
        if isinstance(paginator, SearchReadPaginator):
            # Django lists a search of one page (or "Show all") by running it again without a LIMIT: here, the
            # rows the read found.
            ids = paginator.found[0]
            if self.show_all and self.can_show_all:
                self.result_list = paginator.rows(ids[: self.list_max_show_all])
            elif not self.multi_page:
                self.result_list = paginator.rows(ids)
        # For the templates (admin/search_form.html, admin/pagination.html): the count is a floor, or a time limit
        # cut the search short.
        self.result_count_more = getattr(paginator, "more", False)
        self.search_cut = getattr(paginator, "cut", False)

    def url_for_result(self, result):
        pattern = reverse_once(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=(_ROW_KEY,),
            current_app=self.model_admin.admin_site.name,
        )
        key = url_quote(str(quote(getattr(result, self.pk_attname))), safe=RFC3986_SUBDELIMS + "/~:@")  # as reverse()
        url = pattern.replace(_ROW_KEY, key)
        return f"{url}?{self.row_filters}" if self.row_filters else url


class LargeTableAdminMixin:
    """For admins over tables that grow to millions of rows (credits, people, titles)."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = ShowFacets.NEVER
    list_per_page = 50
    # A search (list or autocomplete) counts its matches exactly up to here: 20 pages, found without reading every
    # match of a common word.
    search_counted_up_to = 1_000
    # What a search may take to read (core.search.Budget): what drawing the list leaves of the 100 ms a search page
    # may take (about 25 ms for a page of credits, with their people and titles; people's lists set more).
    search_budget_ms = SEARCH_BUDGET_MS

    def get_changelist(self, request, **kwargs):
        return QuickLinksChangeList

    def action_checkbox(self, obj):
        """Django's row checkbox, written out rather than drawn by a form widget 50 times a page (a tenth of a list's
        time); tests/test_admin_changelist_links.py compares it with Django's."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

    def search_budget(self, request):
        """The time this request's search may spend in the database (core.search.Budget), started at the first ask."""
        if not hasattr(request, "_search_budget"):
            request._search_budget = Budget(self.search_budget_ms)
        return request._search_budget

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        searched = (request.GET.get(SEARCH_VAR) or request.GET.get("term") or "").strip()
        if searched and connection.vendor == "postgresql" and self.paginator is CappedCountPaginator:
            paginator = SearchReadPaginator(queryset, per_page, orphans, allow_empty_first_page)
            paginator.budget = self.search_budget(request)
            # The list's page ("p", from 1) or the autocomplete's ("page", from 1).
            asked = request.GET.get(PAGE_VAR) if SEARCH_VAR in request.GET else request.GET.get("page")
            paginator.page_asked = int(asked) if asked and asked.isdigit() and 0 < int(asked) < 10_000 else 1
        else:
            paginator = super().get_paginator(request, queryset, per_page, orphans, allow_empty_first_page)
        if isinstance(paginator, CappedCountPaginator) and searched:
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
