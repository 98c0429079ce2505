"""The copy as the engine reads it: paragraphs, sentences, words and quoted spans, with offsets, in linear time."""

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

# A word: letters/digits, inner hyphens and apostrophes ("O'Brien", "Sedgwick's", "co-star").
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*(?:['’](?=\s|$|[,.;:!?)]))?")
# Where a sentence may end: closing punctuation, optional closing quote/bracket, space, an opening capital.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# Abbreviations a full stop does not end a sentence after.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr jr sr st mt lt col gen capt sgt prof rev vs no vol jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Titles set off in the copy: ‘Space Oddity’, "Her", *Up*, _Rush_ (italics survive scraping as these).
QUOTED = re.compile(r"‘([^‘’\n]{1,120})’|“([^“”\n]{1,120})”|\"([^\"\n]{1,120})\"|\*([^*\n]{1,120})\*|_([^_\n]{1,120})_")
TAG = re.compile(r"<(/?)(\w+)[^>]*>")
BLOCK_TAGS = frozenset({"p", "br", "h1", "h2", "h3", "h4", "li", "div", "blockquote"})
ITALIC_TAGS = frozenset({"i", "em", "cite"})


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # without a possessive 's
    possessive: bool
    capitalised: bool

    @property
    def is_number(self):
        return self.text.isdigit()


class Document:
    """Offsets-first view of the copy; every lookup by offset is a binary search."""

    def __init__(self, text):
        self.text = text
        self.paragraph_starts, self.sentence_starts, self.sentence_paragraph = [], [], []
        offset = 0
        for line in text.split("\n"):
            if line.strip():
                self.paragraph_starts.append(offset)
                self._split_sentences(line, offset, len(self.paragraph_starts) - 1)
            offset += len(line) + 1
        self.tokens = [self._token(m) for m in WORD.finditer(text)]
        self.token_starts = [t.start for t in self.tokens]
        self.quoted = [(m.start() + 1, m.end() - 1) for m in QUOTED.finditer(text)]
        self._quoted_starts = [start for start, _ in self.quoted]

    def _split_sentences(self, line, offset, paragraph):
        self.sentence_starts.append(offset + len(line) - len(line.lstrip()))
        self.sentence_paragraph.append(paragraph)
        for match in SENTENCE_BREAK.finditer(line):
            before = line[max(0, match.start() - 12) : match.start()].split()
            word = before[-1].lower().strip('("“') if before else ""
            if len(word) == 1 and word.isalpha() or word in ABBREVIATIONS:
                continue  # "J. J. Abrams", "Robert Downey Jr. said"
            self.sentence_starts.append(offset + match.end())
            self.sentence_paragraph.append(paragraph)

    @staticmethod
    def _token(match):
        word = match.group(0)
        capital = word[0].isupper()
        if word.endswith(("'s", "’s")):
            return Token(match.start(), match.end(), word[:-2], True, capital)
        if word.endswith(("'", "’")):
            return Token(match.start(), match.end(), word[:-1], True, capital)
        return Token(match.start(), match.end(), word, False, capital)

    def sentence_of(self, offset):
        return max(bisect_right(self.sentence_starts, offset) - 1, 0)

    def paragraph_of(self, offset):
        return self.sentence_paragraph[self.sentence_of(offset)] if self.sentence_starts else 0

    def sentence_span(self, index):
        start = self.sentence_starts[index]
        following = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        end = self.text.find("\n", start, following)
        return start, following if end == -1 else end

    def sentence_text(self, index):
        start, end = self.sentence_span(index)
        return self.text[start:end].strip()

    def is_sentence_start(self, offset):
        index = self.sentence_of(offset)
        return self.text[self.sentence_starts[index] : offset].strip(' "“‘(') == "" if self.sentence_starts else True

    def quoted_exactly(self, start, end):
        """True when start..end is the whole of a quoted or italic span (‘Her’, *Up*)."""
        index = bisect_right(self._quoted_starts, start) - 1
        return index >= 0 and self.quoted[index] == (start, end)

    def inside_quotes(self, start, end):
        index = bisect_right(self._quoted_starts, start) - 1
        return index >= 0 and self.quoted[index][0] <= start and end <= self.quoted[index][1]

    def token_index(self, offset):
        return bisect_right(self.token_starts, offset) - 1


def plain_text(text):
    """Story-form HTML to the engine's plain text: blocks become lines, italics become *marks*."""
    if "<" not in text:
        return text

    def replace(match):
        name = match.group(2).lower()
        if name in BLOCK_TAGS:
            return "\n"
        if name in ITALIC_TAGS:
            return "*"
        return ""

    return html.unescape(TAG.sub(replace, text))
