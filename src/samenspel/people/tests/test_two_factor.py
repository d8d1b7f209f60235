"""Every staff role needs TOTP; residents log in without it (issue: accounts)."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def rfc6238_code(secret: str, at: float) -> str:
    """TOTP per RFC 6238 (SHA-1, 30 s, 6 digits), written from the RFC for this test."""
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.mark.parametrize("role", [Role.RAADSLID, Role.GRIFFIER, Role.COLLEGELID, Role.AMBTENAAR])
def test_staff_without_totp_must_set_it_up(role, client):
    gemeente = make_gemeente()
    client.force_login(make_user(role, gemeente))
    response = client.get(reverse("trajectories:gemeente", args=[gemeente.slug]))
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", [Role.INWONER, Role.ORGANISATIE])
def test_residents_need_no_second_factor(role, client):
    gemeente = make_gemeente()
    client.force_login(make_user(role, gemeente))
    assert client.get(reverse("trajectories:gemeente", args=[gemeente.slug])).status_code == 200


def test_staff_login_asks_for_the_totp_code(client):
    gemeente = make_gemeente()
    user = make_user(Role.AMBTENAAR, gemeente, email="ambtenaar@example.org")
    TOTP.activate(user, SECRET)
    response = client.post(
        reverse("account_login"), {"login": "ambtenaar@example.org", "password": "wachtwoord-123"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": rfc6238_code(SECRET, time.time())})
    assert client.session["_auth_user_id"] == str(user.pk)
    page = client.get(reverse("trajectories:gemeente", args=[gemeente.slug]))
    assert page.status_code == 200
