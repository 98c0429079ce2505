"""The story form's autocomplete widgets label their choices from objects the form holds: the same options Django's
own widgets give, without a query per row, and without building one for a row with nothing chosen."""

import pytest
from django.contrib.admin import site
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db.models.sql.compiler import SQLCompiler

from articles.models import ArticleCredit, Quote
from core.admin_helpers import PreloadedAutocompleteSelect, PreloadedAutocompleteSelectMultiple


def options(groups):
    return [(option["value"], option["label"], bool(option["selected"])) for _, group, _ in groups for option in group]


@pytest.mark.parametrize(
    ("model", "field", "ours", "djangos"),
    [
        (ArticleCredit, "credit", PreloadedAutocompleteSelect, AutocompleteSelect),
        (Quote, "source", PreloadedAutocompleteSelect, AutocompleteSelect),
        (Quote, "speakers", PreloadedAutocompleteSelectMultiple, AutocompleteSelectMultiple),
    ],
)
def test_a_blank_row_offers_what_djangos_widget_offers_without_asking_the_orm(
    db, monkeypatch, model, field, ours, djangos
):
    db_field = model._meta.get_field(field)
    formfield = db_field.formfield()
    widgets = [kind(db_field, site) for kind in (ours, djangos)]
    for widget in widgets:
        widget.choices = formfield.choices
        widget.is_required = formfield.required
    expected = options(widgets[1].optgroups("row-0-" + field, []))

    def no_query(*args, **kwargs):
        raise AssertionError("a blank row built a query")

    monkeypatch.setattr(SQLCompiler, "as_sql", no_query)
    assert options(widgets[0].optgroups("row-0-" + field, [])) == expected
    assert options(widgets[0].optgroups("row-0-" + field, [""])) == expected
    assert expected == ([] if formfield.required or "Multiple" in djangos.__name__ else [("", "", False)])


def test_a_chosen_value_the_form_did_not_preload_is_looked_up_as_django_does(seed):
    credit_field = ArticleCredit._meta.get_field("credit")
    formfield = credit_field.formfield()
    ours, djangos = PreloadedAutocompleteSelect(credit_field, site), AutocompleteSelect(credit_field, site)
    for widget in (ours, djangos):
        widget.choices, widget.is_required = formfield.choices, True
    credit = seed.article_credits.first().credit
    chosen = options(ours.optgroups("row-0-credit", [str(credit.pk)]))
    assert chosen == options(djangos.optgroups("row-0-credit", [str(credit.pk)]))
    assert chosen == [(credit.pk, str(credit), True)]
