"""What the Suggested credits panel lists for a body being written.

Everything the panel needs from the credit-suggestion engine goes through `engine()`, so moving to the rewritten
engine (articles.suggestions) changes that one function. The rest is the panel's own reading of the results:
linked credits the body no longer names, and names in the copy that match nobody and nothing.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags

from films.models import Credit

from ..suggestions import suggest
from ..suggestions.normalise import COMMON_WORDS

# Block ends become line breaks, so a heading or paragraph never runs into the next in the engine's eyes.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption)>|<br\s*/?>", re.IGNORECASE)
# A run of two to four capitalised words: how a name the database lacks reads in copy.
NAME_RUN = re.compile(r"\b[A-Z][\w'’-]+(?: (?:[A-Z]\.|[A-Z][\w'’-]+|de|van|von|da|di|del|la|le)){1,3}(?![\w'’-])")
POSSESSIVE = re.compile(r"(?:'s|’s)$")


@dataclass
class Findings:
    """The engine's answer: suggestions (person, film, role, character, credit or None, evidence), and the
    people and titles it recognised, each with the spans where the text names them."""

    suggestions: list
    people: dict = field(default_factory=dict)
    films: dict = field(default_factory=dict)


def engine(text, *, article=None):
    """The one call into the credit-suggestion engine: its strong suggestions (weak ones are not offered).

    The panel reads links from the form as it stands, so the engine is not asked about the saved story's links.
    """
    found = suggest(text)
    people = {person: found.spans.get(("person", person.pk), []) for person in found.people}
    films = {film: found.spans.get(("title", film.pk), []) for film in found.titles}
    return Findings(found.strong, people, films)


def body_text(html):
    """The copy a reader reads, one block per line, from the editor's HTML."""
    return unescape(strip_tags(BLOCK_END.sub("\n", html or ""))).strip()


def credit_label(*, person, film, role, character):
    """ "Kevin Bacon as Stan in Connescence": the title without its year, which the panel shows apart."""
    if role == Credit.Role.ACTOR:
        return f"{person.name} as {character} in {film.title}" if character else f"{person.name} in {film.title}"
    return f"{person.name}, {Credit.Role(role).label} of {film.title}"


def unmatched_names(text, findings):
    """Names in the copy no person or title on file answers to, in the order they appear, each once."""
    taken = [(m.start, m.end) for spans in [*findings.people.values(), *findings.films.values()] for m in spans]
    names = {}
    for match in NAME_RUN.finditer(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        words = POSSESSIVE.sub("", match.group(0)).split()
        while words and words[0].lower() in COMMON_WORDS:
            words = words[1:]  # "The", "As", "When" opening a sentence
        if len(words) >= 2:
            names.setdefault(" ".join(words), None)
    return list(names)


def panel(*, html, linked_credit_ids=(), article=None):
    """The panel's three lists for the body as it stands and the credits linked in the form right now.

    A linked credit counts as mentioned while the body names its person or its title.
    """
    text = body_text(html)
    findings = engine(text, article=article)
    linked = set(linked_credit_ids)
    suggestions = []
    for s in findings.suggestions:
        credit_id = s.credit.pk if s.credit is not None and s.credit.character == s.character else None
        suggestions.append(
            {
                "label": credit_label(person=s.person, film=s.film, role=s.role, character=s.character),
                "year": s.film.year,
                "credit": credit_id,
                "person": s.person.pk,
                "title": s.film.pk,
                "role": s.role,
                "character": s.character,
                "evidence": s.evidence,
                "linked": credit_id is not None and credit_id in linked,
            }
        )
    unmentioned = []
    if linked:
        people, films = {p.pk for p in findings.people}, {f.pk for f in findings.films}
        for credit in Credit.objects.filter(pk__in=linked).select_related("person", "film").order_by("pk"):
            if credit.person_id not in people and credit.film_id not in films:
                unmentioned.append({"credit": credit.pk, "label": str(credit)})
    return {"suggestions": suggestions, "unmentioned": unmentioned, "unmatched": unmatched_names(text, findings)}
