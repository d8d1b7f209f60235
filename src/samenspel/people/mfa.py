# SPDX-License-Identifier: EUPL-1.2
"""django-allauth's MFA adapter: TOTP secrets and recovery-code seeds are stored encrypted."""

from __future__ import annotations

from allauth.mfa.adapter import DefaultMFAAdapter

from samenspel.core.services import decrypt, encrypt


class EncryptingMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
