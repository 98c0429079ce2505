"""The story form's byline picker: staff are named as readers see them (core.users.display_name), not by username."""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.urls import reverse

from core.admin_helpers import PreloadedAutocompleteSelectMultiple
from core.users import display_name


class BylineField(forms.ModelMultipleChoiceField):
    """The chosen bylines, labelled by display name."""

    def label_from_instance(self, obj):
        return display_name(obj)


class BylineSelect(PreloadedAutocompleteSelectMultiple):
    """Asks BylineSuggestions for matches: the admin's shared autocomplete labels a user by str(), the username."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:articles_article_byline")


class BylineSuggestions(AutocompleteJsonView):
    """The admin's autocomplete (same search, permissions and paging), each match labelled by display name."""

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": display_name(obj)}
