"""The allow-list editors' HTML goes through before any reader sees it."""

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "blockquote", "q", "cite", "em", "strong", "b", "i", "u", "s",
    "small", "sub", "sup", "abbr", "a", "ul", "ol", "li", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "code", "pre", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # data-person / data-title: a link to a person or title by id, made in the story editor (articles/editor).
    "a": {"href", "title", "data-person", "data-title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}


def sanitize_html(html):
    """Keep the markup a story needs; drop scripts, event handlers, styles and unsafe URLs."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
