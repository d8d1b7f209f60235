# SPDX-License-Identifier: EUPL-1.2
"""A participatory budget from proposal to result, in Chromium and axe-checked (issue 16): a
resident proposes, the official accepts it with a cost, the resident votes with the knapsack
ballot and changes the vote, the official closes and counts, the result explains a winner and a
loser, and the resident's receipt says the ballot was counted as cast."""

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from samenspel.budgeting import services
from samenspel.budgeting.models import Stem
from samenspel.people.models import Role
from samenspel.testing import make_begroting, make_gemeente, make_traject, make_user, make_voter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")
RECEIPT = re.compile(r"ontvangstcode is ([A-Z0-9]{12})")


def test_a_budget_from_proposal_to_explained_result(live_server, login_as, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gemeente = make_gemeente("Zeist", inhabitants=66_641)
    official = make_user(Role.AMBTENAAR, gemeente)
    TOTP.activate(official, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(gemeente, user=official, title="Wijkbudget Zeist")
    begroting = make_begroting(traject, user=official, projects=(60_000, 45_000))
    budget_url = live_server.url + begroting.get_absolute_url()
    resident = make_voter(gemeente)

    # A resident proposes a playground.
    page = login_as(resident)
    page.goto(budget_url)
    axe.check(page)
    page.get_by_role("link", name="Voorstel indienen").click()
    page.fill("#id_title", "Speeltuin bij de school")
    page.fill("#id_description", "Een veilige speeltuin voor de kinderen uit de buurt.")
    page.fill("#id_estimate", "30000")
    page.screenshot(path=str(ARTIFACTS / "budget-propose.png"), full_page=True)
    axe.check(page)
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Dank u wel")
    axe.check(page)

    # The official accepts it with the checked cost, and opens voting.
    office = login_as(official)
    office.goto(budget_url)
    office.get_by_role("link", name="Controleren Speeltuin bij de school").click()
    office.get_by_label("Goedkeuren: het komt op het stembiljet").check()
    office.fill("#id_cost", "35000")
    office.fill("#id_reason", "Haalbaar; met valondergrond kost het 35.000 euro.")
    office.screenshot(path=str(ARTIFACTS / "budget-review.png"), full_page=True)
    axe.check(office)
    office.click("main button[type=submit]")
    expect(office.locator("main")).to_contain_text("De toets is bewaard")
    office.get_by_role("button", name="Stemming openen en regels publiceren").click()
    expect(office.locator("main")).to_contain_text("De stemming is open")
    axe.check(office)

    # The resident votes with the knapsack ballot: what is left is shown without JavaScript too.
    page.goto(budget_url)
    page.get_by_role("link", name="Stemmen", exact=True).click()
    page.get_by_label(re.compile("Project 1")).check()
    page.get_by_label(re.compile("Speeltuin bij de school")).check()
    expect(page.locator("[data-left]")).to_have_text("5.000")
    page.get_by_role("button", name="Laat zien wat er over is").click()
    expect(page.locator("[data-left]")).to_have_text("5.000")
    axe.check(page)
    page.get_by_label(re.compile("Project 2")).check()  # too much now
    page.get_by_role("button", name="Mijn stem uitbrengen").click()
    expect(page.locator("main")).to_contain_text("meer dan het budget")
    page.screenshot(path=str(ARTIFACTS / "budget-ballot-over.png"), full_page=True)
    axe.check(page)
    page.get_by_label(re.compile("Project 2")).uncheck()
    page.get_by_role("button", name="Mijn stem uitbrengen").click()
    expect(page.locator("main")).to_contain_text("Uw stem is bewaard")
    # And changes the vote: the playground and project 2.
    page.get_by_label(re.compile("Project 1")).uncheck()
    page.get_by_label(re.compile("Project 2")).check()
    page.get_by_role("button", name="Mijn stem wijzigen").click()
    expect(page.locator("main")).to_contain_text("Uw stem is bewaard")
    page.screenshot(path=str(ARTIFACTS / "budget-ballot.png"), full_page=True)
    axe.check(page)
    receipt = RECEIPT.search(page.locator("main").inner_text()).group(1)  # type: ignore[union-attr]
    assert Stem.objects.get(user=resident).version == 2

    # Three neighbours vote for project 1; the official closes voting and counts.
    begroting.refresh_from_db()
    project_1 = begroting.voorstellen.get(number=1).pk
    for _ in range(3):
        services.submit_ballot(make_voter(gemeente), begroting, {project_1: 1})
    office.goto(budget_url)
    office.get_by_role("button", name="Stemming sluiten").click()
    office.get_by_role("button", name="Stemmen tellen").click()
    expect(office.locator("main")).to_contain_text("is geteld")
    axe.check(office)

    # The result explains a winner and a loser, with a chart and a table.
    page.goto(budget_url)
    page.get_by_role("link", name="De uitslag", exact=True).click()
    main = page.locator("main")
    expect(main).to_contain_text("Project 1")
    expect(main).to_contain_text("is gekozen")
    expect(main).to_contain_text("is niet gekozen")
    expect(page.locator("svg.samenspel-chart")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "budget-result.png"), full_page=True)
    axe.check(page)

    # The receipt: the ballot as changed, counted as cast.
    page.get_by_role("link", name="Mijn ontvangstcode controleren").click()
    page.fill("#id_code", receipt)
    page.get_by_role("button", name="Controleren").click()
    expect(main).to_contain_text("Uw stem is meegeteld zoals u hem uitbracht.")
    expect(main).to_contain_text("Speeltuin bij de school")
    page.screenshot(path=str(ARTIFACTS / "budget-receipt.png"), full_page=True)
    axe.check(page)
    assert not axe.violations, "\n\n".join(axe.violations)
