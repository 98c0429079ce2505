"""From copy to suggestions: cut candidates from the text, look them up by key, weigh the evidence.

Queries, whatever the size of the database: people by key, titles by key, the credits of the people named,
the first-billed cast of same-name titles, sources named, relationships on file, the article's links.
"""

from datetime import date

from films.models import Credit

from . import index
from .candidates import name_spans, title_spans
from .evidence import PARAGRAPH, SENTENCE, STORY, Places, character_claims, proximity
from .extras import outlet_names, outlet_suggestions, relationships, unmatched_people, unmatched_titles
from .normalise import COMMON_WORDS, same_character
from .people import Taken, full_names, pronouns, sentence_subjects, single_name_keys, single_names, surnames
from .results import STRONG, WEAK, Alternative, CreditSuggestion, Span, Suggestions, Unmatched
from .text import Document
from .titles import choose, read_mention

NEEDED = {"": STORY, "story": STORY, "sentence": SENTENCE}
# Appearing as oneself (an awards telecast, a talk show) says less about which title is meant than a role does.
LESSER_ROLES = {Credit.Role.SELF, Credit.Role.ARCHIVE_FOOTAGE, Credit.Role.ARCHIVE_SOUND}


def run(text, *, article=None, on=None):
    doc = Document(text)
    story_year = (on or date.today()).year
    taken = Taken(len(text))

    # People: every 2-5 word capitalised span, looked up by key in one query.
    spans = name_spans(doc)
    people_by_key = index.people_by_key({span.key for span in spans} | single_name_keys(doc, common=COMMON_WORDS))
    named = full_names(spans, people_by_key, taken)
    named += surnames(doc, named, taken)
    singles = single_names(doc, people_by_key, taken, common=COMMON_WORDS)
    named += pronouns(doc, named)  # "she", "the actor": evidence for titles as much as a name is

    # Titles: spans not owned by a person; weak ones (common words, lone words) only through a credit.
    mentions = []
    for span in title_spans(doc):
        if taken.free(span.start, span.end) and (mention := read_mention(doc, span)):
            mentions.append(mention)
    strong_keys = {m.key for m in mentions if m.needs != "sentence"}
    weak_keys = {m.key for m in mentions} - strong_keys
    films_by_key = index.films_by_key(strong_keys)
    # A weak span inside a title found by key ("Old Men" in "No Country for Old Men") loses to it anyway.
    found_spans = Taken(len(text))
    for mention in mentions:
        if mention.key in films_by_key:
            found_spans.take(mention.start, mention.end)
    mentions = [m for m in mentions if m.key in strong_keys or found_spans.free(m.start, m.end)]
    weak_keys = {m.key for m in mentions} - strong_keys
    person_ids = {person.pk for mention in [*named, *singles] for person in mention.candidates}
    film_ids = {film.pk for films in films_by_key.values() for film in films}
    weak_sentences = {doc.sentence_of(m.start) for m in mentions if m.key in weak_keys}
    near = {p.pk for m in [*named, *singles] if doc.sentence_of(m.start) in weak_sentences for p in m.candidates}
    credits = index.credits_of(person_ids, film_ids=film_ids, title_keys=weak_keys, near_person_ids=near)
    for credit in credits:
        if credit.film.title_key in weak_keys and credit.film_id not in film_ids:
            film_ids.add(credit.film_id)
            films_by_key.setdefault(credit.film.title_key, []).append(credit.film)

    credits_by_film = {}
    for credit in credits:
        credits_by_film.setdefault(credit.film_id, []).append(credit)

    titles = _accept_titles(doc, mentions, films_by_key, credits_by_film, [*named, *singles], story_year)
    named += _credited_singles(singles, titles, credits_by_film, taken)
    _settle_people(doc, named, titles, credits_by_film)
    for mention in named:
        mention.person = _chosen_person(mention, named)

    result = Suggestions()
    result.people = _in_order(m.person for m in sorted(named, key=lambda m: m.start) if m.kind != "pronoun")
    result.titles = _in_order(m.film for m in titles)
    for mention in named:
        if mention.kind != "pronoun":
            result.spans.setdefault(("person", mention.person.pk), []).append(Span(mention.start, mention.end))
    for mention in titles:
        result.spans.setdefault(("title", mention.film.pk), []).append(Span(mention.start, mention.end))
    result.credits, unassigned = _credit_suggestions(doc, named, titles, credits)
    linked = index.linked_credit_ids(article)
    for suggestion in result.credits:
        suggestion.linked = suggestion.credit is not None and suggestion.credit.pk in linked

    alternative_films = {alt.pk for m in titles for alt in m.alternatives}
    cast = index.top_cast(alternative_films | {m.film.pk for m in titles if m.alternatives})
    for suggestion in result.credits:
        suggestion.alternatives = [
            Alternative(film=alt, top_cast=cast.get(alt.pk, [])) for alt in _alternatives_for(suggestion.film, titles)
        ]

    for mention in titles:
        taken.take(mention.start, mention.end)
    result.extras = lambda: _extras(doc, named, taken, unassigned, story_year)
    return result


