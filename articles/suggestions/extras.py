"""Beyond credits: the outlets the copy credits, the relationships it states, and what matched nothing."""

import re
from bisect import bisect_left

from people.models import Relationship

from ..story_text import find_outlets
from .candidates import name_runs
from .normalise import COMMON_WORDS
from .results import RelationshipSuggestion, SourceSuggestion, Unmatched
from .titles import KIND_BEFORE, YEAR_BEFORE

R = Relationship.Kind
RELATION_WORDS = {
    "wife": R.SPOUSE,
    "husband": R.SPOUSE,
    "spouse": R.SPOUSE,
    "partner": R.PARTNER,
    "girlfriend": R.PARTNER,
    "boyfriend": R.PARTNER,
    "fiancee": R.PARTNER,
    "fiancée": R.PARTNER,
    "fiance": R.PARTNER,
    "fiancé": R.PARTNER,
    "ex-wife": R.FORMER_SPOUSE,
    "ex-husband": R.FORMER_SPOUSE,
}
_RELATION = "|".join(sorted(RELATION_WORDS, key=len, reverse=True))
RELATION_OF = re.compile(
    rf"\b(?P<whose>[Hh]is|[Hh]er|[A-Z][\w'’-]*(?:'s|’s)) (?:longtime |late )?(?P<rel>{_RELATION}),? "
)
MARRIAGE = re.compile(r"\b(?:married|wedding anniversary|husband and wife|wife and husband|divorced)\b")
SINCE = re.compile(r"\b(?:since|in) (?P<year>(?:19|20)\d\d)\b")
ANNIVERSARY = re.compile(r"\b(?P<n>\d{1,2})(?:st|nd|rd|th) wedding anniversary")
COUPLE = re.compile(r"\b(?:the couple|the pair|the two|they)\b", re.IGNORECASE)
ROLE_NOUNS = frozenset(
    "actor actress director filmmaker star co-star producer writer creator showrunner singer rapper comedian husband"
    " wife partner girlfriend boyfriend newcomer model composer author".split()
)
SPEECH_AFTER = re.compile(r"^,? (?:said|says|told|added|who|stars|plays|directed|wrote|joins|joined)\b")


def outlet_suggestions(doc, sources_by_name, person_mentions):
    """Every credited outlet, on file or new ("reports The Wrap", "With inputs from PTI"), first credit first."""
    taken = {(m.start, m.end) for m in person_mentions}
    found = {}
    for credit in find_outlets(doc.text):
        name = credit.name
        start = doc.text.find(name, credit.offset)
        if (start, start + len(name)) in taken:
            continue
        source = sources_by_name.get(name.lower()) or sources_by_name.get(name.lower().removeprefix("the "))
        if source is None and name.lower() in COMMON_WORDS:
            continue
        key = source.pk if source else name.lower()
        found.setdefault(
            key, SourceSuggestion(name=source.name if source else name, credited_as=credit.credited_as, source=source)
        )
    return list(found.values())


def outlet_names(doc):
    return {credit.name for credit in find_outlets(doc.text)} | {
        credit.name.removeprefix("The ") for credit in find_outlets(doc.text)
    }


