"""Claim check: statements in a story's copy about shared work and credits, held against the public graph.

Each sentence that makes a claim the graph can judge ("first film together since 2004", "directed by X",
"X stars as Y", "X's directorial debut", "reunites with") gets a verdict, agrees, disagrees or can't tell,
with the titles that decide it. It informs editors and never blocks publishing.
"""

import re
from dataclasses import dataclass, field
from itertools import combinations

from django.utils.html import strip_tags

from films.models import Credit, Film
from people.models import Person

from ..visibility import public_credits
from .freshness import current
from .graph import role_names
from .together import shared_titles

AGREES, DISAGREES, CANT_TELL = "agrees", "disagrees", "can't tell"
ACTING = {Credit.Role.ACTOR, Credit.Role.ACTRESS}
SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<=[.!?])\s+(?=[A-Z“\"'])")
FIRST_SINCE = re.compile(r"first (?:film|movie|feature|project|series|show)?\s*together since (\d{4})", re.I)
DIRECTED_BY = re.compile(r"directed by", re.I)
STARS_AS = re.compile(r"\b(?:stars|starred|starring|plays|played)\b(?P<who>[^.]*?)\bas\b(?P<what>[^,.;]+)", re.I)
DEBUT = re.compile(r"directorial debut", re.I)
REUNITE = re.compile(r"\breunit(?:e|es|ed|ing)\b", re.I)


@dataclass
class Claim:
    sentence: str
    claim: str
    verdict: str
    note: str
    evidence: list = field(default_factory=list)  # SharedTitle or title Nodes


def sentences(story):
    text = " ".join(filter(None, [story.dek, strip_tags(story.body or "")]))
    return [s.strip() for s in SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def _named(sentence, people):
    """The story's people a sentence names, by full name or surname, in order of appearance."""
    found = []
    for someone in people:
        names = {someone.name, someone.name.split()[-1]}
        at = min((m.start() for n in names for m in re.finditer(rf"\b{re.escape(n)}\b", sentence)), default=None)
        if at is not None:
            found.append((at, someone))
    return [someone for _, someone in sorted(found, key=lambda pair: pair[0])]


def _titles_named(sentence, films):
    return [film for film in films if re.search(rf"\b{re.escape(film.title)}\b", sentence)]


class Checker:
    def __init__(self, story, people, films):
        self.graph = current.get()
        self.people = [p for p in people if self.graph.person_node(p.pk) is not None]
        self.films = films
        pairs = [(a, b, self._shared(a, b)) for a, b in combinations(self.people, 2)]
        pairs = sorted((p for p in pairs if p[2]), key=lambda p: -len(p[2]))
        self.strongest = pairs[0][:2] if pairs else None
        self._characters = None

    def _shared(self, a, b):
        return shared_titles(self.graph, self.graph.person_node(a.pk), self.graph.person_node(b.pk))

    def _pair(self, sentence):
        named = _named(sentence, self.people)
        return tuple(named[:2]) if len(named) >= 2 else self.strongest

    def first_since(self, sentence, year):
        pair = self._pair(sentence)
        if pair is None:
            return CANT_TELL, "No two people in this story share a title on file.", []
        a, b = pair
        shared = self._shared(a, b)
        acted = [s for s in shared if ACTING & set(s.roles[0]) and ACTING & set(s.roles[1]) and s.title.year]
        who = f"{a.name} and {b.name}"
        if not acted:
            return DISAGREES, f"{who} have no earlier title on file where both act.", shared
        last = max(s.title.year for s in acted)
        evidence = [s for s in acted if s.title.year == last]
        names = " and ".join(f"{s.title.name} ({s.title.year})" for s in evidence)
        if last != year:
            return DISAGREES, f"The last title where {who} both act is {names}, not {year}.", evidence
        later = [s for s in shared if s.title.year and s.title.year > year]
        note = f"Agrees for acting together: the last title where {who} both act is {names}."
        if later:
            joined = "; ".join(
                f"{s.title.name} ({s.title.year}: {a.name} {s.roles_text[0]}, {b.name} {s.roles_text[1]})"
                for s in later
            )
            note += f" Since then they worked together in other roles: {joined}."
        return AGREES, note, evidence + later

    def directed_by(self, sentence):
        after = sentence[DIRECTED_BY.search(sentence).end() :]
        directors, titles = _named(after, self.people), _titles_named(sentence, self.films)
        if not directors or not titles:
            return CANT_TELL, "The sentence names no director or title on file.", []
        return self._holds(directors[0], titles[0], {Credit.Role.DIRECTOR}, "directed")

    def _holds(self, someone, film, roles, verb):
        node, title = self.graph.person_node(someone.pk), self.graph.title_node(film.pk)
        if title is None:
            return CANT_TELL, f"{film.title} has no public credits on file.", []
        titles, masks = self.graph.neighbours(node)
        at = titles.searchsorted(title)
        held = set(role_names(masks[at])) if at < len(titles) and titles[at] == title else set()
        if held & roles:
            return AGREES, f"{someone.name} {verb} {film.title}.", [film]
        return DISAGREES, f"No credit on file says {someone.name} {verb} {film.title}.", [film]

    def stars_as(self, sentence, match):
        who = _named(match.group("who"), self.people) or _named(sentence[: match.start()], self.people)[-1:]
        character = match.group("what").strip().split(" named ")[-1].strip()
        if not who or not character:
            return CANT_TELL, "The sentence names no actor or character on file.", []
        found = self.characters().get(who[0].pk, {})
        hits = [title for name, title in found.items() if name and name.lower() in character.lower()]
        if hits:
            return AGREES, f"{who[0].name} plays {character} in {hits[0]}.", hits
        return DISAGREES, f"No public credit on file has {who[0].name} as {character}.", []

    def characters(self):
        """Characters of the story's people on public credits (one query, read when a sentence needs it)."""
        if self._characters is None:
            self._characters = {}
            rows = public_credits(Credit.objects.filter(person__in=[p.pk for p in self.people]).exclude(character=""))
            for person_id, character, title in rows.values_list("person_id", "character", "film__title"):
                self._characters.setdefault(person_id, {})[character] = title
        return self._characters

    def debut(self, sentence):
        results = []
        for someone in _named(sentence, self.people):
            node = self.graph.person_node(someone.pk)
            titles, masks = self.graph.neighbours(node)
            directed = [int(t) for t, m in zip(titles, masks, strict=True) if "director" in role_names(m)]
            dated = sorted((self.graph.year(t), t) for t in directed if self.graph.year(t))
            named = [f for f in _titles_named(sentence, self.films) if self.graph.title_node(f.pk) in directed]
            if named and dated:
                first_year, first = dated[0]
                first_name = self.graph.label(first)[0]
                for film in named:
                    ok = self.graph.title_node(film.pk) == first
                    note = f"{someone.name}'s first title as director on file is {first_name} ({first_year})."
                    results.append((AGREES if ok else DISAGREES, note, [film]))
        return results or [(CANT_TELL, "No debut named in the sentence is on file as a directing credit.", [])]

    def reunite(self, sentence):
        pair = self._pair(sentence)
        if pair is None:
            return CANT_TELL, "No two people in this story share a title on file.", []
        shared = [s for s in self._shared(*pair) if s.title.year]
        if shared:
            return AGREES, f"{pair[0].name} and {pair[1].name} worked together before.", shared
        return DISAGREES, f"No earlier title of {pair[0].name} and {pair[1].name} together is on file.", []


def check(story, *, people, films):
    """Every claim the graph can judge in the story's dek and body, in reading order."""
    checker = Checker(story, people, films)
    claims = []
    for sentence in sentences(story):
        found = []
        if match := FIRST_SINCE.search(sentence):
            found.append((match.group(0), checker.first_since(sentence, int(match.group(1)))))
        if DIRECTED_BY.search(sentence):
            found.append(("directed by", checker.directed_by(sentence)))
        if match := STARS_AS.search(sentence):
            found.append((match.group(0).strip(), checker.stars_as(sentence, match)))
        if DEBUT.search(sentence):
            found += [("directorial debut", result) for result in checker.debut(sentence)]
        if REUNITE.search(sentence):
            found.append(("reunites with", checker.reunite(sentence)))
        claims += [Claim(sentence, claim, *result) for claim, result in found]
    return claims


def check_story(story):
    """check() for a saved story, with the people and titles it credits or links (two queries)."""
    # One id subquery (a UNION), not an OR across joins: that made PostgreSQL read every credit (22 s at 10M).
    credits = Credit.objects.filter(pk__in=story.article_credits.values("credit")).order_by()
    people = Person.objects.filter(pk__in=credits.values("person").union(story.linked_people.order_by().values("pk")))
    films = Film.objects.filter(pk__in=credits.values("film").union(story.linked_films.order_by().values("pk")))
    return check(story, people=list(people.only("id", "name")), films=list(films.only("id", "title")))
