"""Raw scraped story text → the parts of a story: date, headline, body blocks, quotes, cited sources.

Pure text work, no database: `parse_story(text, source_names=...)` returns a ParsedStory. The importer
(articles/story_import.py) turns it into a draft and matches people and titles.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime

# Lines (or line endings) scrapers leave behind: ads, promos, share bars.
NOISE_LINE = re.compile(
    r"^(?:advertisement|advertisment|ad|sponsored|also read:?.*|read more:?.*|read also:?.*|story continues below.*"
    r"|continue reading.*|subscribe.*|sign up.*|click here.*|follow us.*|share this.*|share|trending|recommended.*"
    r"|you may also like.*|related:?.*|photo:.*|image:.*|image credit:.*|watch:?)$",
    re.IGNORECASE,
)
NOISE_WORD = re.compile(r"\b(?:Advertisement|ADVERTISEMENT|Story continues below)\b\s*")
DATE_LINE = re.compile(
    r"^\s*(?:date|published|updated|posted(?: on)?)?:?\s*"
    r"(?P<iso>\d{4}-\d{2}-\d{2})?(?P<long>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})?\b",
    re.IGNORECASE,
)
WIRE_CREDIT = re.compile(r"^\(?\s*(?P<credit>with inputs from [^()]+?)\s*\)?\.?$", re.IGNORECASE)
QUOTE = re.compile(r"[\"“](?P<text>[^\"“”]+)[\"”]")
CITE = re.compile(r"‘(?P<title>[^‘’]+)’")
SPEECH_VERBS = r"said|says|told|tells|shared|added|adds|explained|wrote|recalled|noted|revealed|continued|stated"
SPEAKER_AFTER_VERB = re.compile(r"^(?:reads|read|says|said)\s+(?P<who>the [\w ]+?)\s*(?:,|$|\.)", re.IGNORECASE)
SPEAKER_BEFORE_VERB = re.compile(rf"^(?P<who>[^,.]{{1,60}}?)\s+(?:{SPEECH_VERBS})\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9(])")


@dataclass
class Block:
    kind: str  # "paragraph", "subheading" or "credit" (the wire credit line)
    text: str

    @property
    def html(self):
        if self.kind == "subheading":
            return f"<h2>{html.escape(self.text, quote=False)}</h2>"
        if self.kind == "credit":
            return f"<p><small>({html.escape(self.text, quote=False)})</small></p>"
        return f"<p>{inline_html(self.text)}</p>"


@dataclass
class ParsedQuote:
    text: str
    speaker_name: str
    context: str
    paragraph: int


@dataclass
class SourceCitation:
    name: str  # the source's name as the database knows it
    credited_as: str  # the phrase, as the story has it
    offset: int


@dataclass
class ParsedStory:
    headline: str
    dateline: date | None
    blocks: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    @property
    def body_html(self):
        return "\n".join(block.html for block in self.blocks)

    @property
    def text(self):
        """The story's words, one block a line: what people and titles are matched against."""
        return "\n".join([self.headline, *(block.text for block in self.blocks)])


def inline_html(text):
    """Escape a paragraph, marking its quotations <q> and its single-quoted titles <cite>."""
    parts, last = [], 0
    for match in QUOTE.finditer(text):
        parts.append(_cites(text[last : match.start()]))
        parts.append(f"<q>{_cites(match['text'])}</q>")
        last = match.end()
    parts.append(_cites(text[last:]))
    return "".join(parts)


def _cites(text):
    escaped = html.escape(text, quote=False)
    return CITE.sub(lambda m: f"<cite>{m['title']}</cite>", escaped)


def _dateline(line):
    match = DATE_LINE.match(line)
    if not match or not (match["iso"] or match["long"]):
        return None
    if match["iso"]:
        return date.fromisoformat(match["iso"])
    value = match["long"].replace(".", "").replace(",", "")
    for pattern in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _is_heading(line):
    """Short, no closing full stop, not a quotation: a headline or a subheading."""
    words = line.split()
    return 2 <= len(words) <= 16 and not line.endswith((".", ",", ":", ";", ")")) and line[0] not in '"“‘('


def _clean(line):
    line = NOISE_WORD.sub("", line).strip()
    return re.sub(r"\s+", " ", line)


