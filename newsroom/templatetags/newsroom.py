import json

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.images import picture as describe_picture
from core.sanitize import sanitize_html
from newsroom.public import roles

register = template.Library()

# The characters that could close a <script> element or open a comment, escaped inside JSON.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def sanitize(html):
    return mark_safe(sanitize_html(html))


@register.filter
def json_ld(data):
    """Render a dict (or a list of them) as schema.org JSON-LD script elements, safe against </script> in any value."""
    if not data:
        return ""
    scripts = []
    for item in data if isinstance(data, list | tuple) else [data]:
        payload = json.dumps(item, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SCRIPT_ESCAPES)
        scripts.append(f'<script type="application/ld+json">{payload}</script>')
    return mark_safe("\n".join(scripts))


@register.inclusion_tag("includes/picture.html")
def picture(image, *, alt, sizes="100vw", max_width=1280, lazy=True, css_class=""):
    """A responsive <picture>: WebP and JPEG renditions, intrinsic width and height, lazy unless told otherwise."""
    return {
        "picture": describe_picture(image, max_width=max_width) if image else None,
        "alt": alt,
        "sizes": sizes,
        "lazy": lazy,
        "css_class": css_class,
    }


@register.filter
def isotime(moment):
    """A datetime as HTML's <time datetime> wants it: ISO 8601 to the second, with its offset."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


@register.filter
def credit_heading(credit):
    """{{ credit|credit_heading }}: "Cast" for any cast role, else the crew role title-cased (public/roles.py)."""
    return roles.heading(credit)


@register.filter
def cast_line(credit):
    """{{ credit|cast_line }}: the character a cast member plays, or "Self" for an appearance (public/roles.py)."""
    return roles.cast_line(credit)
