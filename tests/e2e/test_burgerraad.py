# SPDX-License-Identifier: EUPL-1.2
"""The burgerraad in Chromium, axe-checked on every page: an official sets it up (expected
composition against the CBS population), a resident redeems the letter's code and answers
without an account, the organiser sees the pool against the quotas, freezes it (the lottery is
computed as long work and its list of panels published with the digest), enters the public
number, signs the proces-verbaal and replaces a member who withdrew."""

import csv
import io
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from playwright.sync_api import expect

from samenspel.assemblies.services import Burgerraad
from samenspel.engines.sampling import synthetic_address_file
from samenspel.people.models import Role
from samenspel.reach import services as reach
from samenspel.reach.tasks import draw_sample, make_letters
from samenspel.testing import make_gemeente, make_pool, make_traject, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def _codes(official, use) -> list[str]:
    """Letters for five addresses of a small synthetic file, made by the reach tasks."""
    shares = {wijk: share for wijk, (share, _name) in reach.wijk_population(use.gemeente).items()}
    address_file = reach.upload(
        official, use, "BAG-uittreksel", synthetic_address_file(shares, 200, seed=3)
    )
    batch, work = reach.start_draw(official, address_file, 5, "wijk")
    draw_sample.call(work.pk, batch.pk)
    letters = reach.start_letters(official, batch)
    make_letters.call(letters.pk, batch.pk)
    batch.refresh_from_db()
    table = reach.letters_file(official, batch, "csv").decode("utf-8-sig")
    return [row["code"] for row in csv.DictReader(io.StringIO(table), delimiter=";")]


def test_burgerraad_from_set_up_to_replacement(live_server, login_as, page, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gemeente = make_gemeente("Amersfoort", inhabitants=160_000)
    gemeente.cbs_code = "GM0307"
    gemeente.save()
    official = make_user(Role.AMBTENAAR, gemeente)
    TOTP.activate(official, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(gemeente, user=official, title="Wonen in Amersfoort")
    base = live_server.url

    # Set-up by the organiser.
    org = login_as(official)
    org.goto(base + reverse("assemblies:create", args=[gemeente.slug, traject.pk]))
    axe.check(org)
    org.fill("#id_title", "Burgerraad wonen")
    org.fill("#id_question", "Hoe zorgen we voor genoeg betaalbare woningen?")
    org.fill("#id_mandate", "Advies aan de raad over de woonvisie.")
    org.fill("#id_promise", "De raad bespreekt het advies binnen drie maanden in het openbaar.")
    org.fill("#id_seats", "6")
    org.fill("#id_compensation", "€ 50 per bijeenkomst")
    org.fill("#id_panels", "20")
    org.fill("#id_dates", "2027-03-06\n2027-03-20")
    org.get_by_label("Wijk").uncheck()
    org.get_by_label("Opleidingsniveau").uncheck()
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("Verwachte samenstelling")
    expect(org.locator("main table")).to_contain_text("65 jaar of ouder")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-detail.png"), full_page=True)
    burgerraad = Burgerraad.objects.get()
    org.get_by_role("link", name="Brieven en codes").click()
    axe.check(org)

    # A resident answers with the letter's code, without an account.
    codes = _codes(official, burgerraad.use)
    page.goto(base + "/code/")
    page.fill("#id_code", codes[0])
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Antwoord op de uitnodiging")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Vul een e-mailadres of een telefoonnummer in")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "burgerraad-response-errors.png"), full_page=True)
    page.fill("#id_name", "Sanne Visser")
    page.select_option("#id_feature_age_band", "25-44")
    page.select_option("#id_feature_gender", "vrouw")
    page.fill("#id_email", "sanne@voorbeeld.nl")
    page.get_by_label("zaterdag 6 maart 2027").check()
    page.get_by_label("kinderopvang").check()
    page.get_by_label(re.compile("Ik vind het goed")).check()
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Dank u wel voor uw antwoord")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "burgerraad-response-done.png"), full_page=True)
    make_pool(burgerraad, 40)

    # The pool against the quotas, then the freeze and the published list.
    org.goto(base + burgerraad.get_absolute_url())
    org.get_by_role("link", name="Pool en loting").click()
    expect(org.locator("main")).to_contain_text("Met deze pool zijn alle quota te halen.")
    expect(org.locator("main")).to_contain_text("Sanne Visser")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-pool.png"), full_page=True)
    org.set_default_timeout(240_000)  # the test's task backend runs the work in the request
    org.get_by_role("button", name="De pool bevriezen en de lijst van panels publiceren").click()
    expect(org.locator("main")).to_contain_text("Klaar")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-progress.png"), full_page=True)
    org.get_by_role("link", name="Verder").click()
    expect(org.locator("main")).to_contain_text("Vingerafdruk van de lijst (SHA-256)")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-published.png"), full_page=True)

    # The public number, entered at the meeting.
    org.get_by_role("link", name="Het openbare getal invullen en loten").click()
    axe.check(org)
    org.fill("#id_number", "7")
    org.click("main button[type=submit]")
    expect(org.locator("main")).to_contain_text("Samenstelling van het panel naast de quota")
    expect(org.locator("main")).not_to_contain_text("buiten het quotum")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-drawn.png"), full_page=True)

    # The proces-verbaal, then a replacement.
    org.goto(base + reverse("assemblies:pool", args=[gemeente.slug, burgerraad.pk]))
    org.get_by_role("link", name="Het proces-verbaal ondertekenen").click()
    axe.check(org)
    org.fill("#id_place", "Stadhuis, raadzaal")
    org.fill("#id_present", "De griffier en twee raadsleden")
    org.fill("#id_signed_by", "G. Griffier")
    org.click("main button[type=submit]")
    pdf = org.get_by_role("link", name="Proces-verbaal (PDF)").get_attribute("href")
    assert org.request.get(base + pdf).body().startswith(b"%PDF")
    org.goto(base + reverse("assemblies:pool", args=[gemeente.slug, burgerraad.pk]))
    org.get_by_role("button", name=re.compile("Teruggetrokken: vervanger loten")).first.click()
    expect(org.locator("main")).to_contain_text("krijgt de zetel")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-replacement.png"), full_page=True)
    org.goto(base + reverse("assemblies:draw", args=[gemeente.slug, burgerraad.pk]))
    expect(org.locator("main")).to_contain_text("kreeg de zetel")
    expect(org.locator("main")).not_to_contain_text("buiten het quotum")
    axe.check(org)
    org.screenshot(path=str(ARTIFACTS / "burgerraad-public-draw.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)