def parse_story(text, *, source_names=()):
    """Split raw scraped text into a story's parts; source_names are the sources the newsroom knows."""
    dateline, headline, blocks = None, "", []
    for raw_line in text.replace("\r\n", "\n").split("\n"):
        if dateline is None and not headline and not blocks and (found := _dateline(raw_line)):
            dateline = found
            continue
        line = _clean(raw_line)
        if not line or NOISE_LINE.match(line):
            continue
        if wire := WIRE_CREDIT.match(line):
            blocks.append(Block("credit", wire["credit"][0].upper() + wire["credit"][1:]))
        elif _is_heading(line):
            if headline:
                blocks.append(Block("subheading", line))
            else:
                headline = line
        else:
            blocks.append(Block("paragraph", line))
    if not headline and blocks:  # no heading-like line: the first sentence stands in
        first = blocks[0].text
        headline = SENTENCE_END.split(first, maxsplit=1)[0][:300]
    story = ParsedStory(headline=headline[:300], dateline=dateline, blocks=blocks)
    story.sources = find_sources(story.text, source_names)
    story.quotes = find_quotes(blocks)
    return story


@dataclass
class OutletCredit:
    name: str  # the outlet as written: "The Wrap", "PTI"
    credited_as: str  # the whole phrase: "reports The Wrap", "With inputs from PTI"
    offset: int


_OUTLET_WORD = r"[A-Z][\w&'’!-]*(?:\.[\w&'’-]+)*"
_OUTLET = rf"(?P<outlet>(?:The )?{_OUTLET_WORD}(?: (?:{_OUTLET_WORD}|of|and)){{0,3}})"
OUTLET_AFTER_CUE = re.compile(
    rf"\b(?i:reports|reported by|according to|as per|with inputs from|via)\s+{_OUTLET}"
    r"(?P<tail>\s+(?:magazine|newspaper|news agency|website|reported|reports))?"
)
OUTLET_BEFORE_CUE = re.compile(rf"{_OUTLET}\s+(?:was the first to report|first reported|reported|reports)\b")


def find_outlets(text):
    """Every outlet the text credits, as written, in text order; one pass per phrasing, so linear in the text."""
    found = []
    for match in OUTLET_AFTER_CUE.finditer(text):
        found.append(OutletCredit(match["outlet"], match.group(0), match.start()))
    for match in OUTLET_BEFORE_CUE.finditer(text):
        found.append(OutletCredit(match["outlet"], match.group(0), match.start()))
    return sorted(found, key=lambda credit: credit.offset)


def find_sources(text, names):
    """Sources the text credits ("reports People magazine", "Deadline was the first to report"), first credit first."""
    known = set(names)
    found = {}
    for credit in find_outlets(text):
        words = credit.name.split()
        # The outlet itself in its own letter case, possibly with words of the sentence around it.
        for size in range(len(words), 0, -1):
            for first in range(len(words) - size + 1):
                name = " ".join(words[first : first + size])
                if name in known and name not in found:
                    found[name] = SourceCitation(name=name, credited_as=_phrase(credit, name), offset=credit.offset)
    return sorted(found.values(), key=lambda citation: citation.offset)


def _phrase(credit, name):
    """The credit phrase cut down to the outlet: "Stone's film, Variety reported" -> "Variety reported"."""
    phrase = credit.credited_as
    at = phrase.find(name)
    if phrase.startswith(credit.name):  # the outlet before its verb
        return phrase[at:]
    return phrase[: at + len(name)] + phrase[phrase.find(credit.name) + len(credit.name) :]


def find_quotes(blocks):
    """Each quotation with who said it ("the synopsis", "Sedgwick") and the rest of its sentence as context."""
    quotes = []
    for number, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        for match in QUOTE.finditer(block.text):
            words = match["text"].strip().rstrip(",").strip()
            if len(words.split()) < 4:  # a scare-quoted word or a title, not a quotation
                continue
            after = block.text[match.end() : match.end() + 400].strip().lstrip(",").strip()  # bounded: linear
            attribution = SENTENCE_END.split(after, maxsplit=1)[0].rstrip(".").strip()
            speaker = ""
            if who := SPEAKER_AFTER_VERB.match(attribution):
                speaker = who["who"]
            elif who := SPEAKER_BEFORE_VERB.match(attribution):
                speaker = who["who"]
            quotes.append(ParsedQuote(text=words, speaker_name=speaker, context=attribution, paragraph=number))
    return quotes