def relationships(doc, mentions, subjects, *, story_year, on_file_between):
    """Relationships the copy states: "his wife X", "X's husband Y", "married since 2003", "35th wedding anniversary"."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    by_sentence = {}
    for mention in mentions:
        by_sentence.setdefault(doc.sentence_of(mention.start), []).append(mention)
    found, ordered = {}, sorted(subjects)

    def add(a, b, kind, year, sentence):
        if a is None or b is None or a.person is None or b.person is None or a.person.pk == b.person.pk:
            return
        pair = frozenset((a.person.pk, b.person.pk))
        if (pair, kind) in found:
            found[(pair, kind)].since_year = found[(pair, kind)].since_year or year
            return
        found.setdefault(
            (pair, kind),
            RelationshipSuggestion(
                person=a.person,
                other=b.person,
                kind=kind,
                since_year=year,
                evidence=doc.sentence_text(sentence),
            ),
        )

    for match in RELATION_OF.finditer(doc.text):
        sentence = doc.sentence_of(match.start())
        whose = match["whose"]
        if whose.lower() in ("his", "her"):
            owner = subjects.get(sentence) or _last_subject(subjects, ordered, sentence)
        else:
            owner = by_end.get(match.start() + len(whose) - 2)
        add(owner, by_start.get(match.end()), RELATION_WORDS[match["rel"].lower()], None, sentence)

    last_pair = None
    for sentence in range(len(doc.sentence_starts)):
        people = _distinct(by_sentence.get(sentence, []))
        text = doc.sentence_text(sentence)
        pair = people[:2] if len(people) >= 2 else (last_pair if COUPLE.search(text) else None)
        if len(people) >= 2:
            last_pair = people[:2]
        if not pair or not MARRIAGE.search(text):
            continue
        year = None
        if match := SINCE.search(text):
            year = int(match["year"])
        elif match := ANNIVERSARY.search(text):
            year = story_year - int(match["n"])
        kind = R.FORMER_SPOUSE if "divorced" in text else R.SPOUSE
        add(pair[0], pair[1], kind, year, sentence)
    if found:  # asked only when the copy states a relationship
        on_file = on_file_between({pk for pair, _ in found for pk in pair})
        for (pair, _), suggestion in found.items():
            suggestion.on_file = pair in on_file
    return list(found.values())


def _distinct(mentions):
    seen, people = set(), []
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.person is not None and mention.person.pk not in seen:
            seen.add(mention.person.pk)
            people.append(mention)
    return people


def _last_subject(subjects, ordered, sentence):
    index = bisect_left(ordered, sentence)
    return subjects[ordered[index - 1]] if index else None


def unmatched_people(doc, taken, outlets):
    """Names the copy gives someone ("actor Sam Rivera said") that the database does not hold."""
    found = {}
    for start, end, words in name_runs(doc):
        cue = False
        while words and (words[0].lower() in ROLE_NOUNS or words[0].lower() in COMMON_WORDS):
            cue = cue or words[0].lower() in ROLE_NOUNS  # "Newcomer Sam Rivera", "Actor Sam Rivera"
            start = doc.text.find(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        text = doc.text[start:end]
        if not 2 <= len(words) <= 4 or not taken.free(start, end) or text in outlets:
            continue
        if any(word.lower() in COMMON_WORDS for word in words):
            continue
        before = doc.text[max(0, start - 30) : start].split()
        cue = cue or (before and before[-1].lower().strip(",") in ROLE_NOUNS)
        if cue or SPEECH_AFTER.match(doc.text[end : end + 20]):
            found.setdefault(text, Unmatched("person", text, doc.sentence_text(doc.sentence_of(start))))
    return list(found.values())


def unmatched_titles(doc, spans, taken):
    """Titles the copy sets off (quoted, italic, "the film X", "2019's X") that the database does not hold."""
    found = {}
    for span in spans:
        if not taken.free(span.start, span.end):
            continue
        before = doc.text[max(0, span.start - 40) : span.start]
        quoted = doc.quoted_exactly(span.start, span.end)
        year = YEAR_BEFORE.search(before)
        if not (quoted or year or KIND_BEFORE.search(before)):
            continue
        if not quoted and doc.text[span.end : span.end + 1].isalpha():
            continue
        longest = found.get(span.start)
        if longest is None or span.end > longest[0]:
            found[span.start] = (
                span.end,
                Unmatched(
                    "title",
                    span.text,
                    doc.sentence_text(doc.sentence_of(span.start)),
                    int(year["year"]) if year else None,
                ),
            )
    return [item for _, item in sorted(found.values(), key=lambda pair: pair[1].text)]
