# SPDX-License-Identifier: EUPL-1.2
"""The whole loop in Chromium, axe-checked on every page (issue: spine, Done when): from
exploration to evaluation, through the council's frame (issue 13)."""

from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_user
from samenspel.trajectories.models import Ankerpunt, Inbreng

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def _staff(role, gemeente):
    user = make_user(role, gemeente)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # staff must have two factors
    return user


def _move(page, traject_url, phase, axe):
    """Change the trajectory's phase through the form; back on the trajectory page."""
    page.goto(traject_url + "fase/")
    page.select_option("#id_to_phase", phase)
    page.fill("#id_reason", "Volgende stap volgens de procesafspraken.")
    page.click("main button[type=submit]")
    expect(page.locator(".samenspel-phases [aria-current=step]")).to_have_count(1)
    assert page.url == traject_url, page.url
    axe.check(page)


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

    # 3. Participation waits for the council's frame: the official is refused and told why.
    _move(official, traject_url, "kaderstelling", axe)
    official.goto(traject_url + "fase/")
    official.select_option("#id_to_phase", "participatie")
    official.fill("#id_reason", "Inwoners denken mee.")
    official.click("main button[type=submit]")
    expect(official.locator("main")).to_contain_text("De raad heeft nog geen ankerpunten")
    expect(official.locator("main")).to_contain_text("Er zijn nog geen procesafspraken.")
    official.screenshot(path=str(ARTIFACTS / "phase-refused.png"), full_page=True)
    axe.check(official)

    # The griffier adds an anchor point, the official records the process agreements.
    clerk = login_as(griffier)
    clerk.goto(traject_url + "ankerpunten/nieuw/")
    axe.check(clerk)
    clerk.fill("#id_text", "Het slot blijft publiek toegankelijk.")
    clerk.fill("#id_set_on", timezone.localdate().isoformat())
    clerk.click("main button[type=submit]")
    expect(clerk.locator("main")).to_contain_text("Het slot blijft publiek toegankelijk.")
    axe.check(clerk)
    official.goto(traject_url + "procesafspraken/")
    axe.check(official)
    for field, text in (
        ("wie_beslist", "De raad besluit over het plan."),
        ("rollen", "Inwoners werken het plan uit binnen de ankerpunten."),
        ("wat_met_inbreng", "Iedere inbreng krijgt een openbaar antwoord."),
        ("terugkoppeling", "Binnen zes weken na het raadsbesluit."),
        ("raad_informeren", "Na iedere bijeenkomst."),
    ):
        official.fill(f"#id_{field}", text)
    official.click("main button[type=submit]")
    expect(official.locator("main")).to_contain_text("De raad besluit over het plan.")
    _move(official, traject_url, "participatie", axe)

    # 4. A resident submits input.
    resident = login_as(inwoner)
    resident.goto(traject_url)
    axe.check(resident)
    resident.goto(traject_url + "inbreng/nieuw/")
    axe.check(resident)
    resident.fill("#id_text", "Maak van de slotgrachten een wandelroute.")
    resident.click("main button[type=submit]")
    assert resident.url == traject_url  # back on the trajectory, with a thank-you
    expect(resident.locator(".samenspel-messages")).to_contain_text("uw inbreng ontvangen")
    axe.check(resident)

    # 5. The official closes it with an explanation.
    inbreng = Inbreng.objects.get()
    official.goto(traject_url + f"inbreng/{inbreng.pk}/beantwoorden/")
    axe.check(official)
    official.select_option("#id_status", "overgenomen")
    official.fill("#id_explanation", "Opgenomen in het plan als slotroute.")
    official.click("main button[type=submit]")
    axe.check(official)
    # A revised answer is a new version: the first one stays readable.
    official.goto(traject_url + f"inbreng/{inbreng.pk}/beantwoorden/")
    official.select_option("#id_status", "deels_overgenomen")
    official.fill("#id_explanation", "De route loopt langs de helft van de grachten.")
    official.click("main button[type=submit]")
    axe.check(official)

    # 6. With every input answered the trajectory goes on, to its evaluation, where the
    # griffier records whether the anchor point held.
    for phase in ("besluitvorming", "terugkoppeling", "evaluatie"):
        _move(official, traject_url, phase, axe)
    ankerpunt = Ankerpunt.objects.get()
    clerk.goto(traject_url)
    clerk.get_by_role("link", name="Vastleggen of het standhield").click()
    axe.check(clerk)
    clerk.select_option("#id_held", "True")
    clerk.fill("#id_held_note", "Het slot bleef het hele proces publiek toegankelijk.")
    clerk.click("main button[type=submit]")
    assert clerk.url == traject_url
    expect(clerk.locator("main")).to_contain_text("standgehouden")
    assert Ankerpunt.objects.get(pk=ankerpunt.pk).held is True

    # 7. The resident reads it on "Wat is er met uw inbreng gedaan?", with the earlier answer.
    resident.goto(traject_url + "inbreng/")
    expect(resident.locator("h1")).to_have_text("Wat is er met uw inbreng gedaan?")
    expect(resident.locator("main")).to_contain_text("De route loopt langs de helft")
    resident.get_by_text("Eerdere antwoorden").click()
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

    assert len(axe.pages) >= 25
    assert not axe.violations, "\n\n".join(axe.violations)
