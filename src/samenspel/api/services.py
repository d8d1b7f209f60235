# SPDX-License-Identifier: EUPL-1.2
"""API keys: made and revoked by a municipality's staff, checked on every write."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from samenspel.api.models import ApiKey, IdempotentRequest, Scope
from samenspel.core.services import audit

__all__ = [
    "ApiKey",
    "Scope",
    "authenticate",
    "issue_key",
    "keys_of",
    "record_use",
    "remembered_answer",
    "remember_answer",
    "revoke_key",
]

#: A key reads ``sk_<prefix>_<secret>``: the prefix finds the row, the secret is checked
#: against its hash.
TOKEN_START = "sk_"


def _hash(secret: str) -> str:
    # The secret is 32 random bytes: a fast hash is as strong as a slow one here.
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_key(user, gemeente, name: str, scopes: list[str]) -> tuple[ApiKey, str]:
    """A new key for ``gemeente``; returns the key and its token, which is never shown again."""
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        gemeente=gemeente,
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        created_by=user,
    )
    audit(user, "create", key, gemeente=gemeente, detail=f"API key {prefix}: {','.join(scopes)}")
    return key, f"{TOKEN_START}{prefix}_{secret}"


@transaction.atomic
def revoke_key(user, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit(user, "change", key, gemeente=key.gemeente, detail=f"API key {key.prefix} revoked")
    return key


def keys_of(gemeente):
    return ApiKey.objects.filter(gemeente=gemeente).select_related("created_by")


def authenticate(token: str) -> ApiKey | None:
    """The active key this token belongs to, or None."""
    if not token.startswith(TOKEN_START):
        return None
    prefix, _sep, secret = token[len(TOKEN_START) :].partition("_")
    key = ApiKey.objects.select_related("gemeente").filter(prefix=prefix).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(secret)):
        return None
    if not key.is_active:
        return None
    return key


def record_use(key: ApiKey, action: str, obj=None, detail: str = "") -> None:
    """Every use of a key is a line in the audit log, in the key's name."""
    ApiKey.objects.filter(pk=key.pk).update(last_used=timezone.now())
    audit(
        None,
        action,
        obj,
        gemeente=key.gemeente,
        actor_label=f"API key {key.prefix} ({key.name})"[:255],
        detail=detail,
    )


def remembered_answer(key: ApiKey, idempotency_key: str) -> IdempotentRequest | None:
    return IdempotentRequest.objects.filter(api_key=key, key=idempotency_key).first()


def remember_answer(key: ApiKey, idempotency_key: str, status: int, body: dict) -> None:
    IdempotentRequest.objects.create(api_key=key, key=idempotency_key, status=status, body=body)
