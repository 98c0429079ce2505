"""What suggest() returns: plain dataclasses the import screen, the story form and the API all read."""

from dataclasses import dataclass, field
from typing import NamedTuple

STRONG, WEAK = "strong", "weak"


class Span(NamedTuple):
    """Where the copy names someone or something: text[start:end]."""

    start: int
    end: int


@dataclass
class Alternative:
    """Another title written the same way, for the editor to switch to."""

    film: object  # films.Film
    top_cast: list = field(default_factory=list)  # names of its first-billed cast


@dataclass
class CreditSuggestion:
    person: object  # people.Person
    film: object  # films.Film
    role: str
    character: str = ""
    evidence: str = ""  # the sentence that says so
    highlights: list = field(default_factory=list)  # the names and titles to mark in the evidence
    strength: str = STRONG  # "strong" (same sentence or paragraph) or "weak" (only the same story)
    alternatives: list = field(default_factory=list)  # [Alternative]: other titles with the same name
    credit: object = None  # the films.Credit on file, or None when confirming would create it
    linked: bool = False  # already linked to the article passed in

    @property
    def action(self):
        if self.credit is None:
            return "new credit"
        if self.character and not self.credit.character:
            return "adds the character"
        return "credit on file"


@dataclass
class Unmatched:
    kind: str  # "person", "title", "outlet" or "character"
    text: str
    evidence: str = ""
    year: int | None = None  # for a title, the year the copy gives it


@dataclass
class SourceSuggestion:
    name: str  # the outlet as the copy names it
    credited_as: str  # the phrase: "reports The Wrap", "With inputs from PTI"
    source: object = None  # articles.Source when on file, else None (confirming creates it)


@dataclass
class RelationshipSuggestion:
    person: object
    other: object
    kind: str  # people.Relationship.Kind value
    since_year: int | None = None
    evidence: str = ""
    on_file: bool = False


@dataclass
class Suggestions:
    """Credits come at once; sources, relationships and unmatched on first reading (their queries only then)."""

    credits: list = field(default_factory=list)
    people: list = field(default_factory=list)  # people found, in story order
    titles: list = field(default_factory=list)  # titles found, in story order
    spans: dict = field(default_factory=dict)  # ("person" | "title", pk) -> [Span] where the copy names them
    extras: object = field(default=None, repr=False)  # () -> {"sources": …, "relationships": …, "unmatched": …}

    @property
    def strong(self):
        return [s for s in self.credits if s.strength == STRONG]

    def _extra(self, name):
        if callable(self.extras):
            self.extras = self.extras()
        return (self.extras or {}).get(name, [])

    @property
    def sources(self):
        return self._extra("sources")

    @property
    def relationships(self):
        return self._extra("relationships")

    @property
    def unmatched(self):
        return self._extra("unmatched")
