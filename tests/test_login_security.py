# SPDX-License-Identifier: EUPL-1.2
"""Passwords and login rate limits (probe findings 2 and 12)."""

import pytest
from django.urls import reverse

from samenspel.conf import base
from samenspel.people.models import User
from samenspel.testing import make_user

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches Samenspel from this address


@pytest.fixture
def rate_limits(settings):
    """The rate limits of every real environment (the test settings switch them off)."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    return settings


def login(client, email: str, password: str, client_address: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_failed_logins_behind_the_proxy_lock_out_only_their_own_client(client, rate_limits):
    """Finding 2: 30 failed logins on made-up e-mails locked every user out of password login."""
    user = make_user()
    for n in range(30):
        login(client, f"verzonnen{n}@example.org", "geen-wachtwoord", "203.0.113.7")
    response = login(client, user.email, "wachtwoord-123", "198.51.100.20")
    assert response.status_code == 302, response.content.decode()


def test_failed_logins_are_limited_per_account_from_any_address(client, rate_limits):
    user = make_user()
    for n in range(5):
        login(client, user.email, "geen-wachtwoord", f"198.51.100.{n + 1}")
    response = login(client, user.email, "wachtwoord-123", "192.0.2.99")
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()


def test_a_client_cannot_pick_its_address_by_sending_x_forwarded_for(client, rate_limits):
    """Only the proxy's entry counts: what the client put in front of it is ignored."""
    user = make_user()
    for n in range(20):
        login(client, f"verzonnen{n}@example.org", "x", f"192.0.2.{n}, 203.0.113.7")
    response = login(client, user.email, "wachtwoord-123", "192.0.2.250, 203.0.113.7")
    assert "Te veel inlogpogingen" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("123456", "Dit wachtwoord is te kort: gebruik minstens 12 tekens."),
        ("buurtwerker1", "Dit wachtwoord lijkt te veel op uw e-mailadres."),
        ("314159265358979", "Dit wachtwoord bevat alleen cijfers."),
        ("password1234", "Dit wachtwoord is te algemeen."),
    ],
)
def test_sign_up_refuses_weak_passwords_in_dutch(client, password, message):
    """Finding 12: the password `123456` was accepted."""
    response = client.post(
        reverse("account_signup"),
        {"email": "buurtwerker@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="buurtwerker@example.org").exists()


def test_sign_up_explains_the_password_rules_and_accepts_a_strong_one(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "minstens 12 tekens" in page
    response = client.post(
        reverse("account_signup"),
        {
            "email": "inwoner@example.org",
            "password1": "lange-zin-over-de-buurt",
            "password2": "lange-zin-over-de-buurt",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="inwoner@example.org").exists()
