"""The writing desk: the story form's rich-text body, links to people and titles made while writing, and the
live Suggested credits panel with its one-step "Add credit" dialog.

    fields.py       the body's form field and its editor widget (django-prose-editor, ProseMirror/Tiptap)
    references.py   <a data-person="…"> / <a data-title="…"> links in a body: read them, count them as mentions
    suggestions.py  what the panel lists, from the credit-suggestion engine behind one adapter function
    views.py        the panel's endpoints (suggestions, add a credit), for whoever may edit the story
"""
