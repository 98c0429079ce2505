"""The Jinja2 environment of the reader's site (templates in newsroom/jinja2/).

The public pages are the hot path: a story page rendered by Django's template language spent about half of its
CPU walking template nodes (a variable lookup tries dict, attribute and index in turn, and every value is
localised and escaped through several calls). Jinja2 compiles each template to Python once, so the same markup
costs a fraction. The admin and the staff desk stay on Django templates.

What Django's language did for us implicitly is explicit here: methods are called with (), datetimes go through
`date`/`isotime` (which localise, as Django's do), and `default` treats any false value as missing, as Django's
`default` does.
"""

import json

from django.template.defaultfilters import capfirst, pluralize, truncatechars, urlencode
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe
from jinja2 import Environment, pass_context

from core.images import picture as describe_picture
from core.links import fixed_url, slug_url, static_url
from core.templatetags.users import display_name
from core.times import newsroom_time
from newsroom.public import roles
from newsroom.public.chain_svg import chain_diagram

# The characters that could close a <script> element or open a comment, escaped inside JSON.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def now(format_string):
    return dateformat.format(timezone.localtime(), format_string)


def date(value, format_string="N j, Y"):
    """Django's `date` filter: an aware datetime is shown in the current time zone first."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, format_string)


def isotime(moment):
    """A datetime as HTML's <time datetime> wants it: ISO 8601 to the second, with its offset."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def json_ld(data):
    """A dict (or a list of them) as schema.org JSON-LD script elements, safe against </script> in any value."""
    if not data:
        return ""
    scripts = []
    for item in data if isinstance(data, list | tuple) else [data]:
        payload = json.dumps(item, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SCRIPT_ESCAPES)
        scripts.append(f'<script type="application/ld+json">{payload}</script>')
    return mark_safe("\n".join(scripts))  # noqa: S308  (JSON with <, > and & escaped)


@pass_context
def picture(context, image, *, alt, sizes="100vw", max_width=1280, lazy=True, css_class=""):
    """A responsive <picture>: WebP and JPEG renditions, intrinsic width and height, lazy unless told otherwise."""
    if not image:
        return ""
    template = context.environment.get_template("includes/picture.html")
    described = describe_picture(image, max_width=max_width)
    return mark_safe(  # noqa: S308  (an autoescaped template's output)
        template.render(picture=described, alt=alt, sizes=sizes, lazy=lazy, css_class=css_class)
    )


def environment(**options):
    env = Environment(**options)
    env.globals.update(
        static=static_url, url=fixed_url, slug_url=slug_url, now=now, picture=picture, chain_diagram=chain_diagram,
    )  # fmt: skip
    env.filters.update(
        date=date, isotime=isotime, pluralize=pluralize, capfirst=capfirst, truncatechars=truncatechars,
        urlencode=urlencode, json_ld=json_ld, newsroom_time=newsroom_time, display_name=display_name,
        cast_line=roles.cast_line,
    )  # fmt: skip
    return env
