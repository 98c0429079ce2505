"""Credit suggestions from copy: who the story says worked on what, with the sentence that says so.

One public entry point, used by Story imports, the ingest API and the story form's live panel:

    from articles.suggestions import suggest
    found = suggest(text, article=story)     # plain text, or the story form's HTML body

`found` is a `Suggestions` (plain dataclasses, see results.py):

- `credits`: `CreditSuggestion(person, film, role, character, evidence, highlights, strength, alternatives,
  credit, linked)`. `strength` is "strong" when the person and the title share a sentence or a paragraph, "weak"
  when they only share the story (shown, not suggested by default). `credit` is the films.Credit on file, or
  None when confirming would create it (a character the copy gives on a title its sentence names).
  `alternatives` are the other titles written the same way (`Alternative(film, top_cast)`), for a one-click
  switch. `linked` says whether `article` already links that credit.
- `unmatched`: `Unmatched(kind, text, evidence, year)` for people, titles and outlets the copy names that the
  database lacks, and characters it could not pin on a title ("person", "title", "outlet", "character").
- `sources`: `SourceSuggestion(name, credited_as, source)`; `source` is None for an outlet not on file.
- `relationships`: `RelationshipSuggestion(person, other, kind, since_year, evidence, on_file)`.
- `people`, `titles`: what was found, in story order; `spans`: where the copy names each, by
  ("person" | "title", pk).
- `strong`: the credits to offer by default.

Credits cost at most four queries (people by key, titles by key, the credits of the people named, and the
first-billed cast of same-name titles when there are any) plus one for `article`'s links; `sources`,
`relationships` and `unmatched` are worked out on first reading, with one query each at most.

Cost follows the copy, not the database: candidate names and titles are cut from the text (text.py,
candidates.py), keyed the way the tables key their rows (core.names, normalise.py) and looked up by index in
a constant number of queries (index.py), whatever the size of the tables. Titles written as
common words ("Her", "Up", "Sunday Night") or as one word are only read as titles with more evidence
(titles.py): quotes or italics, a year, "the film X", or a credit of someone named close by. Same-name titles
are settled by the year and kind in the copy, the people named near them and recency. Characters are read from
the phrasing and matched loosely (evidence.py); "he"/"she" follow the sentence's subject (people.py).
"""

from datetime import date

from .engine import run
from .results import (
    STRONG,
    WEAK,
    Alternative,
    CreditSuggestion,
    RelationshipSuggestion,
    SourceSuggestion,
    Suggestions,
    Unmatched,
)
from .text import plain_text

__all__ = [
    "STRONG",
    "WEAK",
    "Alternative",
    "CreditSuggestion",
    "RelationshipSuggestion",
    "SourceSuggestion",
    "Suggestions",
    "Unmatched",
    "suggest",
]


def suggest(text: str, *, article=None, on: date | None = None) -> Suggestions:
    """Suggestions for the copy; `on` (default: the article's date, else today) dates it for recency."""
    if on is None and article is not None and "publish_at" not in article.get_deferred_fields() and article.publish_at:
        on = article.publish_at.date()
    return run(plain_text(text), article=article, on=on)