def _extras(doc, named, taken, unassigned, story_year):
    """Outlets, relationships and what matched nothing: asked of the database only when someone reads them."""
    outlets = outlet_names(doc)
    sources = outlet_suggestions(doc, index.sources_named(outlets), named)
    subjects = sentence_subjects(doc, [m for m in named if m.kind != "pronoun"])
    return {
        "sources": sources,
        "relationships": relationships(
            doc, named, subjects, story_year=story_year, on_file_between=index.relationships_between
        ),
        "unmatched": [
            *unmatched_people(doc, taken, outlets),
            *unmatched_titles(doc, title_spans(doc), taken),
            *(Unmatched("outlet", s.name, s.credited_as) for s in sources if s.source is None),
            *unassigned,
        ],
    }


def _accept_titles(doc, mentions, films_by_key, credits_by_film, named, story_year):
    """Mentions that read as titles (with the evidence their kind needs), longest first, each settled on one title."""
    offsets_by_person = {}
    for mention in named:
        for person in mention.candidates:
            offsets_by_person.setdefault(person.pk, []).append(mention.start)
    places = {pk: Places(doc, offsets) for pk, offsets in offsets_by_person.items()}
    accepted, claimed = [], Taken(len(doc.text))
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        mention.candidates = films_by_key.get(mention.key, [])
        if not mention.candidates or not claimed.free(mention.start, mention.end):
            continue
        closest, weighed, here = 0, {}, Places(doc, [mention.start])
        for film in mention.candidates:
            by_person = {}  # each person named counts once, by their closest, weightiest credit on the title
            for credit in credits_by_film.get(film.pk, []):
                level = proximity(places[credit.person_id], here)[0]
                closest = max(closest, level)
                weight = level - 0.5 if credit.role in LESSER_ROLES else level
                by_person[credit.person_id] = max(weight, by_person.get(credit.person_id, 0))
            if by_person:  # the closest counts whole, every other person named half: more of them, more likely
                best = max(by_person.values())
                weighed[film.pk] = best + (sum(by_person.values()) - best) / 2
        if mention.needs and closest < NEEDED[mention.needs]:
            continue  # a common word or lone word with no credit of someone named close enough
        claimed.take(mention.start, mention.end)
        accepted.append(choose(mention, credit_evidence=weighed, story_year=story_year))
    return sorted(accepted, key=lambda m: m.start)


def _credited_singles(singles, titles, credits_by_film, taken):
    """A one-word name counts only when that person has a credit on a title the story names."""
    credited = {c.person_id for m in titles for film in [m.film] for c in credits_by_film.get(film.pk, [])}
    kept = []
    for mention in singles:
        mention.candidates = [p for p in mention.candidates if p.pk in credited]
        if mention.candidates and taken.free(mention.start, mention.end):
            taken.take(mention.start, mention.end)
            kept.append(mention)
    return kept


def _settle_people(doc, named, titles, credits_by_film):
    """Namesakes: the one whose credits include a title named in the story wins; else the first on file."""
    chosen_films = {m.film.pk for m in titles}
    score = {}
    for film_id, credits in credits_by_film.items():
        if film_id in chosen_films:
            for credit in credits:
                score[credit.person_id] = score.get(credit.person_id, 0) + 1
    for mention in named:
        ranked = sorted(mention.candidates, key=lambda p: (-score.get(p.pk, 0), p.pk))
        mention.person, mention.alternatives = ranked[0], ranked[1:]


def _chosen_person(mention, named):
    if mention.person is not None:
        return mention.person
    return next((m.person for m in named if m.key == mention.key and m.person is not None), None)


def _in_order(objects):
    seen, ordered = set(), []
    for obj in objects:
        if obj is not None and obj.pk not in seen:
            seen.add(obj.pk)
            ordered.append(obj)
    return ordered


def _alternatives_for(film, titles):
    for mention in titles:
        if mention.film.pk == film.pk and mention.alternatives:
            return mention.alternatives
    return []


