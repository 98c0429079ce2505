"""Evidence: how close a person and a title are in the copy, and the characters the copy gives people."""

import re
from dataclasses import dataclass

SENTENCE, PARAGRAPH, STORY = 3, 2, 1

_NAME_WORD = r"[A-Z](?:\.|[\w'’-]*)"  # a word or an initial; a full stop after a word ends the name
CHARACTER = rf"(?P<character>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|the|de|van|von)){{0,3}}(?<![\s.]))"
ACTING = r"(?:plays|played|playing|play|portrays?|portrayed|portraying|voices|voiced|stars? as|starring as|starred as|co-stars? as|co-starred as|co-starring as|cast as|returns as|returned as|reprises? (?:her|his|their) role as|reprising (?:her|his|their) role as)"
CHARACTER_CUES = [
    # "as a security guard named Stan", "plays a chef called Carmy"
    re.compile(rf"\b(?:as|{ACTING}) (?:an? |the )?(?:[\w,-]+ ){{0,6}}?(?:named|called) {CHARACTER}"),
    # "Sedgwick's character Cynthia", "her role as Abby"
    re.compile(rf"(?P<owner>{_NAME_WORD})(?:'s|’s) (?:character|role)(?: as)?,? {CHARACTER}"),
    # "plays the villain Joker", "starred as Abby"
    re.compile(rf"\b{ACTING} (?:the |a )?(?:(?:[a-z-]+ ){{0,2}}?){CHARACTER}"),
    # "in the role of Landa", "Bacon, 65, as Stan"
    re.compile(rf"\b(?:in the role of|as) (?:the )?(?:(?:[a-z-]+ ){{0,2}}?){CHARACTER}(?!['’]s)"),
    # "Joker, played by Joaquin Phoenix"
    re.compile(rf"{CHARACTER},? (?:played|portrayed|voiced) by (?P<actor>{_NAME_WORD})"),
]
# "…, and Sean Quill plays…": someone the database lacks takes the role, not the last person it knows.
SOMEONE_ELSE = re.compile(r"(?:[,;]|\band\b)\s+(?:and\s+)?[A-Z][\w'’-]+ [A-Z][\w'’-]+\s+(?![a-z]*['’]s)")
ACTING_WORDS = re.compile(r"\b(?:star|play|cast|role|appear|return|co-star|portray|voice|reprise)", re.IGNORECASE)


@dataclass
class CharacterClaim:
    character: str
    owner: object  # a PersonMention
    sentence: int
    start: int


class Places:
    """The sentences and paragraphs where something is mentioned, for constant-time closeness checks."""

    def __init__(self, doc, offsets):
        self.sentences = {doc.sentence_of(o) for o in offsets}
        self.paragraphs = {}
        for sentence in sorted(self.sentences):
            self.paragraphs.setdefault(doc.sentence_paragraph[sentence], sentence)


def proximity(a, b):
    """SENTENCE, PARAGRAPH or STORY: the closest two mentioned things come (Places), and the sentence that shows it."""
    small, large = (a, b) if len(a.sentences) <= len(b.sentences) else (b, a)
    if shared := [s for s in small.sentences if s in large.sentences]:
        return SENTENCE, min(shared)
    in_paragraph = [sentence for paragraph, sentence in b.paragraphs.items() if paragraph in a.paragraphs]
    if in_paragraph:
        return PARAGRAPH, min(in_paragraph)
    return STORY, min(b.sentences)


def character_claims(doc, person_mentions, taken_by_people):
    """Each character phrase, owned by the person the sentence gives it to (never the object of "with whom")."""
    by_sentence = {}
    for mention in person_mentions:
        by_sentence.setdefault(doc.sentence_of(mention.start), []).append(mention)
    claims, seen = [], set()
    for cue_number, cue in enumerate(CHARACTER_CUES):
        for match in cue.finditer(doc.text):
            start = match.start("character")
            if start in seen or not taken_by_people.free(start, match.end("character")):
                continue  # already read, or "as Kevin Bacon": a person, not a character
            sentence = doc.sentence_of(start)
            here = sorted(by_sentence.get(sentence, []), key=lambda m: m.start)
            owner = _owner(doc, match, here, cue_number)
            if owner is None:
                continue
            seen.add(start)
            claims.append(CharacterClaim(match["character"], owner, sentence, start))
    return sorted(claims, key=lambda claim: claim.start)


def _owner(doc, match, here, cue_number):
    if match.groupdict().get("owner"):
        return next((m for m in here if m.start == match.start("owner")), None)
    if match.groupdict().get("actor"):
        return next((m for m in here if m.start == match.start("actor")), None)
    # "Almodóvar's Parallel Mothers": a name in the possessive owns the title, not the role.
    before = [m for m in here if m.end <= match.start() and doc.text[m.end : m.end + 2] not in ("'s", "’s")]
    if not before:
        return None
    if SOMEONE_ELSE.search(doc.text[before[-1].end : match.start()]):
        return None
    if cue_number == 3:  # a bare "as": only where the sentence is about acting, or right after the name
        sentence_start = doc.sentence_starts[doc.sentence_of(match.start())]
        gap = doc.text[before[-1].end : match.start()]
        if not (ACTING_WORDS.search(doc.text[sentence_start : match.start()]) or re.fullmatch(r"[\s,\d]*", gap)):
            return None
    return before[-1]
