# SPDX-License-Identifier: EUPL-1.2
"""TOTP secrets and recovery-code seeds are encrypted at rest (probe finding 13)."""

import importlib
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from samenspel.core.services import decrypt, encrypt
from samenspel.people.models import Role
from samenspel.people.tests.test_two_factor import SECRET, rfc6238_code
from samenspel.testing import make_gemeente, make_user

pytestmark = pytest.mark.django_db

migration = importlib.import_module("samenspel.people.migrations.0002_encrypt_mfa_secrets")


def _stored_data(authenticator) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT data FROM {Authenticator._meta.db_table} WHERE id = %s", [authenticator.pk]
        )
        return str(cursor.fetchone()[0])


def test_totp_secret_and_recovery_seed_are_not_stored_in_clear():
    user = make_user(Role.AMBTENAAR, make_gemeente())
    totp = TOTP.activate(user, SECRET).instance
    assert SECRET not in _stored_data(totp)
    assert decrypt(totp.data["secret"]) == SECRET
    codes = RecoveryCodes.activate(user)
    seed = decrypt(codes.instance.data["seed"])
    assert seed not in _stored_data(codes.instance)
    assert len(codes.generate_codes()) > 0


@pytest.fixture
def forget_used_codes():
    """allauth remembers used codes per user id in the cache; ids recur between tests."""
    yield
    cache.clear()


def test_clear_text_secrets_of_before_are_encrypted_by_the_migration_and_still_work(
    forget_used_codes,
):
    user = make_user(Role.AMBTENAAR, make_gemeente())
    # Stored as the old code did: the secret in clear, bypassing the adapter.
    legacy = Authenticator.objects.create(user=user, type="totp", data={"secret": SECRET})
    migration.encrypt_secrets(apps, None)
    migration.encrypt_secrets(apps, None)  # a second run changes nothing
    legacy.refresh_from_db()
    assert SECRET not in _stored_data(legacy)
    assert decrypt(legacy.data["secret"]) == SECRET
    assert TOTP(legacy).validate_code(rfc6238_code(SECRET, time.time()))
    migration.decrypt_secrets(apps, None)
    legacy.refresh_from_db()
    assert legacy.data["secret"] == SECRET


def test_a_rotated_key_still_decrypts_and_a_bad_key_is_refused(settings):
    old_key = settings.SAMENSPEL_ENCRYPTION_KEY
    token = encrypt(SECRET)
    settings.SAMENSPEL_ENCRYPTION_KEY = "NYLmgi8z5j2GkYE9n2jDdRLuqQ2dqRNqMG1lD4b8Tzs=," + old_key
    assert decrypt(token) == SECRET
    assert encrypt(SECRET) != token
    settings.SAMENSPEL_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(ImproperlyConfigured):
        encrypt(SECRET)
