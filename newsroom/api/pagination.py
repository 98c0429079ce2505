"""Cursor pagination: a page is the rows after the last one the client saw, in a fixed order.

The cursor holds that row's ordering values (signed, so it cannot be forged into another query), and the next
page filters on them: a story published meanwhile does not shift the pages being walked, no page repeats or
skips a row, and no COUNT(*) is run. The last ordering field must be unique (the primary key breaks ties).
"""

from django.core import signing
from django.db.models import DateTimeField, Q
from django.utils.dateparse import parse_datetime
from ninja.errors import HttpError

SALT = "newsroom.api.cursor"


def _encode(kind, values):
    return signing.dumps({"k": kind, "v": values}, salt=SALT, compress=True)


def _decode(kind, cursor):
    try:
        payload = signing.loads(cursor, salt=SALT)
    except signing.BadSignature:
        payload = None
    if not isinstance(payload, dict) or payload.get("k") != kind or not isinstance(payload.get("v"), list):
        raise HttpError(400, "The cursor is not valid for this list: use the one the previous page gave.")
    return payload["v"]


def _after(model, order, values):
    """Rows strictly after values in order: (a > x) or (a = x and b > y) or ..., each flipped for "-field"."""
    condition = Q()
    equal = {}
    for field, value in zip(order, values, strict=True):
        name = field.lstrip("-")
        if isinstance(model._meta.get_field(name), DateTimeField):
            value = parse_datetime(value)
        condition |= Q(**equal, **{f"{name}__{'lt' if field.startswith('-') else 'gt'}": value})
        equal[name] = value
    return condition


def _value(row, field):
    value = getattr(row, field.lstrip("-"))
    return value.isoformat() if hasattr(value, "isoformat") else value


def keyset_page(queryset, *, order, cursor, limit):
    """(rows, next cursor or None) for the page after cursor, ordered by order."""
    kind = ",".join(order)
    queryset = queryset.order_by(*order)
    if cursor:
        values = _decode(kind, cursor)
        if len(values) != len(order):
            raise HttpError(400, "The cursor is not valid for this list: use the one the previous page gave.")
        queryset = queryset.filter(_after(queryset.model, order, values))
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, _encode(kind, [_value(rows[-1], field) for field in order])


def offset_page(queryset, *, kind, cursor, limit):
    """For orders no row value can express (search ranks): the cursor holds how many rows came before."""
    start = _decode(kind, cursor)[0] if cursor else 0
    if not isinstance(start, int) or start < 0:
        raise HttpError(400, "The cursor is not valid for this list: use the one the previous page gave.")
    rows = list(queryset[start : start + limit + 1])
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], _encode(kind, [start + limit])
