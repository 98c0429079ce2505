"""Link the first mention of each of a story's people and titles in its body to their pages.

The sanitised body is split into tags and text by one regular expression (the sanitiser's output is regular
enough: text escaped, attributes quoted), so a name is only matched in text: never inside an existing link, a
heading, a caption or an attribute. One regular expression holds every name, so each text node is scanned once
whatever the number of credits.
"""

import re
from html import escape
from html.parser import HTMLParser

# Text inside these elements is left as written.
SKIP_ELEMENTS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "code", "pre", "script", "style"})


# A tag (a quoted attribute value may hold ">") or a comment; what lies between them is text, still escaped.
_TAG = re.compile(r"""<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)


def link_mentions(html, targets):
    """Return html with the first mention of each name linked; targets is an iterable of (name, url).

    html is markup as the sanitiser writes it (core.sanitize): text escaped, attributes quoted. Names are matched
    in their escaped form, in the text between tags, and never inside a character reference.
    """
    urls = {}
    for name, url in targets:
        if name and escape(name, quote=False) not in urls:
            urls[escape(name, quote=False)] = url
    if not urls or not html:
        return html
    # Longest names first, so "Kevin Bacon" wins over a shorter name it contains.
    names = sorted(urls, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&])(?<!&#)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
    out, skip_depth, at = [], 0, 0
    for tag in _TAG.finditer(html):
        if tag.start() > at:
            text = html[at : tag.start()]
            out.append(text if skip_depth or not urls else _link(text, pattern, urls))
        out.append(tag.group(0))
        at = tag.end()
        name = (tag.group(2) or "").lower()
        if name in SKIP_ELEMENTS and not tag.group(0).endswith("/>"):
            skip_depth = max(0, skip_depth - 1) if tag.group(1) else skip_depth + 1
    if at < len(html):
        out.append(html[at:] if skip_depth or not urls else _link(html[at:], pattern, urls))
    return "".join(out)


def _link(text, pattern, urls):
    """text with the first mention of each name still in urls linked (and that name taken out of urls)."""
    pieces, last = [], 0
    for match in pattern.finditer(text):
        url = urls.pop(match.group(0), None)
        if url is None:
            continue
        pieces += [text[last : match.start()], f'<a class="mention" href="{escape(url)}">{match.group(0)}</a>']
        last = match.end()
        if not urls:
            break
    pieces.append(text[last:])
    return "".join(pieces)


def link_story_body(html, *, people, titles, url_of=None):
    """A sanitised story body as readers get it: the editor's links by id (data-person, data-title) resolved
    first, then the first mention of each other person or title linked. url_of(thing) gives the address
    (get_absolute_url() unless told otherwise: the API links absolutely)."""
    url_of = url_of or (lambda thing: thing.get_absolute_url())
    people_urls = {person.pk: url_of(person) for person in people}
    title_urls = {film.pk: url_of(film) for film in titles}
    body, linked = resolve_references(html, people=people_urls, titles=title_urls)
    targets = [(person.name, people_urls[person.pk]) for person in people]
    targets += [(film.title, title_urls[film.pk]) for film in titles]
    return link_mentions(body, [(name, url) for name, url in targets if url not in linked])


def resolve_references(html, *, people, titles):
    """Turn the editor's links by id (<a data-person="12">, <a data-title="34">) into links to those pages.

    people and titles map ids to URLs (the objects the story page already loaded); a reference to anything
    else (deleted, or no longer linked to the story) becomes plain text. Returns the HTML and the URLs linked.
    """
    if not html or "data-" not in html:
        return html, set()
    resolver = _ReferenceResolver({"data-person": people, "data-title": titles})
    resolver.feed(html)
    resolver.close()
    return "".join(resolver.out), resolver.linked


class _ReferenceResolver(HTMLParser):
    def __init__(self, urls):
        super().__init__(convert_charrefs=True)
        self.urls = urls  # attribute name -> {id: url}
        self.out = []
        self.linked = set()
        self.anchors = []  # for each open <a>: whether its end tag is written

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            reference = next(((name, value) for name, value in attrs if name in self.urls), None)
            if reference is not None:
                name, value = reference
                url = self.urls[name].get(int(value)) if (value or "").isdigit() else None
                self.anchors.append(url is not None)
                if url is not None:
                    self.linked.add(url)
                    self.out.append(f'<a class="mention" href="{escape(url)}">')
                return
            self.anchors.append(True)
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "a" and self.anchors and not self.anchors.pop():
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))
