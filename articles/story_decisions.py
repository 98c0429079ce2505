"""An editor's decisions on a story import's suggestions: each needs the permissions the same thing by hand needs.

Linking a credit on file needs the right to edit the story; a suggestion that would create a credit also needs
films.add_credit, one that completes a credit's character films.change_credit; a new outlet needs
articles.add_source, a relationship people.add_relationship. A refusal changes nothing.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.release import may_release
from films.models import Credit, Film
from people.models import Relationship

from . import workflow
from .models import ArticleCredit, ArticleSource, CreditSuggestion, Source

Status = CreditSuggestion.Status


def _may_edit(story_import, by):
    if by is not None and story_import.article is not None and not workflow.may_edit(story_import.article, by):
        raise PermissionDenied("You may not change this story's links.")


def _require(by, permission, what):
    if by is not None and not by.has_perm(permission):
        raise PermissionDenied(f"Confirming this would {what}, which you may not do.")


def _needs(suggestion, by):
    """The permission confirming a credit suggestion needs beyond editing the story, if any."""
    credit = suggestion.credit
    if credit is not None and credit.character == suggestion.character:
        return None
    exists = Credit.objects.filter(
        film=suggestion.film, person=suggestion.person, role=suggestion.role, character=suggestion.character
    ).exists()
    if exists:
        return None
    released = by is None or may_release(by, Credit)
    if credit is not None and not credit.character and (released or not credit.is_released):
        return ("films.change_credit", "complete a credit's character")
    return ("films.add_credit", "create a credit")


@transaction.atomic
def decide(story_import, *, confirm=(), reject=(), by=None):
    """Link the confirmed credit suggestions to the story (creating or completing credits); mark the rejected."""
    _may_edit(story_import, by)
    article = story_import.article
    chosen = list(story_import.suggestions.select_related("credit").filter(pk__in=[*confirm, *reject]))
    rejected = set(reject)
    for suggestion in chosen:
        if suggestion.pk not in rejected and (need := _needs(suggestion, by)):
            _require(by, *need)
    now = timezone.now()
    position = max(article.article_credits.values_list("position", flat=True), default=0)
    for suggestion in chosen:
        if suggestion.pk in rejected:
            suggestion.status = Status.REJECTED
        else:
            credit = _credit_for(suggestion, by=by)
            position += 1
            ArticleCredit.objects.get_or_create(article=article, credit=credit, defaults={"position": position})
            suggestion.credit, suggestion.status = credit, Status.CONFIRMED
        suggestion.decided_at, suggestion.decided_by = now, by
        suggestion.save(update_fields=["credit", "status", "decided_at", "decided_by"])


def confirm_strong(story_import, *, by=None):
    """Bulk: confirm every pending strong suggestion (weak ones are left for a look)."""
    pending = story_import.suggestions.filter(status=Status.PENDING, strength="strong")
    ids = list(pending.values_list("pk", flat=True))
    decide(story_import, confirm=ids, by=by)
    return len(ids)


def reject_pending(story_import, *, by=None):
    ids = list(story_import.suggestions.filter(status=Status.PENDING).values_list("pk", flat=True))
    decide(story_import, reject=ids, by=by)
    return len(ids)


@transaction.atomic
def switch_title(suggestion, *, film_id, by=None):
    """Move a pending suggestion to one of its same-name alternatives (the one the editor says is meant)."""
    _may_edit(suggestion.story_import, by)
    choices = {alt["film"]: alt for alt in suggestion.alternatives}
    if suggestion.status != Status.PENDING or film_id not in choices:
        raise ValueError("That title is not an alternative of this suggestion.")
    old = suggestion.film
    film = Film.objects.get(pk=film_id)
    on_file = Credit.objects.filter(film=film, person=suggestion.person, role=suggestion.role).order_by("billing")
    suggestion.credit = on_file.first()
    if suggestion.credit is not None:
        suggestion.character = suggestion.credit.character or suggestion.character
    rest = [alt for alt in suggestion.alternatives if alt["film"] != film_id]
    suggestion.alternatives = [
        {"film": old.pk, "label": f"{old} · {old.get_kind_display()} {old.imdb_id}".strip()},
        *rest,
    ]
    suggestion.film = film
    suggestion.save(update_fields=["film", "credit", "character", "alternatives"])
    return suggestion


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


@transaction.atomic
def decide_sources(story_import, *, confirm=(), reject=(), by=None):
    """Credit the confirmed outlets on the story, creating the ones not on file."""
    _may_edit(story_import, by)
    chosen = list(story_import.source_suggestions.filter(pk__in=[*confirm, *reject]))
    rejected = set(reject)
    if any(s.pk not in rejected and s.source_id is None for s in chosen):
        _require(by, "articles.add_source", "add a source")
    article, now = story_import.article, timezone.now()
    position = max(article.source_links.values_list("position", flat=True), default=0)
    for suggestion in chosen:
        if suggestion.pk in rejected:
            suggestion.status = Status.REJECTED
        else:
            source = suggestion.source or Source.objects.filter(name__iexact=suggestion.name).first()
            if source is None:
                source = Source.objects.create(name=suggestion.name, slug=_source_slug(suggestion.name))
            position += 1
            ArticleSource.objects.get_or_create(
                article=article, source=source, defaults={"credited_as": suggestion.credited_as, "position": position}
            )
            suggestion.source, suggestion.status = source, Status.CONFIRMED
        suggestion.decided_at, suggestion.decided_by = now, by
        suggestion.save(update_fields=["source", "status", "decided_at", "decided_by"])


def _source_slug(name):
    base = slugify(name)[:190] or "source"
    slug, n = base, 1
    while Source.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def decide_relationships(story_import, *, confirm=(), reject=(), by=None):
    """Record the confirmed relationships between people (precise to the year the story gives)."""
    _may_edit(story_import, by)
    chosen = list(story_import.relationship_suggestions.filter(pk__in=[*confirm, *reject]))
    rejected = set(reject)
    if any(s.pk not in rejected for s in chosen):
        _require(by, "people.add_relationship", "add a relationship")
    now = timezone.now()
    for suggestion in chosen:
        if suggestion.pk in rejected:
            suggestion.status = Status.REJECTED
        else:
            since = date(suggestion.since_year, 1, 1) if suggestion.since_year else None
            Relationship.objects.get_or_create(
                person=suggestion.person,
                other=suggestion.other,
                kind=suggestion.kind,
                defaults={
                    "since": since,
                    "since_precision": Relationship.Precision.YEAR,
                    "note": suggestion.evidence[:300],
                },
            )
            suggestion.status = Status.CONFIRMED
        suggestion.decided_at, suggestion.decided_by = now, by
        suggestion.save(update_fields=["status", "decided_at", "decided_by"])
