"""Cut candidate names and titles out of the copy: runs of capitalised words and their sub-spans, keyed.

Work is linear in the copy (each word starts at most MAX_NAME_WORDS / MAX_TITLE_WORDS spans), never in the
database: these keys are what the index is asked about.
"""

from dataclasses import dataclass

from .normalise import NAME_SUFFIXES, PARTICLES, name_key, title_key

MAX_NAME_WORDS = 5
MAX_TITLE_WORDS = 10
# Lower-case words a title keeps inside it ("The King of Queens", "A Star Is Born" has only capitals).
TITLE_SMALL_WORDS = frozenset(
    "a an and the of in on at to for with from by or nor but vs into upon over under my your his her our their it"
    " its no not is are be de la le del".split()
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    key: str
    text: str
    words: int


def _joinable(doc, left, right, *, for_title):
    gap = doc.text[left.end : right.start]
    if left.possessive and not for_title:  # "Bacon's Loverboy" is two things; "Schindler's List" is one title
        return False
    if gap == " ":
        return True
    if gap in (". ", ".") and (len(left.text) == 1 or left.text.lower() in NAME_SUFFIXES | {"st", "mr", "dr", "mrs"}):
        return True
    if gap == ", " and right.text.lower() in NAME_SUFFIXES and not for_title:
        return True  # "Sammy Davis, Jr."
    return for_title and gap in (": ", " - ", " – ", "-")


def _runs(doc, *, for_title):
    """Maximal runs of word indexes that may form one name (or one title)."""
    tokens, runs, current = doc.tokens, [], []
    inner_words = TITLE_SMALL_WORDS if for_title else PARTICLES
    for index, token in enumerate(tokens):
        opens = token.capitalised or (for_title and token.is_number)
        inner = token.text.lower() in inner_words  # may sit inside a run, never open one
        if current and (opens or inner) and _joinable(doc, tokens[current[-1]], token, for_title=for_title):
            current.append(index)
            continue
        if current:
            runs.append(current)
        current = [index] if opens else []
    if current:
        runs.append(current)
    return runs


def name_spans(doc):
    """Every 2-5 word sub-span of a capitalised run, not starting or ending on a particle."""
    tokens, spans = doc.tokens, []
    for run in _runs(doc, for_title=False):
        for i, first in enumerate(run):
            if tokens[first].text.lower() in PARTICLES:
                continue
            for last in run[i + 1 : i + MAX_NAME_WORDS]:
                if tokens[last].text.lower() in PARTICLES:
                    continue
                end = tokens[last].start + len(tokens[last].text)
                text = doc.text[tokens[first].start : end]
                if key := name_key(text):
                    spans.append(Span(tokens[first].start, end, key, text, last - first + 1))
    return spans


def title_spans(doc):
    """Every sub-span of a title-like run that starts and ends on a capital (or a number), plus quoted spans."""
    tokens, spans = doc.tokens, []
    for run in _runs(doc, for_title=True):
        for i, first in enumerate(run):
            head = tokens[first]
            if not head.capitalised:
                continue
            for last in run[i : i + MAX_TITLE_WORDS]:
                tail = tokens[last]
                if not (tail.capitalised or tail.is_number):
                    continue
                variants = {tail.start + len(tail.text)}
                if tail.possessive and last != first + MAX_TITLE_WORDS:
                    variants.add(tail.end)  # "Schindler's List" or "Connescence's"
                for end in variants:
                    text = doc.text[head.start : end]
                    if key := title_key(text):
                        spans.append(Span(head.start, end, key, text, last - first + 1))
    for start, end in doc.quoted:
        text = doc.text[start:end].strip()
        if 0 < len(text.split()) <= MAX_TITLE_WORDS and (key := title_key(text)):
            spans.append(Span(start, end, key, text, len(text.split())))
    return spans


def name_runs(doc):
    """(start, end, words) of each run of capitalised words: a possible name the database may lack."""
    tokens = doc.tokens
    for run in _runs(doc, for_title=False):
        last = tokens[run[-1]]
        yield tokens[run[0]].start, last.start + len(last.text), [tokens[i].text for i in run]
