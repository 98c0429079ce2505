"""POST /api/v1/imports/: a wire service's raw story becomes a draft with credit suggestions, as Story imports.

The text is checked by the admin's own Story imports form (so the API refuses exactly what the admin refuses:
empty, not text, too long, no headline) and imported by the service the admin calls, owned by the token's
service account. Everything happens in one transaction: a refused request leaves nothing behind. An
Idempotency-Key makes a retry replay the first answer instead of making a second draft.
"""

import hashlib

from django.db import IntegrityError, transaction
from django.urls import reverse
from ninja import Header, Router
from ninja.errors import HttpError
from ninja.security import HttpBearer

from articles import story_import
from articles.admin.story_imports import StoryImportForm
from articles.models import Section

from . import schemas, tokens
from .models import IngestRequest, IngestToken
from .represent import absolute
from .responses import json_response, to_json

router = Router(tags=["ingest"])


class IngestTokenAuth(HttpBearer):
    """Authorization: Bearer <key>, for a live token with the ingest scope (made in the admin)."""

    def authenticate(self, request, token):
        return tokens.authenticate(token, scope=IngestToken.Scope.INGEST)


def represent_import(made):
    draft = made.article
    suggestions = made.suggestions.select_related("person", "film")
    return {
        "id": made.pk,
        "admin_url": absolute(reverse("admin:articles_storyimport_change", args=[made.pk])),
        "story": {
            "id": draft.pk,
            "slug": draft.slug,
            "headline": draft.headline,
            "state": draft.state,
            "admin_url": absolute(reverse("admin:articles_article_change", args=[draft.pk])),
        },
        "suggestions": [
            {
                "person": {"slug": s.person.slug, "name": s.person.name},
                "title": {"slug": s.film.slug, "title": s.film.title, "year": s.film.year},
                "role": s.role,
                "character": s.character,
                "evidence": s.evidence,
                "on_file": s.credit_id is not None,
                "status": s.status,
            }
            for s in suggestions
        ],
    }


def _checked(payload):
    """The text and section as the admin's form cleans them, or a 422 naming every problem."""
    section = None
    if payload.section:
        section = Section.objects.filter(slug=payload.section).first()
        if section is None:
            raise HttpError(422, f"No section has the slug {payload.section!r}.")
    form = StoryImportForm(data={"raw_text": payload.text, "section": section.pk if section else ""})
    if not form.is_valid():
        raise HttpError(422, " ".join(message for messages in form.errors.values() for message in messages))
    return form.cleaned_data["raw_text"], form.cleaned_data.get("section")


def _replay(earlier, fingerprint):
    if earlier.fingerprint != fingerprint:
        raise HttpError(422, "This Idempotency-Key was already used with a different request body.")
    response = json_response(to_json(earlier.response), status=201)
    response["Idempotent-Replayed"] = "true"
    return response


def receive(*, token, payload, key, fingerprint):
    """Import the story once per (token, key): the answer, or the first answer again for a repeated key."""
    try:
        with transaction.atomic():
            earlier = IngestRequest.objects.filter(token=token, key=key).first() if key else None
            if earlier is not None:
                return _replay(earlier, fingerprint)
            text, section = _checked(payload)
            try:
                made = story_import.import_story(
                    text=text, by=token.account, section=section, file_name=payload.file_name
                )
            except ValueError as problem:
                raise HttpError(422, str(problem)) from None
            body = represent_import(made)
            if key:
                IngestRequest.objects.create(
                    token=token, key=key, fingerprint=fingerprint, story_import=made, response=body
                )
    except IntegrityError:
        # Two deliveries with one key at once: the other committed first, and this one's draft was rolled back.
        earlier = IngestRequest.objects.filter(token=token, key=key).first() if key else None
        if earlier is None:
            raise
        return _replay(earlier, fingerprint)
    return json_response(to_json(body), status=201)


@router.post(
    "/imports/",
    auth=IngestTokenAuth(),
    response={
        201: schemas.ImportOut,
        400: schemas.Error,
        401: schemas.Error,
        413: schemas.Error,
        422: schemas.Error,
        429: schemas.Error,
    },
    url_name="imports",
)
def create_import(
    request,
    payload: schemas.ImportIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=200,
        description="Any unique string per story sent; a retry with the same key and body makes no second draft.",
    ),
):
    """Make a draft story with credit suggestions from raw text (token with the ingest scope): about 20 queries."""
    return receive(
        token=request.auth,
        payload=payload,
        key=idempotency_key or "",
        fingerprint=hashlib.sha256(request.body).hexdigest(),
    )
