"""Pieces of the Story imports review screen: evidence with names marked, same-name switches, "not on file" links."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html, format_html_join, mark_safe
from django.utils.text import capfirst

# Admin size cap for pasted or uploaded text: a real story is under 100 KB.
MAX_STORY_BYTES = 200 * 1024


def too_long_message(size):
    return (
        f"The text is too long to be a story: {size / 1024:,.0f} KB, and the limit is "
        f"{MAX_STORY_BYTES // 1024} KB (a real story is under 100 KB). Import it with the import_story command."
    )


def marked_evidence(suggestion):
    """The evidence sentence, escaped, with the names and titles it holds in <mark>."""
    text, marks = suggestion.evidence, sorted(set(suggestion.highlights or []), key=len, reverse=True)
    spans, taken = [], [False] * len(text)
    for word in marks:
        start = text.find(word)
        while start != -1:
            if not any(taken[start : start + len(word)]):
                spans.append((start, start + len(word)))
                taken[start : start + len(word)] = [True] * len(word)
            start = text.find(word, start + 1)
    parts, last = [], 0
    for start, end in sorted(spans):
        parts.append(format_html("{}<mark>{}</mark>", text[last:start], text[start:end]))
        last = end
    parts.append(format_html("{}", text[last:]))
    return mark_safe("".join(parts))


def alternative_buttons(suggestion):
    """One submit button per same-name title: a click moves the suggestion to that title."""
    if not suggestion.alternatives or suggestion.status != "pending":
        return format_html("{}", "—" if not suggestion.alternatives else "")
    return format_html_join(
        "",
        '<button type="submit" class="switch-title" name="_switch" value="{}:{}" title="Switch to this title">{}</button>',
        ((suggestion.pk, alt["film"], alt["label"]) for alt in suggestion.alternatives),
    )


def _link(url_name, params, label):
    return format_html('<a href="{}?{}">{}</a>', reverse(url_name), urlencode(params), label)


def not_in_database(unmatched):
    """Names, titles and outlets the text gives that the database lacks, each with find and create links."""
    if not unmatched:
        return "Nothing: everything the text names is on file."
    rows = []
    for item in unmatched:
        kind, text = item["kind"], item["text"]
        if kind == "person":
            links = [
                _link("admin:people_person_changelist", {"q": text}, "find"),
                _link("admin:people_person_add", {"name": text}, "create person"),
            ]
        elif kind == "title":
            params = {"title": text, **({"year": item["year"]} if item.get("year") else {})}
            links = [
                _link("admin:films_film_changelist", {"q": text}, "find"),
                _link("admin:films_film_add", params, "create title"),
            ]
        elif kind == "outlet":
            links = [
                _link("admin:articles_source_changelist", {"q": text}, "find"),
                _link("admin:articles_source_add", {"name": text}, "create source"),
            ]
        else:  # a character the text gives someone on no title it names
            character = text.split(" as ", 1)[-1]
            links = [_link("admin:films_credit_add", {"character": character, "role": "actor"}, "create credit")]
        rows.append(
            format_html(
                '<li class="unmatched-{}"><b>{}</b> {} — {} <small>{}</small></li>',
                kind,
                capfirst(kind),
                text,
                mark_safe(" · ".join(links)),
                item.get("evidence", ""),
            )
        )
    return format_html('<ul class="not-in-database">{}</ul>', mark_safe("".join(rows)))
