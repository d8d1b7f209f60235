# SPDX-License-Identifier: EUPL-1.2
"""The instrument contract in Chromium, axe-checked on every page: an organiser edits a meeting's
settings per phase, names a co-organiser, e-mails the registrants as long work whose page
follows the progress by itself; the phase hook closes registration in the evaluation phase."""

from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from playwright.sync_api import expect

from samenspel.core.models import LongWork
from samenspel.meetings.services import register
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories.services import change_phase

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def _staff(role, gemeente):
    user = make_user(role, gemeente)
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def test_a_meeting_on_the_instrument_contract(live_server, login_as, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gemeente = make_gemeente("Zeist", inhabitants=66_641)
    organiser = _staff(Role.AMBTENAAR, gemeente)
    colleague = _staff(Role.AMBTENAAR, gemeente)
    traject = make_traject(gemeente, user=organiser, title="Slot Zeist", phase="terugkoppeling")
    bijeenkomst = make_bijeenkomst(traject, user=organiser)
    for _n in range(3):
        register(make_user(Role.INWONER, gemeente), bijeenkomst)
    base = live_server.url
    meeting_url = base + bijeenkomst.get_absolute_url()

    # Settings, from the form built from the dataclass: first a mistake, shown by the field.
    page = login_as(organiser)
    page.goto(meeting_url)
    axe.check(page)
    page.get_by_role("link", name="Instellingen").click()
    expect(page.locator("h1")).to_contain_text("Instellingen")
    axe.check(page)
    page.fill("#id_algemeen-close_hours_before", "999")
    page.fill("#id_algemeen-practical_info", "Neem uw vragen mee.")
    page.uncheck("#id_besluitvorming-registration_open")
    page.click("main button[type=submit]")
    expect(page.locator("#id_algemeen-close_hours_before_error")).to_contain_text("336")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "instrument-settings-error.png"), full_page=True)
    page.fill("#id_algemeen-close_hours_before", "2")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("De instellingen zijn opgeslagen.")
    bijeenkomst.use.refresh_from_db()
    assert bijeenkomst.use.settings.close_hours_before == 2
    assert not bijeenkomst.use.settings_in("besluitvorming").registration_open

    # A co-organiser, named on the organisers page.
    page.get_by_role("link", name="Organisatoren").click()
    expect(page.locator("#id_user")).to_be_visible()
    axe.check(page)
    page.select_option("#id_user", str(colleague.pk))
    page.click("main form:not(.samenspel-inline-form) button[type=submit]")
    expect(page.locator("tbody")).to_contain_text(colleague.display_name)
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "instrument-organisers.png"), full_page=True)

    # E-mail to all registrants: long work with a progress page.
    page.goto(meeting_url)
    page.screenshot(path=str(ARTIFACTS / "meeting-organiser.png"), full_page=True)
    page.get_by_role("link", name="E-mail de aanmelders").click()
    axe.check(page)
    page.fill("#id_subject", "Andere zaal")
    page.fill("#id_body", "We zitten in de raadzaal.")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("3 van 3 e-mails verstuurd")
    axe.check(page)
    assert len(mail.outbox) == 3

    # While work runs, the page follows it without a reload (htmx, under the CSP).
    running = LongWork.objects.create(
        title="Loting", owner=organiser, status="running", done=1, total=4
    )
    page.goto(f"{base}/werk/{running.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "25")
    expect(page.get_by_role("link", name="Vernieuwen")).to_be_visible()
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "long-work-running.png"), full_page=True)
    LongWork.objects.filter(pk=running.pk).update(status="done", done=4)
    expect(page.locator("main")).to_contain_text("Klaar", timeout=6000)
    expect(page.get_by_role("link", name="Vernieuwen")).to_have_count(0)
    axe.check(page)

    # The phase hook: in the evaluation phase registration is closed.
    change_phase(organiser, traject, "evaluatie", "Terugkijken.")
    resident = login_as(make_user(Role.INWONER, gemeente))
    resident.goto(meeting_url)
    expect(resident.locator("main")).to_contain_text("Aanmelden voor deze bijeenkomst is gesloten.")
    axe.check(resident)
    resident.screenshot(path=str(ARTIFACTS / "meeting-registration-closed.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)
