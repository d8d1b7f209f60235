# SPDX-License-Identifier: EUPL-1.2
"""The account pages (django-allauth, in Samenspel's layout) and error pages pass axe too."""

import pytest
from playwright.sync_api import expect

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_login_and_error_pages(live_server, page, axe):
    make_user(Role.INWONER, make_gemeente(), email="ilse@example.org")
    page.goto(f"{live_server.url}/accounts/login/")
    axe.check(page)
    page.fill("input[name=login]", "ilse@example.org")
    page.fill("input[name=password]", "fout-wachtwoord")
    page.click("main button[type=submit]")
    axe.check(page)
    page.goto(f"{live_server.url}/accounts/login/code/")
    axe.check(page)
    page.goto(f"{live_server.url}/gemeenten/bestaat-niet/")
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    axe.check(page)
    assert not axe.violations, "\n\n".join(axe.violations)


def test_staff_is_led_to_set_up_two_factor(live_server, login_as, axe):
    gemeente = make_gemeente()
    page = login_as(make_user(Role.GRIFFIER, gemeente))
    page.goto(f"{live_server.url}/gemeenten/{gemeente.slug}/")
    # (allauth first asks to confirm the password of a session that is not fresh)
    assert "/accounts/2fa/totp/activate/" in page.url.replace("%2F", "/")
    axe.check(page)
    assert not axe.violations, "\n\n".join(axe.violations)
