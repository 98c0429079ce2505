"""Link the first mention of each of a story's people and titles in its body to their pages.

The body is walked with the standard library's HTML parser, so a name is only matched in text: never inside
an existing link, a heading, a caption or an attribute. One regular expression holds every name, so each text
node is scanned once whatever the number of credits.
"""

import re
from html import escape
from html.parser import HTMLParser

# Text inside these elements is left as written.
SKIP_ELEMENTS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "code", "pre", "script", "style"})


def link_mentions(html, targets):
    """Return html with the first mention of each name linked; targets is an iterable of (name, url)."""
    urls = {}
    for name, url in targets:
        if name and name not in urls:
            urls[name] = url
    if not urls or not html:
        return html
    # Longest names first, so "Kevin Bacon" wins over a shorter name it contains.
    names = sorted(urls, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
    linker = _MentionLinker(pattern, urls)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)


class _MentionLinker(HTMLParser):
    def __init__(self, pattern, urls):
        super().__init__(convert_charrefs=True)
        self.pattern = pattern
        self.urls = urls  # name -> url; a name leaves once it is linked
        self.out = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in SKIP_ELEMENTS:
            self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in SKIP_ELEMENTS and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data):
        if self.skip_depth or not self.urls:
            self.out.append(escape(data, quote=False))
        else:
            self.out.append(self._link(data))

    def _link(self, text):
        pieces, last = [], 0
        for match in self.pattern.finditer(text):
            url = self.urls.pop(match.group(0), None)
            if url is None:
                continue
            pieces.append(escape(text[last : match.start()], quote=False))
            pieces.append(f'<a class="mention" href="{escape(url)}">{escape(match.group(0), quote=False)}</a>')
            last = match.end()
            if not self.urls:
                break
        pieces.append(escape(text[last:], quote=False))
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
