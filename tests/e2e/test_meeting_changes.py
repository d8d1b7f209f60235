# SPDX-License-Identifier: EUPL-1.2
"""A meeting people can rely on, in Chromium and axe-checked (issue 13, item 7): a full meeting
offers its waiting list, the organiser changes and then cancels it, and the people registered
find the news in their inbox and on the meeting's page."""

from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from samenspel.meetings.models import Aanmelding
from samenspel.meetings.services import register
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def test_waiting_list_change_and_cancellation(live_server, login_as, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gemeente = make_gemeente("Zeist", inhabitants=66_641)
    organiser = make_user(Role.AMBTENAAR, gemeente)
    TOTP.activate(organiser, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(gemeente, user=organiser, title="Slot Zeist")
    bijeenkomst = make_bijeenkomst(traject, user=organiser, capacity=1)
    registered = make_user(Role.INWONER, gemeente)
    register(registered, bijeenkomst)
    meeting_url = live_server.url + bijeenkomst.get_absolute_url()

    # The meeting is full: a resident joins the waiting list.
    late_resident = make_user(Role.INWONER, gemeente)
    late = login_as(late_resident)
    late.goto(meeting_url)
    axe.check(late)
    late.get_by_role("button", name="Op de wachtlijst zetten").click()
    expect(late.locator("main")).to_contain_text("U staat op de wachtlijst.")
    axe.check(late)
    assert Aanmelding.objects.get(user=late_resident).waiting

    # The organiser moves it to another place, with a description.
    page = login_as(organiser)
    page.goto(meeting_url)
    page.get_by_role("link", name="Bijeenkomst wijzigen").click()
    axe.check(page)
    page.fill("#id_description", "We praten over de toekomst van het slot.")
    page.fill("#id_place", "Bibliotheek Zeist")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("de aanmelders krijgen bericht")
    expect(page.locator("main")).to_contain_text("We praten over de toekomst van het slot.")
    axe.check(page)

    # And then cancels it, with a reason.
    page.get_by_role("link", name="Bijeenkomst afzeggen").click()
    axe.check(page)
    page.fill("#id_reason", "De zaal is niet beschikbaar.")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Deze bijeenkomst is afgezegd.")
    axe.check(page)

    resident = login_as(registered)
    resident.goto(live_server.url + "/berichten/")
    expect(resident.locator("main")).to_contain_text("Gewijzigd: Stamtafel")
    expect(resident.locator("main")).to_contain_text("Afgezegd: Stamtafel")
    axe.check(resident)
    resident.goto(meeting_url)
    expect(resident.locator("main")).to_contain_text("De zaal is niet beschikbaar.")
    resident.screenshot(path=str(ARTIFACTS / "meeting-cancelled.png"), full_page=True)
    axe.check(resident)
    assert not axe.violations, "\n\n".join(axe.violations)
