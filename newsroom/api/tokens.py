"""Ingest tokens: issued and revoked in the admin, presented as "Authorization: Bearer <key>", stored hashed.

A key is 256 random bits, so one SHA-256 is enough to store it safely (a slow password hash guards guessable
secrets; this one cannot be guessed) and lets a request find its token by index.
"""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import IngestToken

KEY_PREFIX = "nr_"


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def service_account(name):
    """The user a wire service's drafts belong to: one per service name, never able to log in."""
    user_model = get_user_model()
    username = f"wire-{slugify(name)[:100] or 'service'}"
    user, created = user_model.objects.get_or_create(
        username=username, defaults={"first_name": name[:150], "is_staff": False, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def issue(*, name, by=None, scope=IngestToken.Scope.INGEST):
    """A new token and its key; the key exists only in this return value."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = IngestToken.objects.create(
        name=name, scope=scope, key_hash=hash_key(key), prefix=key[:10], account=service_account(name), created_by=by
    )
    return token, key


def revoke(token):
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(key, *, scope):
    """The live token with this key and scope, or None; a hit records when it was last used."""
    if not key:
        return None
    token = (
        IngestToken.objects.select_related("account")
        .filter(key_hash=hash_key(key), scope=scope, revoked_at__isnull=True, account__is_active=True)
        .first()
    )
    if token is not None:
        IngestToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
