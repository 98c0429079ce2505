"""Today's matcher (main's articles/story_import.py before the suggestion engine), kept verbatim as the
benchmark's baseline: bench/suggestions.py times it and scores it in the same run as the engine.
"""

import re
from dataclasses import dataclass, field

from django.db.models.functions import Lower

from articles.story_text import SENTENCE_END
from films.models import Credit, Film
from people.models import Person

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
