"""The story body in the form: a rich-text editor whose output is the allow-listed HTML readers get.

The editor is django-prose-editor (ProseMirror/Tiptap): it writes only the elements its schema knows, so a paste
from Word, Google Docs or a web page keeps paragraphs, headings, lists, links and emphasis and drops the rest.
The server still sanitises with core.sanitize, the same allow-list the public page applies; a body the editor
did not touch is kept byte for byte (the textarea is only rewritten when the text changes).
"""

from django import forms
from django.templatetags.static import static
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media, Script

from core.sanitize import sanitize_html

from .references import add_referenced_mentions

EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    # Ours (articles/static/articles/editor/extensions.js): marks the seed and the public page use, links to
    # people and titles, "clear formatting" and the word count.
    "InlineQuote": True,
    "Citation": True,
    "SmallPrint": True,
    "StoryReference": True,
    "ClearFormatting": True,
    "WordCount": True,
}


class StoryBodyWidget(AdminProseEditorWidget):
    """The prose editor with the newsroom's extensions; the desk script adds counts, hints and the panel."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"aria-label": "Body", **(attrs or {})}, preset="configurable")

    def get_config(self):
        self.config = {"extensions": EXTENSIONS}
        config = super().get_config()
        config["js_modules"] = [static("articles/editor/extensions.js")]
        return config

    @property
    def media(self):
        return super().media + Media(
            css={"all": ["articles/editor/prosemirror.css", "articles/editor/desk.css"]},
            js=[Script("articles/editor/desk.js", type="module")],
        )


class StoryBodyField(forms.CharField):
    widget = StoryBodyWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        kwargs.setdefault("help_text", "Select a name, or type @, to link a person or title.")
        super().__init__(**kwargs)


class StoryBodyFormMixin(forms.Form):
    """For the story's ModelForm: the body in the editor, and its links to people and titles saved as mentions."""

    body = StoryBodyField(label="Body")

    def clean_body(self):
        """Allow-listed HTML; the body exactly as it was opened stays as stored, byte for byte."""
        body = self.cleaned_data["body"]
        if body == (self.instance.body if self.instance.pk else ""):
            return body
        return sanitize_html(body)

    def _save_m2m(self):
        # The form's own linked people and titles are written first; the body's references are added to them.
        super()._save_m2m()
        add_referenced_mentions(article=self.instance)
