# SPDX-License-Identifier: EUPL-1.2
"""Every role logs in with the demo data, lands on “Mijn Samenspel” and sees its own sections;
axe finds no violation there. Screenshots of three homes go to docs/screenshots/, the others to
test-artifacts/."""

import time
from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from playwright.sync_api import expect

from samenspel.demo.cases import DEMO_PASSWORD
from samenspel.people.models import TWO_FACTOR_ROLES, User
from samenspel.testing import TOTP_SECRET, rfc6238_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("docs/screenshots")
ARTIFACTS = Path("test-artifacts")

# Per demo login: the section headings it must see, and demo data inside them.
HOMES = {
    "inwoner": (
        "inwoner@zeist.demo",
        ["Mijn inbreng", "Mijn aanmeldingen voor bijeenkomsten", "Trajecten bij u in de buurt"],
        ["Een repaircafé in iedere wijk van Zeist.", "Stamtafel over de Z-battle"],
    ),
    "raadslid": (
        "raadslid@zeist.demo",
        ["Trajecten zonder kader van de raad", "Laatste veranderingen"],
        ["Woonvisie (concept, nog niet openbaar)", "Brief over Slot Zeist"],
    ),
    "griffier": (
        "griffier@zeist.demo",
        ["Inbreng die nog op een antwoord wacht, oudste eerst", "Raadsinformatiebrieven"],
        ["Een repaircafé in iedere wijk van Zeist.", "Brief over Z-battle"],
    ),
    "ambtenaar": (
        "ambtenaar@zeist.demo",
        ["Mijn trajecten", "Inbreng van de gemeente die op antwoord wacht", "Bijeenkomsten die"],
        ["Slot Zeist: een nieuwe invulling", "Stamtafel over de Z-battle"],
    ),
    "collegelid": (
        "wethouder@zeist.demo",
        ["Alle trajecten"],
        ["Bezuinigingsdialoog: inwoners zoeken samen 4 miljoen euro"],
    ),
    "provincie": (
        "provincie@utrecht.demo",
        ["Provincie"],
        ["Amersfoort", "Zeist", "Mediaan tijd tot antwoord"],
    ),
}
SCREENSHOT_ROLES = {"inwoner", "griffier", "provincie"}


def _log_in(page, live_server, user: User) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    if user.memberships.filter(role__in=TWO_FACTOR_ROLES).exists():
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.fill("input[name=code]", rfc6238_code(TOTP_SECRET, time.time()))
        page.click("main button[type=submit]")


@pytest.mark.parametrize("role", sorted(HOMES))
def test_every_role_lands_on_its_home(role, live_server, page, axe):
    call_command("load_demo", stdout=StringIO())
    email, headings, demo_data = HOMES[role]
    user = User.objects.get(email=email)
    if user.memberships.filter(role__in=TWO_FACTOR_ROLES).exists():
        TOTP.activate(user, TOTP_SECRET)
    _log_in(page, live_server, user)
    page.wait_for_url("**/mijn/")
    expect(page.locator("h1")).to_have_text("Mijn Samenspel")
    main = page.locator("main")
    for text in [*headings, *demo_data]:
        expect(main).to_contain_text(text)
    expect(page.locator("#berichten")).to_be_visible()
    axe.check(page)
    folder = SCREENSHOTS if role in SCREENSHOT_ROLES else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"mijn-{role}.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)
