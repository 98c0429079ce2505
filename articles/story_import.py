"""Import a story from raw text: a draft, plus suggestions an editor confirms or rejects.

    story_import = import_story(text=..., by=user)          # draft + pending suggestions, nothing linked
    decide(story_import, confirm=[...], reject=[...], by=user)  # links what the editor confirmed

The suggestions come from articles.suggestions.suggest() (credits with their evidence sentence, strength and
same-name alternatives; outlets and relationships; what matched nothing). Deciding lives in
articles/story_decisions.py.
"""

import re
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    Article,
    ArticleSource,
    CreditSuggestion,
    Quote,
    RelationshipSuggestion,
    Source,
    SourceSuggestion,
    StoryImport,
)
from .story_decisions import decide, switch_title  # noqa: F401  (the import's public verbs, with import_story)
from .story_text import parse_story
from .suggestions import suggest

PRONOUNS = {"he", "she", "they", "the actor", "the actress", "the star", "the director"}


def alternative_label(alternative):
    film = alternative.film
    parts = [str(film), film.get_kind_display(), film.imdb_id, ", ".join(alternative.top_cast)]
    return " · ".join(part for part in parts if part)


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
    with transaction.atomic():
        story_import = StoryImport.objects.create(raw_text=text, file_name=file_name, created_by=by)
        return parse_into(story_import, section=section)


def parse_into(story_import, *, section=None, progress=None):
    """Read a recorded import's text into its draft story and suggestions, all in one transaction (a failure leaves
    the import as it was, its text kept). progress(step) is told what is being done, for a background job."""
    tell = progress or (lambda step: None)
    with transaction.atomic():
        return _parse_into(story_import, section=section, tell=tell)


def _parse_into(story_import, *, section, tell):
    text, by = story_import.raw_text, story_import.created_by
    tell("Reading the text: headline, dateline, paragraphs, sources and quotes")
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
    tell("Finding the people, titles and credits the story mentions")
    found = suggest(parsed.text, on=parsed.dateline)
    tell("Saving the suggestions")
    story_import.article = article
    story_import.mentions = {
        "people": [{"slug": p.slug, "name": p.name} for p in found.people],
        "titles": [{"slug": f.slug, "title": str(f)} for f in found.titles],
    }
    story_import.unmatched = [
        {"kind": u.kind, "text": u.text, "year": u.year, "evidence": u.evidence[:300]} for u in found.unmatched
    ]
    story_import.save(update_fields=["article", "mentions", "unmatched"])
    CreditSuggestion.objects.bulk_create(
        CreditSuggestion(
            story_import=story_import,
            credit=s.credit,
            person=s.person,
            film=s.film,
            role=s.role,
            character=s.character[:300],
            evidence=s.evidence[:500],
            highlights=s.highlights,
            strength=s.strength,
            alternatives=[{"film": a.film.pk, "label": alternative_label(a)} for a in s.alternatives],
            position=position,
        )
        for position, s in enumerate(found.credits, start=1)
    )
    linked = {citation.name.lower() for citation in parsed.sources}
    SourceSuggestion.objects.bulk_create(
        SourceSuggestion(story_import=story_import, name=s.name[:200], credited_as=s.credited_as[:300], source=s.source)
        for s in found.sources
        if s.name.lower() not in linked
    )
    RelationshipSuggestion.objects.bulk_create(
        RelationshipSuggestion(
            story_import=story_import,
            person=r.person,
            other=r.other,
            kind=r.kind,
            since_year=r.since_year,
            evidence=r.evidence[:500],
        )
        for r in found.relationships
        if not r.on_file
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