def _credit_suggestions(doc, named, titles, credits):
    """Credits on file between the people and titles named, graded by evidence; characters; (credits, unassigned)."""
    person_offsets, film_offsets, film_sentences = {}, {}, {}
    for mention in named:
        person_offsets.setdefault(mention.person.pk, []).append(mention.start)
    for mention in titles:
        film_offsets.setdefault(mention.film.pk, []).append(mention.start)
        film_sentences.setdefault(doc.sentence_of(mention.start), []).append(mention)
    films = {m.film.pk: m.film for m in titles}
    people = {m.person.pk: m.person for m in named}
    person_places = {pk: Places(doc, offsets) for pk, offsets in person_offsets.items()}
    film_places = {pk: Places(doc, offsets) for pk, offsets in film_offsets.items()}
    by_sentence = {}
    for mention in [*named, *titles]:
        if getattr(mention, "kind", "") != "pronoun":
            by_sentence.setdefault(doc.sentence_of(mention.start), []).append(mention)
    suggestions = {}
    for credit in credits:
        if credit.film_id not in films or credit.person_id not in people:
            continue
        level, sentence = proximity(person_places[credit.person_id], film_places[credit.film_id])
        suggestions[credit.pk] = _suggestion(doc, credit, people, films, level, sentence)
        suggestions[credit.pk].highlights = _highlights(doc, by_sentence.get(sentence, []))
    extra, unassigned = [], []
    taken_by_people = Taken(len(doc.text))
    for mention in named:
        if mention.kind != "pronoun":
            taken_by_people.take(mention.start, mention.end)
    for mention in titles:
        taken_by_people.take(mention.start, mention.end)
    by_person = {}
    for credit in credits:
        if credit.role in Credit.ACTING_ROLES and credit.film_id in films:
            by_person.setdefault(credit.person_id, []).append(credit)
    subject_film = titles[0].film if titles else None
    for claim in character_claims(doc, named, taken_by_people):
        person = claim.owner.person
        acting = by_person.get(person.pk, [])
        here = [m.film for m in film_sentences.get(claim.sentence, [])]
        credit, film = _credit_for_character(claim, acting, here, doc, film_offsets, subject_film)
        sentence_evidence = doc.sentence_text(claim.sentence)
        if credit is not None:
            suggestion = suggestions[credit.pk]
            if not credit.character:
                suggestion.character = claim.character
            suggestion.evidence, suggestion.strength = sentence_evidence, STRONG
            suggestion.highlights = _highlights(doc, by_sentence.get(claim.sentence, []))
        elif film is None:
            unassigned.append(Unmatched("character", f"{person.name} as {claim.character}", sentence_evidence))
        elif not any(
            s.person.pk == person.pk and s.film.pk == film.pk and s.character == claim.character for s in extra
        ):
            extra.append(
                CreditSuggestion(
                    person=person,
                    film=film,
                    role=Credit.Role.ACTOR,
                    character=claim.character,
                    evidence=sentence_evidence,
                    highlights=_highlights(doc, by_sentence.get(claim.sentence, [])),
                )
            )
    first = {}
    for mention in [*titles, *named]:
        obj = getattr(mention, "film", None) or mention.person
        first.setdefault((type(obj).__name__, obj.pk), mention.start)
    ordered = sorted(
        [*suggestions.values(), *extra],
        key=lambda s: (
            s.strength != STRONG,
            first.get(("Film", s.film.pk), 10**9),
            s.credit.billing if s.credit else 10**6,
            first.get(("Person", s.person.pk), 10**9),
        ),
    )
    return ordered, unassigned


def _credit_for_character(claim, acting, here, doc, film_offsets, subject_film):
    """(credit on file, None) or (None, title named in the sentence) or (None, None) when the copy does not say."""
    here_ids = {film.pk for film in here}
    in_sentence = [c for c in acting if c.film_id in here_ids]
    for credits in (in_sentence, acting):
        if match := next((c for c in credits if same_character(claim.character, c.character)), None):
            return match, None
    if blank := [c for c in in_sentence if not c.character]:
        return blank[0], None
    if here:
        return None, here[0]
    paragraph = doc.sentence_paragraph[claim.sentence]
    nearby = [
        c
        for c in acting
        if not c.character and any(doc.paragraph_of(o) in (paragraph, paragraph - 1) for o in film_offsets[c.film_id])
    ]
    if len(nearby) == 1:
        return nearby[0], None
    subject = [c for c in acting if not c.character and subject_film is not None and c.film_id == subject_film.pk]
    return (subject[0], None) if subject else (None, None)


def _suggestion(doc, credit, people, films, level, sentence):
    return CreditSuggestion(
        person=people[credit.person_id],
        film=films[credit.film_id],
        role=credit.role,
        character=credit.character,
        evidence=doc.sentence_text(sentence),
        strength=STRONG if level >= PARAGRAPH else WEAK,
        credit=credit,
    )


def _highlights(doc, mentions):
    """The names and titles, as written, that the evidence sentence holds: marked on the review screen."""
    return sorted({doc.text[m.start : m.end] for m in mentions})
