# SPDX-License-Identifier: EUPL-1.2
"""Secrets at rest and keyed pseudonyms, from one key in the environment.

``SAMENSPEL_ENCRYPTION_KEY`` holds one or more Fernet keys separated by commas: the first
encrypts, every one decrypts (to rotate, put a new key in front and re-save the secrets).
A keyed pseudonym is an HMAC with a key derived from the first key, so it cannot be reversed
by hashing a list of e-mail addresses.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "InvalidToken",
    "decrypt",
    "decrypt_bytes",
    "derived_key",
    "encrypt",
    "encrypt_bytes",
    "pseudonym",
]

_PSEUDONYM_PURPOSE = b"samenspel audit pseudonym v1"


@cache
def _keys(setting: str) -> tuple[bytes, ...]:
    keys = tuple(part.strip().encode() for part in setting.split(",") if part.strip())
    if not keys:
        raise ImproperlyConfigured("SAMENSPEL_ENCRYPTION_KEY is empty.")
    try:
        for key in keys:
            Fernet(key)
    except ValueError as exc:
        raise ImproperlyConfigured(
            "SAMENSPEL_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes), "
            "separated by commas; generate one with "
            '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key())"`.'
        ) from exc
    return keys


@cache
def _fernet(setting: str) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys(setting)])


def encrypt(text: str) -> str:
    """Encrypt (and authenticate) a short secret for storage."""
    return _fernet(settings.SAMENSPEL_ENCRYPTION_KEY).encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The secret ``encrypt`` stored; raises ``InvalidToken`` on a wrong key or altered text."""
    return _fernet(settings.SAMENSPEL_ENCRYPTION_KEY).decrypt(token.encode("ascii")).decode()


def encrypt_bytes(data: bytes) -> bytes:
    """Encrypt (and authenticate) a file's content for storage."""
    return _fernet(settings.SAMENSPEL_ENCRYPTION_KEY).encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    """The content ``encrypt_bytes`` stored; raises ``InvalidToken`` like ``decrypt``."""
    return _fernet(settings.SAMENSPEL_ENCRYPTION_KEY).decrypt(token)


def derived_key(purpose: bytes) -> bytes:
    """A 32-byte key for one purpose (keyed hashes), derived from the first key."""
    primary = _keys(settings.SAMENSPEL_ENCRYPTION_KEY)[0]
    return hmac.new(primary, purpose, hashlib.sha256).digest()


def pseudonym(value: str) -> str:
    """A stable, keyed stand-in for ``value`` (the same value always gives the same label)."""
    key = derived_key(_PSEUDONYM_PURPOSE)
    digest = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return f"pseudonym-{digest[:20]}"
