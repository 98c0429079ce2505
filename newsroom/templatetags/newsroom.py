import json

from django import template
from django.utils.safestring import mark_safe

from newsroom.sanitize import sanitize_html

register = template.Library()

# The characters that could close a <script> element or open a comment, escaped inside JSON.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def sanitize(html):
    return mark_safe(sanitize_html(html))


@register.filter
def json_ld(data):
    """Render a dict as a schema.org JSON-LD script element, safe against </script> in any value."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
