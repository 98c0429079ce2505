"""How every GET answers: fields= trimming, the next page's address, ETag/Last-Modified with 304 (the pages'
conditional.respond), and the JSON itself. Cache-Control comes from the site's freshness middleware."""

import hashlib
import json
from datetime import UTC, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja.errors import HttpError

from ..public import conditional
from .represent import absolute

# A list with nothing in it changed no later than the site's last edit (conditional.respond folds that in).
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def chosen_fields(value, schema):
    """The top-level fields a client asked for with fields=a,b (None: all); an unknown name is a 400."""
    if not value:
        return None
    names = {name.strip() for name in value.split(",") if name.strip()}
    unknown = names - set(schema.model_fields)
    if unknown:
        raise HttpError(
            400,
            f"Unknown field(s) in fields=: {', '.join(sorted(unknown))}. "
            f"{schema.__name__} has: {', '.join(schema.model_fields)}.",
        )
    return names


def trim(item, fields):
    return item if fields is None else {name: value for name, value in item.items() if name in fields}


def to_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()


def json_response(body, *, status=200):
    return HttpResponse(body, status=status, content_type="application/json")


def answer(request, data, *, last_modified):
    """200 with data as JSON, or 304 when the client's copy is the same.

    The ETag digests the body itself: a row that joins a list because its story's publication time came (with no
    edit to move the site's generation) still changes it.
    """
    body = to_json(data)
    return conditional.respond(
        request,
        last_modified=conditional.newest(LONG_AGO, last_modified),
        key=f"api:{hashlib.blake2s(body, digest_size=16).hexdigest()}",
        render=lambda: json_response(body),
    )


def page(request, items, *, next_cursor, fields, last_modified):
    query = request.GET.copy()
    if next_cursor:
        query["cursor"] = next_cursor
    data = {
        "items": [trim(item, fields) for item in items],
        "next": absolute(f"{request.path}?{query.urlencode()}") if next_cursor else None,
        "cursor": next_cursor,
    }
    return answer(request, data, last_modified=last_modified)


def newest_of(*moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None
