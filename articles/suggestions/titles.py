"""Titles in the copy: which candidate spans read as titles, and which of several same-name titles is meant."""

import re
from dataclasses import dataclass, field

from films.models import Film

from .normalise import is_common

K = Film.Kind
# What the copy calls a title, and the kinds that fits.
KIND_WORDS = {
    "film": {K.MOVIE, K.TV_MOVIE},
    "movie": {K.MOVIE, K.TV_MOVIE},
    "feature": {K.MOVIE},
    "biopic": {K.MOVIE},
    "documentary": {K.MOVIE, K.TV_MOVIE, K.TV_SERIES},
    "sequel": {K.MOVIE},
    "remake": {K.MOVIE},
    "thriller": {K.MOVIE, K.TV_SERIES},
    "drama": {K.MOVIE, K.TV_SERIES, K.TV_MINI_SERIES},
    "comedy": {K.MOVIE, K.TV_SERIES},
    "musical": {K.MOVIE},
    "series": {K.TV_SERIES, K.TV_MINI_SERIES},
    "show": {K.TV_SERIES, K.TV_SPECIAL},
    "sitcom": {K.TV_SERIES},
    "miniseries": {K.TV_MINI_SERIES},
    "limited series": {K.TV_MINI_SERIES},
    "special": {K.TV_SPECIAL},
    "telecast": {K.TV_SPECIAL},
    "tv film": {K.TV_MOVIE},
    "tv movie": {K.TV_MOVIE},
    "short": {K.SHORT, K.TV_SHORT},
}
_KIND = "|".join(sorted((re.escape(w) for w in KIND_WORDS), key=len, reverse=True))
KIND_BEFORE = re.compile(rf"\b(?P<kind>{_KIND})(?:,|:)?\s+$", re.IGNORECASE)
YEAR_BEFORE = re.compile(r"\b(?P<year>(?:19|20)\d\d)(?:['’]s\s+|\s+(?:[\w-]+\s+)?(?=$))$")
YEAR_AFTER = re.compile(r"^['’]?\s*\((?P<year>(?:19|20)\d\d)\)|^,?\s+(?:released )?in (?P<late>(?:19|20)\d\d)\b")
KIND_AFTER = re.compile(rf"^\s+(?:TV |television )?(?P<kind>{_KIND})\b", re.IGNORECASE)
CHARACTER_BEFORE = re.compile(r"\b(?:as|named|called|plays|played|playing|portrays|portrayed)\s+$")
USUAL_KINDS = {K.MOVIE, K.TV_SERIES, K.TV_MINI_SERIES}
# The likeliest other titles of the same name an editor is shown (IMDb has hundreds called "Home").
MAX_ALTERNATIVES = 5
# Words that open sentences by the thousand: titles too ("The", "When"), but only ever read as such when quoted.
FUNCTION_WORDS = frozenset(
    "a an the and but or so as at by for from in into of on to with when while where after before if though since"
    " until because this that these those there here it its he she they we you i his her their our my your how what"
    " who why which one two no yes not".split()
)


# Words that put a title in its place: "in Her", "directed Us", "Howard's Rush" (a possessive), "the Golden Globes".
LEADS_TO_TITLE = FUNCTION_WORDS - {"a", "an"} | {
    "directed", "wrote", "produced", "starred", "made", "shot", "released", "filmed", "scored", "edited", "created",
    "co-wrote", "remade", "watched", "voiced", "about", "including", "like", "film", "movie", "series", "show",
}  # fmt: skip
FOLLOWS_TITLE = FUNCTION_WORDS | {
    "is",
    "was",
    "won",
    "will",
    "has",
    "had",
    "made",
    "became",
    "opened",
    "earned",
    "until",
}


def reads_as_words(doc, span):
    """ "an Oscar", "actress Oscar", "Oscar nomination", "Her performance": common words in a phrase, not a title."""
    before = doc.text[max(0, span.start - 25) : span.start].split()
    previous = before[-1] if before else ""
    if previous and not previous.endswith(("'s", "’s", ",", ":")) and previous.islower():
        if previous not in LEADS_TO_TITLE:
            return True
    after = doc.text[span.end : span.end + 25]
    if after[:1] == " " and (following := after.split()[0] if after.split() else "").isalpha() and following.islower():
        verb_like = following.endswith(("s", "ed", "ing"))
        return following not in FOLLOWS_TITLE and not verb_like
    return False


@dataclass
class TitleMention:
    start: int
    end: int
    text: str
    key: str
    year: int | None = None  # the year the copy gives it
    kinds: set = field(default_factory=set)  # the kinds the copy's words allow
    cued: bool = False  # quoted, italic, a year or "the film X": it reads as a title on its own
    needs: str = ""  # "", "story" or "sentence": how close a credit of someone named must be
    candidates: list = field(default_factory=list)
    film: object = None
    alternatives: list = field(default_factory=list)


def read_mention(doc, span):
    """What the words around a candidate span say about it; None when it cannot be a title."""
    before = doc.text[max(0, span.start - 40) : span.start]
    after = doc.text[span.end : span.end + 40]
    quoted = doc.quoted_exactly(span.start, span.end) or doc.quoted_exactly(span.start - 1, span.end + 1)
    if not quoted and CHARACTER_BEFORE.search(before):
        return None  # "starred as Abby": a character, not the title Abby
    mention = TitleMention(span.start, span.end, span.text, span.key)
    if match := YEAR_BEFORE.search(before):
        mention.year = int(match["year"])
    elif match := YEAR_AFTER.match(after):
        mention.year = int(match["year"] or match["late"])
    if match := KIND_BEFORE.search(before) or KIND_AFTER.match(after):  # "the film Dune", "the Fargo TV series"
        mention.kinds = KIND_WORDS[match["kind"].lower()]
    mention.cued = bool(quoted or mention.year or mention.kinds)
    single = span.words == 1
    if single and not quoted and span.key in FUNCTION_WORDS and doc.is_sentence_start(span.start):
        return None  # "The", "When" opening a sentence
    if len(span.key) == 1 and not quoted:
        return None  # "the film I dreamed of": a one-letter title ("M", "Z") only in quotes
    if mention.cued:
        mention.needs = ""
    elif is_common(span.key):
        if reads_as_words(doc, span):
            return None
        mention.needs = "sentence"  # "Her", "Home", "Sunday Night": a credit of someone in the same sentence
    elif single and doc.is_sentence_start(span.start):
        mention.needs = "sentence"  # a capital that may only open a sentence
    elif single:
        mention.needs = "story"  # a lone unusual word: a credit of anyone the story names
    return mention


def choose(mention, *, credit_evidence, story_year):
    """Settle a mention on one of its same-name titles: the copy's year and kind, who is named near it, recency."""

    def score(film):
        points = 0.0
        if mention.year:
            points += 100 if film.year == mention.year else -50
        if mention.kinds:
            points += 40 if film.kind in mention.kinds else -20
        points += 15 * credit_evidence.get(film.pk, 0)
        if film.kind in USUAL_KINDS:
            points += 3
        year = film.year or story_year
        if year > story_year + 2:
            points -= 10  # not out when the story was written
        return points + year / 10000

    ranked = sorted(mention.candidates, key=score, reverse=True)
    mention.film, mention.alternatives = ranked[0], ranked[1 : MAX_ALTERNATIVES + 1]
    return mention
