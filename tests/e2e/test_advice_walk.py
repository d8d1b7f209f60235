# SPDX-License-Identifier: EUPL-1.2
"""Decision aid in Chromium: answer the questionnaire, read the advice, deviate with a reason,
and find both on the raadsinformatiebrief; axe-checked on every page (issue: advice)."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from samenspel.people.models import Role
from samenspel.testing import make_gemeente, make_traject, make_user

RUNG = re.compile("informeren|raadplegen|adviseren|coproduceren|meebeslissen")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_questionnaire_advice_and_deviation(live_server, login_as, axe):
    gemeente = make_gemeente("Heusden", inhabitants=46_026)
    ambtenaar = make_user(Role.AMBTENAAR, gemeente)
    TOTP.activate(ambtenaar, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(
        gemeente, title="Buurt bestuurt in Hedikhuizen", initiator="samenleving", domein="sociaal"
    )
    page = login_as(ambtenaar)
    base = live_server.url
    page.goto(f"{base}{traject.get_absolute_url()}")
    page.click("a[href$='/advies/vragen/']")
    axe.check(page)
    # Step 1 (context) is prefilled from the trajectory; go on.
    expect(page.locator("#id_initiator_0")).to_be_checked()
    page.click("main button[type=submit]:not([name=terug])")
    strengths = {
        "kracht": "5",
        "georganiseerd": "5",
        "zelf_uitvoeren": "5",
        "draagvlak": "4",
        "vertrouwen_samenleving_overheid": "ja",
    }
    for _step in range(10):
        axe.check(page)
        for question, value in strengths.items():
            radio = page.locator(f"input[name={question}][value='{value}']")
            if radio.count():
                radio.check()
                # The advice so far is re-computed live as answers change.
                expect(page.locator("#voorproef dd").first).to_have_text(RUNG)
        page.click("main button[type=submit]:not([name=terug])")
        if page.url.endswith("/advies/"):
            break
    expect(page.locator("h1")).to_have_text("Advies over samenwerken")
    expect(page.locator("#h-rung ~ figure figcaption")).to_contain_text(
        "Trede 5 van 5: Meebeslissen"
    )
    axe.check(page)
    page.get_by_text("Uitleg voor de beheerder").click()
    axe.check(page)

    # Deviate: first without a reason (error next to the field), then with one.
    page.select_option("#id_chosen_rung", "coproduceren")
    page.click("form[action$='/keuze/'] button[type=submit]")
    expect(page.locator("#id_deviation_reason_error")).to_be_visible()
    axe.check(page)
    page.fill("#id_deviation_reason", "De buurt wil eerst samen met de gemeente oefenen.")
    page.click("form[action$='/keuze/'] button[type=submit]")
    axe.check(page)

    page.goto(f"{base}{traject.get_absolute_url()}raadsinformatiebrief/")
    main = page.locator("main")
    expect(main).to_contain_text(re.compile("meebeslissen", re.I))
    expect(main).to_contain_text(re.compile("coproduceren", re.I))
    expect(main).to_contain_text("De buurt wil eerst samen met de gemeente oefenen.")
    axe.check(page)
    assert not axe.violations, "\n\n".join(axe.violations)
