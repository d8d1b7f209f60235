# SPDX-License-Identifier: EUPL-1.2
"""An anonymous visitor takes part: "Doe mee", sign up, confirm the e-mail, say where they live,
give input, and land back on the trajectory; axe-checked on every page of the walk."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from samenspel.municipalities.services import Gebied
from samenspel.people.models import Membership, Role
from samenspel.people.services import AssuranceLevel, assurance_level
from samenspel.testing import make_gemeente, make_traject, make_user
from samenspel.trajectories.models import Inbreng, InbrengStatus, Traject
from samenspel.trajectories.services import answer_inbreng

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")
SCREENSHOTS = Path("docs/screenshots")


def test_anonymous_visitor_signs_up_declares_zeist_and_gives_input(live_server, page, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    zeist = make_gemeente("Zeist", inhabitants=66_641)
    wijk = Gebied.objects.create(gemeente=zeist, kind="wijk", name="Zeist-West")
    traject = make_traject(
        zeist, user=make_user(Role.AMBTENAAR, zeist), title="Slot Zeist: een nieuwe invulling"
    )
    Traject.objects.filter(pk=traject.pk).update(phase="participatie")
    traject_url = f"{live_server.url}{traject.get_absolute_url()}"

    # 1. The trajectory invites everyone to take part.
    page.goto(traject_url)
    axe.check(page)
    page.get_by_role("link", name="Doe mee").click()

    # 2. Through the login page (in the site's layout) to signing up; "next" goes along.
    expect(page.locator("h1")).to_have_text("Inloggen")
    axe.check(page)
    page.screenshot(path=str(SCREENSHOTS / "login.png"), full_page=True)
    page.get_by_role("link", name="Maak een account").click()
    expect(page.locator("h1")).to_have_text("Account maken")
    axe.check(page)
    page.fill("input[name=email]", "nieuw@example.org")
    page.fill("input[name=password1]", "Zomer-in-Zeist-2026")
    page.fill("input[name=password2]", "Zomer-in-Zeist-2027")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("De twee wachtwoorden zijn niet gelijk")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "signup-error.png"), full_page=True)
    page.fill("input[name=password1]", "Zomer-in-Zeist-2026")
    page.fill("input[name=password2]", "Zomer-in-Zeist-2026")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Bevestig uw e-mailadres")
    axe.check(page)

    # 3. The confirmation link from the e-mail logs in and continues.
    message = mail.outbox[-1]
    assert message.to == ["nieuw@example.org"] and " je " not in f" {message.body} "
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    axe.check(page)
    page.get_by_role("button", name="Bevestigen").click()

    # 4. Once: how does this person belong to Zeist?
    expect(page.locator("h1")).to_have_text("Meedoen in Zeist")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "declare-residence.png"), full_page=True)
    page.get_by_label("Ik woon in Zeist").check()
    page.get_by_label("Wijk waar u woont (niet verplicht)").select_option(label="Zeist-West")
    page.get_by_role("button", name="Verder").click()

    # 5. The input form, with a counter under the text field.
    expect(page.locator("h1")).to_have_text("Geef uw inbreng")
    page.fill("textarea[name=text]", "Maak van het slot een plek voor de hele buurt.")
    expect(page.locator(".samenspel-counter")).to_contain_text("46 van 5000 tekens")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "input-form-counter.png"), full_page=True)
    page.click("main button[type=submit]")

    # 6. Back on the trajectory, with a thank-you.
    assert page.url == traject_url
    expect(page.locator(".samenspel-messages")).to_contain_text("We hebben uw inbreng ontvangen")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "resident-back-on-trajectory.png"), full_page=True)

    inbreng = Inbreng.objects.get(traject=traject)
    assert inbreng.author.email == "nieuw@example.org"
    member = Membership.objects.get(user=inbreng.author)
    assert (member.role, member.gemeente, member.gebied) == (Role.INWONER, zeist, wijk)
    assert assurance_level(inbreng.author, zeist) == AssuranceLevel.DECLARED

    # 7. Later the municipality answers; the resident finds the answer on Mijn Samenspel.
    answer = "We nemen dit mee in het plan voor het slot."
    answer_inbreng(make_user(Role.AMBTENAAR, zeist), inbreng, InbrengStatus.OVERGENOMEN, answer)
    page.goto(f"{live_server.url}/mijn/")
    expect(page.locator("h1")).to_have_text("Mijn Samenspel")
    expect(page.locator("main")).to_contain_text(answer)
    expect(page.locator("main")).to_contain_text("overgenomen")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "resident-finds-answer.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)
