"""People in the copy: full names (longest first), then surnames once a full name has been given, then pronouns."""

import re
from dataclasses import dataclass, field

from unidecode import unidecode

PRONOUNS = frozenset({"he", "she"})
# "The German-Spanish actor", "the star": stands for someone named before, like a pronoun.
DESCRIBED = re.compile(r"\b[Tt]he (?:[\w-]+ ){0,2}?(?P<noun>actor|actress|star|filmmaker|director)\b(?! of\b)")
# A name right after these words is an object ("with whom", "alongside Coen"), not the one doing the acting.
OBJECT_MARKERS = frozenset(
    "with whom by alongside opposite and to of for from about meeting met married than like against beside in on at"
    " as".split()
)


@dataclass
class PersonMention:
    start: int
    end: int
    text: str
    key: str
    candidates: list  # people sharing this name key; the engine settles on one
    kind: str = "full"  # "full", "surname" or "pronoun"
    person: object = None
    alternatives: list = field(default_factory=list)


class Taken:
    """Which characters of the copy a mention already owns (linear memory, constant-time checks per character)."""

    def __init__(self, size):
        self.marks = bytearray(size)

    def free(self, start, end):
        return not any(self.marks[start:end])

    def take(self, start, end):
        self.marks[start:end] = b"\x01" * (end - start)


def full_names(spans, people_by_key, taken):
    matched = [span for span in spans if span.key in people_by_key]
    matched.sort(key=lambda span: (-(span.end - span.start), span.start))
    mentions = []
    for span in matched:
        if taken.free(span.start, span.end):
            taken.take(span.start, span.end)
            mentions.append(PersonMention(span.start, span.end, span.text, span.key, people_by_key[span.key]))
    return sorted(mentions, key=lambda m: m.start)


def surnames(doc, mentions, taken):
    """ "Bacon" after "Kevin Bacon", unless two people named in the story share the surname."""
    first_seen, owners = {}, {}
    for mention in mentions:
        surname = mention.key.split()[-1]
        owners.setdefault(surname, set()).add(mention.key)
        first_seen.setdefault(mention.key, mention)
    found = []
    for token in doc.tokens:
        if not token.capitalised:
            continue
        surname = unidecode(token.text).lower()
        keys = owners.get(surname)
        if not keys or len(keys) != 1:
            continue
        full = first_seen[next(iter(keys))]
        end = token.start + len(token.text)
        if token.start > full.start and taken.free(token.start, end):
            taken.take(token.start, end)
            found.append(PersonMention(token.start, end, token.text, full.key, full.candidates, kind="surname"))
    return found


def _previous_word(doc, offset):
    index = doc.token_index(offset - 1)
    return doc.tokens[index].text.lower() if index >= 0 else ""


def sentence_subjects(doc, mentions, *, possessive_too=False):
    """Per sentence, the person it is about: its first named person who is not the object of a preposition.

    A name in the possessive ("McDormand's career began") is a subject only when asked for (a fallback).
    """
    subjects = {}
    for mention in mentions:
        sentence = doc.sentence_of(mention.start)
        possessive = doc.text[mention.end : mention.end + 2] in ("'s", "’s")
        if sentence in subjects or (possessive and not possessive_too):
            continue
        if _previous_word(doc, mention.start) not in OBJECT_MARKERS:
            subjects[sentence] = mention
    return subjects


def pronouns(doc, mentions):
    """ "he"/"she" as the sentence's subject, else the last subject before; left out when there is none."""
    subjects = sentence_subjects(doc, mentions)
    fallbacks = sentence_subjects(doc, mentions, possessive_too=True)
    found, last_subject, last_sentence = [], None, -1
    ordered_subjects = sorted(subjects.items())
    cursor = 0
    words = [(t.start, t.end, t.text) for t in doc.tokens if t.text.lower() in PRONOUNS]
    words += [(m.start("noun"), m.end("noun"), m.group(0)) for m in DESCRIBED.finditer(doc.text)]
    for start, end, text in sorted(words):
        sentence = doc.sentence_of(start)
        while cursor < len(ordered_subjects) and ordered_subjects[cursor][0] < sentence:
            last_subject, last_sentence = ordered_subjects[cursor][1], ordered_subjects[cursor][0]
            cursor += 1
        here = [m for m in (subjects.get(sentence), fallbacks.get(sentence)) if m is not None and m.start < start]
        subject = here[0] if here else last_subject
        if subject is None or (subject is last_subject and sentence - last_sentence > 3):
            continue  # too far from anyone named to say who
        found.append(PersonMention(start, end, text, subject.key, subject.candidates, kind="pronoun"))
    return found


def single_names(doc, people_by_key, taken, *, common):
    """One-word names ("Zendaya"): candidates only; the engine keeps those with a credit on a title named."""
    found = []
    for token in doc.tokens:
        key = unidecode(token.text).lower()
        if not token.capitalised or key in common or key not in people_by_key:
            continue
        people = [p for p in people_by_key[key] if " " not in p.name_key]
        end = token.start + len(token.text)
        if people and taken.free(token.start, end):
            found.append(PersonMention(token.start, end, token.text, key, people, kind="single"))
    return found


def single_name_keys(doc, *, common):
    return {
        key
        for token in doc.tokens
        if token.capitalised and len(token.text) >= 3 and (key := unidecode(token.text).lower()) not in common
    }
