# SPDX-License-Identifier: EUPL-1.2
"""Every role that sees non-public data needs TOTP; residents log in without it."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from samenspel.people.models import TWO_FACTOR_ROLES, Role, User
from samenspel.testing import (
    TOTP_SECRET,
    make_gemeente,
    make_provincie,
    make_traject,
    make_user,
    rfc6238_code,
)

pytestmark = pytest.mark.django_db

SECRET = TOTP_SECRET


@pytest.mark.parametrize("role", [Role.RAADSLID, Role.GRIFFIER, Role.COLLEGELID, Role.AMBTENAAR])
def test_staff_without_totp_must_set_it_up(role, client):
    gemeente = make_gemeente()
    client.force_login(make_user(role, gemeente))
    response = client.get(reverse("trajectories:gemeente", args=[gemeente.slug]))
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_activate_totp")


def test_province_staff_must_set_up_totp_before_seeing_closed_trajectories(client):
    """Probe finding 6: province staff see non-public trajectories and feedback overviews."""
    provincie = make_provincie()
    gemeente = make_gemeente(provincie=provincie)
    closed = make_traject(gemeente, is_public=False)
    client.force_login(make_user(Role.PROVINCIE, provincie=provincie))
    for name in ("detail", "feedback"):
        response = client.get(reverse(f"trajectories:{name}", args=[gemeente.slug, closed.pk]))
        assert response.status_code == 302
        assert response.headers["Location"] == reverse("mfa_activate_totp")


def _two_factor_user(role):
    if role == "admin":
        return User.objects.create_user("beheer@example.org", "wachtwoord-123", is_staff=True)
    if role == Role.PROVINCIE:
        return make_user(role, provincie=make_provincie(), email="persoon@example.org")
    return make_user(role, make_gemeente(), email="persoon@example.org")


@pytest.mark.parametrize("role", sorted(TWO_FACTOR_ROLES) + ["admin"])
def test_no_email_or_password_change_before_totp(role, client):
    """Probe finding 6: until TOTP is set up, a stolen password cannot take the account over."""
    user = _two_factor_user(role)
    client.force_login(user)
    to_enrolment = reverse("mfa_activate_totp")
    blocked = [
        client.get(reverse("account_change_password")),
        client.post(
            reverse("account_change_password"),
            {"oldpassword": "wachtwoord-123", "password1": "x" * 20, "password2": "x" * 20},
        ),
        client.get(reverse("account_set_password")),
        client.post(reverse("account_email"), {"action_add": "", "email": "aanvaller@example.org"}),
        client.post(
            reverse("account_email"),
            {"action_send": "", "action_primary": "", "email": "aanvaller@example.org"},
        ),
    ]
    assert [r.headers.get("Location") for r in blocked] == [to_enrolment] * len(blocked)
    user.refresh_from_db()
    assert user.check_password("wachtwoord-123")
    assert not user.emailaddress_set.filter(email="aanvaller@example.org").exists()
    # What setting up TOTP needs stays open: password again, the page, the e-mail verification.
    enrolment = client.get(to_enrolment)
    assert enrolment.status_code == 302
    assert enrolment.headers["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(enrolment.headers["Location"]).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200
    resend = client.post(reverse("account_email"), {"action_send": "", "email": user.email})
    assert resend.headers.get("Location") != to_enrolment


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
