# SPDX-License-Identifier: EUPL-1.2
"""Encrypt the TOTP secrets and recovery-code seeds stored in clear before encryption at rest."""

from django.db import migrations

from samenspel.core.services import InvalidToken, decrypt, encrypt


def _convert(value: str, forward: bool) -> str:
    try:
        clear = decrypt(value)
    except InvalidToken:
        clear = value
    return encrypt(clear) if forward else clear


def _convert_all(apps, forward: bool) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=["totp", "recovery_codes"]):
        data = dict(authenticator.data)
        for key in ("secret", "seed"):
            if key in data:
                data[key] = _convert(data[key], forward)
        if data.get("migrated_codes") is not None:
            data["migrated_codes"] = [_convert(code, forward) for code in data["migrated_codes"]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor):
    _convert_all(apps, forward=True)


def decrypt_secrets(apps, schema_editor):
    _convert_all(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
