# SPDX-License-Identifier: EUPL-1.2
"""The whole loop in Chromium, axe-checked on every page (issue: spine, Done when)."""

from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user
from samenspel.trajectories.models import Inbreng

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def _staff(role, gemeente):
    user = make_user(role, gemeente)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff must have two factors
    return user


def test_whole_loop(live_server, login_as, page, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gemeente = make_gemeente("Zeist", inhabitants=66_641)
    ambtenaar = _staff(Role.AMBTENAAR, gemeente)
    raadslid = _staff(Role.RAADSLID, gemeente)
    griffier = _staff(Role.GRIFFIER, gemeente)
    inwoner = make_user(Role.INWONER, gemeente)
    base = live_server.url

    # 1. An official creates a trajectory (first with a mistake: the error shows by the field).
    official = login_as(ambtenaar)
    official.goto(f"{base}/gemeenten/{gemeente.slug}/")
    axe.check(official)
    official.goto(f"{base}/gemeenten/{gemeente.slug}/trajecten/nieuw/")
    axe.check(official)
    official.fill("#id_title", "Slot")
    official.fill("#id_description", "Een nieuwe invulling voor het slot, samen met inwoners.")
    official.select_option("#id_initiator", "college")
    official.select_option("#id_domein", "fysiek")
    official.click("main button[type=submit]")
    expect(official.locator("#id_title_error")).to_be_visible()
    axe.check(official)
    official.fill("#id_title", "Slot Zeist: een nieuwe invulling")
    official.click("main button[type=submit]")
    expect(official.locator("h1")).to_have_text("Slot Zeist: een nieuwe invulling")
    traject_url = official.url
    axe.check(official)

    # 2. A council member of that municipality finds the notification.
    council = login_as(raadslid)
    council.goto(f"{base}/berichten/")
    axe.check(council)
    council.get_by_role("link", name="Slot Zeist: een nieuwe invulling").first.click()
    assert council.url == traject_url

    # 3. The griffier adds an anchor point.
    clerk = login_as(griffier)
    clerk.goto(traject_url + "ankerpunten/nieuw/")
    axe.check(clerk)
    clerk.fill("#id_text", "Het slot blijft publiek toegankelijk.")
    clerk.fill("#id_set_on", timezone.localdate().isoformat())
    clerk.click("main button[type=submit]")
    expect(clerk.locator("main")).to_contain_text("Het slot blijft publiek toegankelijk.")
    axe.check(clerk)

    # 4. A resident submits input.
    resident = login_as(inwoner)
    resident.goto(traject_url)
    axe.check(resident)
    resident.goto(traject_url + "inbreng/nieuw/")
    axe.check(resident)
    resident.fill("#id_text", "Maak van de slotgrachten een wandelroute.")
    resident.click("main button[type=submit]")
    expect(resident.locator("main")).to_contain_text("Maak van de slotgrachten een wandelroute.")
    axe.check(resident)

    # 5. The official closes it with an explanation.
    inbreng = Inbreng.objects.get()
    official.goto(traject_url + f"inbreng/{inbreng.pk}/beantwoorden/")
    axe.check(official)
    official.select_option("#id_status", "overgenomen")
    official.fill("#id_explanation", "Opgenomen in het plan als slotroute.")
    official.click("main button[type=submit]")
    axe.check(official)

    # 6. The resident reads it on "Wat is er met uw inbreng gedaan?".
    resident.goto(traject_url + "inbreng/")
    expect(resident.locator("h1")).to_have_text("Wat is er met uw inbreng gedaan?")
    expect(resident.locator("main")).to_contain_text("Opgenomen in het plan als slotroute.")
    resident.screenshot(path=str(ARTIFACTS / "feedback.png"), full_page=True)
    axe.check(resident)

    # The public pages of the walk, without logging in, and the printable letter.
    for path in (
        "/",
        f"/gemeenten/{gemeente.slug}/",
        traject_url.removeprefix(base),
        traject_url.removeprefix(base) + "inbreng/",
        traject_url.removeprefix(base) + "raadsinformatiebrief/",
    ):
        page.goto(base + path)
        axe.check(page)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "raadsinformatiebrief-print.png"), full_page=True)

    assert len(axe.pages) >= 15
    assert not axe.violations, "\n\n".join(axe.violations)
