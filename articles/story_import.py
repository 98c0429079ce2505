"""Import a story from raw text: a draft, plus credit suggestions an editor confirms or rejects.

    story_import = import_story(text=..., by=user)          # draft + pending suggestions, nothing linked
    decide(story_import, confirm=[...], reject=[...], by=user)  # links what the editor confirmed

Matching works from the text outwards, so its cost does not grow with the size of the people and title
tables: candidate names and titles are cut from the text and looked up by index in one query each.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from core.release import may_release
from films.models import Credit, Film
from people.models import Person

from . import workflow
from .models import Article, ArticleCredit, ArticleSource, CreditSuggestion, Quote, Source, StoryImport
from .story_text import SENTENCE_END, parse_story

WORD = re.compile(r"[\w][\w'’.-]*")
NAME_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "bin", "al", "st."}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
QUOTED_TITLE = '‘’"“”*_'
MAX_TITLE_WORDS = 10
PRONOUNS = {"he", "she", "they", "the actor", "the actress", "the star", "the director"}

# Characters: "as a security guard named Stan", "Sedgwick's character Cynthia", "plays Stan", "as Stan".
CHARACTER_NAME = r"(?P<character>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})"
CHARACTER_PATTERNS = [
    re.compile(
        rf"\b(?:as|play|plays|played|playing|portrays?|portraying) (?:an? |the )?[\w ,-]{{0,60}}?\b(?:named|called) "
        rf"{CHARACTER_NAME}"
    ),
    re.compile(rf"(?P<owner>[A-Z][\w'’-]+)(?:'s|’s) (?:character|role),? {CHARACTER_NAME}"),
    re.compile(rf"\b(?:plays|played|playing|portrays|portrayed|portraying|stars as|starring as) {CHARACTER_NAME}"),
    re.compile(rf"\b(?:in the role of|as) {CHARACTER_NAME}\b(?!['’]s)"),
]

# Words too common to be read as a one-word title ("Help", "Together", "It") wherever they are capitalised.
COMMON_WORDS = set(
    """a about after again all also an and another any are as at back be because been before being best big both
    but by can come could day did do does down each even every first for from get go going good great had has have
    he her here him his home how i if in into is it its just know last life like little long look love made make man
    many may me more most much must my never new next night no not now of off old on once one only or other our out
    over own people play right said same see she should so some still such take than that the their them then there
    these they thing think this those through time to together too two under up us very want was way we well were
    what when where which while who why will with without work world would year years yes yet you young your help
    family friends home movie film series show season star stars story monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november december""".split()
)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Mentions:
    people: dict = field(default_factory=dict)  # Person -> [Mention]
    films: dict = field(default_factory=dict)  # Film -> [Mention]

    def first(self, obj):
        spans = self.people.get(obj) or self.films.get(obj) or []
        return min((m.start for m in spans), default=10**9)

    def as_json(self):
        return {
            "people": [
                {"slug": p.slug, "name": p.name, "seen_as": sorted({m.text for m in ms})}
                for p, ms in self.people.items()
            ],
            "titles": [
                {"slug": f.slug, "title": str(f), "seen_as": sorted({m.text for m in ms})}
                for f, ms in self.films.items()
            ],
        }


def _words(text):
    """(start, end, word) for each word, trailing full stops and apostrophes left out."""
    words = []
    for match in WORD.finditer(text):
        word = match.group(0).rstrip(".'’-") or match.group(0)
        if re.fullmatch(r"(?:[A-Z]\.)+", match.group(0)):  # an initial keeps its full stop: "Michael J. Weithorn"
            word = match.group(0)
        words.append((match.start(), match.start() + len(word), word))
    return words


def _sentence_starts(text):
    starts = {0}
    for match in SENTENCE_END.finditer(text):
        starts.add(match.end())
    for match in re.finditer(r"\n\s*", text):
        starts.add(match.end())
    return starts


def _capitalised(word):
    return word[:1].isupper()


def find_people(text):
    """People named in full, then by surname alone when only one of them has it."""
    words = _words(text)
    candidates = {}
    for i in range(len(words)):
        if not _capitalised(words[i][2]):
            continue
        for j in range(i + 1, min(i + 6, len(words))):
            word = words[j][2]
            between = text[words[j - 1][1] : words[j][0]]
            if between.strip(" .") or "\n" in between:
                break
            if not (_capitalised(word) or word.lower() in NAME_PARTICLES):
                break
            span = text[words[i][0] : words[j][1]]
            name = POSSESSIVE.sub("", span)
            candidates.setdefault(name, []).append(Mention(words[i][0], words[i][0] + len(name), name))
    if not candidates:
        return {}
    people = {}
    for person in Person.objects.filter(name__in=list(candidates)).order_by("pk"):
        people[person] = list(candidates[person.name])
    # Full-name spans own their words; a longer name wins over a shorter one inside it.
    taken = []
    for person, spans in sorted(people.items(), key=lambda item: -len(item[0].name)):
        kept = [m for m in spans if not any(m.start < t.end and t.start < m.end for t in taken)]
        people[person] = kept
        taken += kept
    people = {person: spans for person, spans in people.items() if spans}
    surnames = {}
    for person in people:
        surnames.setdefault(person.name.split()[-1], set()).add(person.name)
    for person, spans in people.items():
        surname = person.name.split()[-1]
        if len(surnames[surname]) > 1:
            continue  # two people named here share it: "Stone" alone could be either
        first_full = min(m.start for m in spans)
        for match in re.finditer(rf"\b{re.escape(surname)}(?:'s|’s)?\b", text):
            if match.start() > first_full and not any(match.start() < t.end and t.start < match.end() for t in taken):
                spans.append(Mention(match.start(), match.start() + len(surname), surname))
    return people


def _title_ngrams(text):
    words = _words(text)
    grams = {}
    for i in range(len(words)):
        for j in range(i, min(i + MAX_TITLE_WORDS, len(words))):
            span = text[words[i][0] : words[j][1]]
            if "\n" in span:
                break
            for variant in {span, POSSESSIVE.sub("", span)}:
                grams.setdefault(variant.lower(), []).append((words[i][0], words[i][0] + len(variant), variant))
    return grams


def _title_occurrence_ok(title, occurrence, start, text, sentence_starts):
    """Titles match in any letter case, but short or common-word ones only where they read as a title."""
    words = title.split()
    significant = [w for w in words if w.lower() not in COMMON_WORDS]
    if start > 0 and text[start - 1] in QUOTED_TITLE:
        return True
    written_as_title = occurrence == title or all(
        _capitalised(w) for w in occurrence.split() if w.isalpha() and len(w) > 3
    )
    if len(words) == 1:
        if title.lower() in COMMON_WORDS or len(title) < 3 or not _capitalised(occurrence):
            return False
        return start not in sentence_starts  # "Help" opening a sentence is a verb more often than a film
    if written_as_title:
        return bool(significant) or start not in sentence_starts
    return len(words) >= 3 and bool(significant)


def find_films(text, *, people_spans=()):
    grams = _title_ngrams(text)
    if not grams:
        return {}
    sentence_starts = _sentence_starts(text)
    keys = list(grams)
    films = {}
    for chunk in range(0, len(keys), 5000):
        queryset = Film.objects.annotate(lower_title=Lower("title")).filter(lower_title__in=keys[chunk : chunk + 5000])
        for film in queryset.order_by("pk"):
            spans = [
                Mention(start, end, occurrence)
                for start, end, occurrence in grams[film.lower_title]
                if _title_occurrence_ok(film.title, occurrence, start, text, sentence_starts)
            ]
            if spans:
                films[film] = spans
    # A name is a name ("Kevin James" is not the film "James"); longer titles win over titles inside them.
    taken = list(people_spans)
    for film, spans in sorted(films.items(), key=lambda item: -len(item[0].title)):
        kept = [m for m in spans if not any(m.start < t.end and t.start < m.end for t in taken)]
        films[film] = kept
        taken += kept
    return {film: spans for film, spans in films.items() if spans}


def find_mentions(text):
    people = find_people(text)
    films = find_films(text, people_spans=[m for spans in people.values() for m in spans])
    return Mentions(people=people, films=films)


def _sentence_at(text, offset):
    start = max((s for s in _sentence_starts(text) if s <= offset), default=0)
    following = [s for s in _sentence_starts(text) if s > offset]
    end = min(following) if following else len(text)
    return start, end


@dataclass
class Suggestion:
    person: Person
    film: Film
    role: str
    character: str = ""
    credit: Credit | None = None
    evidence: str = ""


def find_characters(text, mentions, credits=()):
    """(person, character, film, sentence) for each character the text gives someone.

    The title is the one named in the same sentence; failing that, the one whose credit on file already has
    that character, or lacks one; failing that, the first title the story names (usually its subject).
    """
    found = []
    subject = min(mentions.films, key=mentions.first, default=None)
    for pattern in CHARACTER_PATTERNS:
        for match in pattern.finditer(text):
            character = match["character"]
            if any(m.start <= match.start("character") < m.end for ms in mentions.people.values() for m in ms):
                continue  # "as Kevin Bacon" names a person, not a character
            start, end = _sentence_at(text, match.start())
            owner = match.groupdict().get("owner")
            people = [
                (m.start, person)
                for person, spans in mentions.people.items()
                for m in spans
                if start <= m.start < match.start("character")
                and (owner is None or m.text == owner or person.name.split()[-1] == owner)
            ]
            if not people:
                continue
            person = max(people, key=lambda item: item[0])[1]  # the nearest name before the character
            in_sentence = [f for f, spans in mentions.films.items() if any(start <= m.start < end for m in spans)]
            acting = [c for c in credits if c.person_id == person.pk and c.role in Credit.ACTING_ROLES]
            same = [c.film for c in acting if c.character == character]
            blank = [c.film for c in acting if not c.character]
            if in_sentence:
                film = in_sentence[0]
            elif same or len(blank) == 1:
                film = (same or blank)[0]
            else:
                film = subject
            if film is not None:
                found.append((person, character, film, text[start:end].strip()[:500]))
    return found


def suggest_credits(text, mentions):
    """Credits between the people and titles the text names, plus characters it gives them, story order."""
    people, films = list(mentions.people), list(mentions.films)
    if not people or not films:
        return []
    on_file = list(Credit.objects.filter(person__in=people, film__in=films).select_related("person", "film"))
    suggestions = {}
    for credit in on_file:
        suggestions[credit.pk] = Suggestion(
            person=credit.person,
            film=credit.film,
            role=credit.role,
            character=credit.character,
            credit=credit,
            evidence=f"The story names {credit.person.name} and {credit.film.title}; the database holds this credit.",
        )
    extra = []
    for person, character, film, sentence in find_characters(text, mentions, on_file):
        evidence = f"“{sentence}”"
        same = [
            s for s in suggestions.values() if s.person == person and s.film == film and s.role in Credit.ACTING_ROLES
        ]
        if exact := [s for s in same if s.character == character]:
            exact[0].evidence = evidence
        elif blank := [s for s in same if not s.character]:
            blank[0].character, blank[0].evidence = character, evidence
        elif not any(s.person == person and s.film == film and s.character == character for s in extra):
            extra.append(
                Suggestion(person=person, film=film, role=Credit.Role.ACTOR, character=character, evidence=evidence)
            )
    ordered = sorted(
        [*suggestions.values(), *extra],
        key=lambda s: (mentions.first(s.film), s.credit.billing if s.credit else 10**6, mentions.first(s.person)),
    )
    return ordered


def _unique_slug(headline):
    base = slugify(headline)[:190] or "imported-story"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def import_story(*, text, by=None, section=None, file_name=""):
    """Make a draft story from raw text and store credit suggestions for it; links no credit."""
    sources = {source.name: source for source in Source.objects.all()}
    parsed = parse_story(text, source_names=list(sources))
    if not parsed.headline:
        raise ValueError("No story found in the text: it has no headline or paragraphs.")
    publish_at = None
    if parsed.dateline:
        publish_at = timezone.make_aware(datetime.combine(parsed.dateline, time(12, 0)))
    article = Article.objects.create(
        headline=parsed.headline,
        slug=_unique_slug(parsed.headline),
        body=parsed.body_html,
        section=section,
        state=Article.State.DRAFT,
        publish_at=publish_at,
        created_by=by,
    )
    for position, citation in enumerate(parsed.sources, start=1):
        ArticleSource.objects.create(
            article=article, source=sources[citation.name], credited_as=citation.credited_as, position=position
        )
    _add_quotes(article, parsed, sources)
    story_text = parsed.text
    mentions = find_mentions(story_text)
    story_import = StoryImport.objects.create(
        raw_text=text, file_name=file_name, article=article, mentions=mentions.as_json(), created_by=by
    )
    CreditSuggestion.objects.bulk_create(
        CreditSuggestion(
            story_import=story_import,
            credit=s.credit,
            person=s.person,
            film=s.film,
            role=s.role,
            character=s.character,
            evidence=s.evidence[:500],
            position=position,
        )
        for position, s in enumerate(suggest_credits(story_text, mentions), start=1)
    )
    return story_import


def _add_quotes(article, parsed, sources):
    """Quotes keep who said them as written; "the outlet" and "she added" follow the sentence before."""
    last_source, last_speaker = None, ""
    cited = sorted(parsed.sources, key=lambda c: c.offset)
    text = parsed.text
    for position, quote in enumerate(parsed.quotes, start=1):
        offset = text.find(quote.text)
        named = [sources[c.name] for c in cited if re.search(rf"\b{re.escape(c.name)}\b", quote.context)]
        before = [sources[c.name] for c in cited if c.offset < offset]
        speaker = quote.speaker_name
        continued = speaker.lower() in PRONOUNS and last_speaker
        if continued:
            speaker = last_speaker
        if named:
            source = named[0]
        elif continued:
            source = last_source
        else:  # "the outlet": the last source credited before the quote
            source = before[-1] if before else last_source
        Quote.objects.create(
            article=article,
            text=quote.text,
            speaker_name=speaker[:200],
            context=quote.context[:300],
            source=source,
            position=position,
        )
        last_source, last_speaker = source, speaker


@transaction.atomic
def decide(story_import, *, confirm=(), reject=(), by=None):
    """Link the confirmed suggestions to the story (creating or completing their credits); mark the rejected.

    Only someone who may edit the story may decide (its reporter while it is a draft, or an editor).
    """
    now = timezone.now()
    article = story_import.article
    if by is not None and not workflow.may_edit(article, by):
        raise PermissionDenied("You may not change this story's linked credits.")
    chosen = story_import.suggestions.select_related("credit").filter(pk__in=[*confirm, *reject])
    position = max(article.article_credits.values_list("position", flat=True), default=0)
    for suggestion in chosen:
        if suggestion.pk in set(reject):
            suggestion.status = CreditSuggestion.Status.REJECTED
        else:
            credit = _credit_for(suggestion, by=by)
            position += 1
            ArticleCredit.objects.get_or_create(article=article, credit=credit, defaults={"position": position})
            suggestion.credit, suggestion.status = credit, CreditSuggestion.Status.CONFIRMED
        suggestion.decided_at, suggestion.decided_by = now, by
        suggestion.save(update_fields=["credit", "status", "decided_at", "decided_by"])


def _credit_for(suggestion, *, by):
    credit = suggestion.credit
    key = {
        "film": suggestion.film,
        "person": suggestion.person,
        "role": suggestion.role,
        "character": suggestion.character,
    }
    if credit is not None and credit.character == suggestion.character:
        return credit
    if existing := Credit.objects.filter(**key).first():
        return existing
    # What a reporter confirms stays off the public site until an editor or a published story releases it:
    # a character they add to a credit readers already see goes on a new, unreleased credit instead.
    released = by is None or may_release(by, Credit)
    if credit is not None and not credit.character and (released or not credit.is_released):
        credit.character = suggestion.character  # the story names a character the credit lacked
        credit.save(update_fields=["character"])
        return credit
    billing = (
        Credit.objects.filter(film=suggestion.film).order_by("-billing").values_list("billing", flat=True).first() or 0
    ) + 1
    return Credit.objects.create(**key, billing=billing, is_released=released)
