# SPDX-License-Identifier: EUPL-1.2
"""The advice result and a trajectory page in a municipality's own theme, in Chromium with axe;
the screenshots go to docs/screenshots/ (issue 13, items 5 and 8)."""

import io
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.db.models import Count
from playwright.sync_api import expect

from samenspel.people.models import User
from samenspel.trajectories.models import Traject

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_advice_result_and_themed_trajectory(live_server, page, login_as, axe):
    call_command("load_demo", stdout=io.StringIO())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url

    # The advice of Slot Zeist as the public reads it: no trace, no field names.
    slot = Traject.objects.get(title__startswith="Slot Zeist")
    page.goto(f"{base}{slot.get_absolute_url()}advies/")
    expect(page.locator("h1")).to_have_text("Advies over samenwerken")
    expect(page.get_by_role("img", name="Participatieladder")).to_be_visible()
    expect(page.locator("figcaption")).to_contain_text("Trede 4 van 5: Coproduceren.")
    expect(page.locator("#h-instruments ~ ol > li")).to_have_count(5)
    expect(page.get_by_text("Uitleg voor de beheerder")).to_have_count(0)
    axe.check(page)
    page.screenshot(path=str(SCREENSHOTS / "advies.png"), full_page=True)

    # The official sees the full trace behind its own heading.
    official = User.objects.get(email="ambtenaar@zeist.demo")
    TOTP.activate(official, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    staff = login_as(official)
    staff.goto(f"{base}{slot.get_absolute_url()}advies/")
    staff.get_by_text("Uitleg voor de beheerder").click()
    expect(staff.locator("details.samenspel-details")).to_contain_text("Regel 'kennis_benutten'")
    axe.check(staff)

    # A trajectory of Heusden in Heusden's own colours, logo and favicon.
    heusden = (
        Traject.objects.filter(gemeente__slug="heusden", is_public=True)
        .annotate(n=Count("events"))
        .order_by("-n")
        .first()
    )
    page.goto(f"{base}{heusden.get_absolute_url()}")
    expect(page.get_by_role("img", name="Gemeente Heusden")).to_be_visible()
    header = page.locator("header.samenspel-header")
    expect(header).to_have_css("background-color", "rgb(11, 107, 58)")
    assert page.locator("link[rel=icon]").get_attribute("href").startswith("/gemeenten/heusden/")
    axe.check(page)
    page.screenshot(path=str(SCREENSHOTS / "traject-thema.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)
