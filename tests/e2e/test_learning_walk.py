# SPDX-License-Identifier: EUPL-1.2
"""Issue 19 in Chromium, axe-checked on every page: an official sets up an experiment, records
two measuring moments and sees the trend chart and table; a lesson goes on the wall; the
province sees its municipalities learn, forms an intervision group and writes down a note that
its author approves."""

from datetime import timedelta
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect

from samenspel.learning import services
from samenspel.people.models import Role
from samenspel.testing import TOTP_SECRET, make_gemeente, make_provincie, make_traject, make_user
from samenspel.trajectories import services as trajectories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def _staff(role, gemeente=None, provincie=None):
    user = make_user(role, gemeente, provincie=provincie)
    TOTP.activate(user, TOTP_SECRET)
    return user


def _record(page, url, axe, values: dict, reflection: str):
    page.goto(url)
    axe.check(page)
    for name, value in values.items():
        page.fill(f"[name={name}]", value)
    page.fill("[name=samenleving_well]", reflection)
    page.click("main button[type=submit]")
    expect(page.locator("main table").first).to_be_visible()
    axe.check(page)


def test_two_measuring_moments_give_a_trend(live_server, login_as, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    gelderland = make_provincie("Gelderland")
    lochem = make_gemeente("Lochem", provincie=gelderland, inhabitants=34_289)
    aalten = make_gemeente("Aalten", provincie=gelderland, inhabitants=27_308)
    official = _staff(Role.AMBTENAAR, lochem)
    colleague = _staff(Role.AMBTENAAR, aalten)
    resident = make_user(Role.INWONER, lochem)
    facilitator = _staff(Role.PROVINCIE, provincie=gelderland)
    traject = make_traject(lochem, user=official, title="Iedere casus op de ladder")
    trajectories.submit_inbreng(resident, traject, "Leg ook de kleine projecten langs de ladder.")
    base = live_server.url

    # An official sets up the experiment on the trajectory.
    page = login_as(official)
    page.goto(f"{base}/gemeenten/{lochem.slug}/experimenten/")
    axe.check(page)
    page.click(f"a[href='/gemeenten/{lochem.slug}/experimenten/nieuw/']")
    axe.check(page)
    page.select_option("[name=traject]", str(traject.pk))
    page.fill("[name=title]", "Iedere casus op de ladder")
    page.select_option("[name=initiator]", "ambtenaren")
    page.select_option("[name=theme]", "beleid")
    page.select_option("[name=instrument]", "bijeenkomst")
    page.fill("[name=learning_question]", "Maakt de ladder vooraf duidelijk wie beslist?")
    page.fill("[name=started_on]", f"{timezone.localdate().year - 1}-01-01")
    page.select_option("[name=sharing]", "provincie")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Iedere casus op de ladder")
    axe.check(page)
    experiment = services.Experiment.objects.get()
    first = experiment.indicators.get(position=0)
    money = experiment.indicators.get(position=4)
    moment_url = f"{base}/gemeenten/{lochem.slug}/experimenten/{experiment.pk}/meetmoment/"

    # Two measuring moments, half a year apart (the form fills in the next period).
    _record(
        page,
        moment_url,
        axe,
        {f"indicator_{first.pk}": "3", f"indicator_{money.pk}": "1500"},
        "De raad wist vooraf wat er te beslissen viel.",
    )
    _record(
        page,
        moment_url,
        axe,
        {f"indicator_{first.pk}": "5", f"indicator_{money.pk}": "2750.50"},
        "Meer inwoners kwamen met een eigen plan.",
    )
    page.screenshot(path=str(ARTIFACTS / "learning-moment.png"), full_page=True)
    page.goto(f"{base}/gemeenten/{lochem.slug}/experimenten/{experiment.pk}/")
    axe.check(page)
    section = page.locator(f"section[aria-labelledby=indicator-{first.pk}]")
    expect(section.locator("svg circle")).to_have_count(2)
    expect(section.locator("table tbody tr")).to_have_count(2)
    expect(section.locator("table tbody")).to_contain_text("3")
    expect(section.locator("table tbody")).to_contain_text("5")
    received = experiment.indicators.get(known="input_received")
    known = page.locator(f"section[aria-labelledby=indicator-{received.pk}] table tbody")
    expect(known.locator("tr")).to_have_count(2)
    page.screenshot(path=str(ARTIFACTS / "learning-experiment.png"), full_page=True)

    # A lesson on the wall, placed between the council and the college.
    page.goto(f"{base}/gemeenten/{lochem.slug}/lessen/nieuw/")
    axe.check(page)
    page.select_option("[name=kind]", "knelpunt")
    page.fill("[name=text]", "De raad hoort pas van een initiatief als het college ja zei.")
    page.check("[name=corners][value=raad]")
    page.check("[name=corners][value=college]")
    page.select_option("[name=theme]", "raad")
    page.click("main button[type=submit]")
    expect(page.locator("main figure svg[role=img]")).to_be_visible()
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "learning-wall.png"), full_page=True)
    page.goto(f"{base}/kennisbank/")
    axe.check(page)

    # The province sees it, forms an intervision group and writes down a note.
    province = login_as(facilitator)
    province.goto(f"{base}/provincies/{gelderland.slug}/")
    expect(province.locator("main")).to_contain_text("De raad hoort pas van een initiatief")
    expect(province.locator("main")).to_contain_text("Iedere casus op de ladder")
    axe.check(province)
    province.screenshot(path=str(ARTIFACTS / "learning-province.png"), full_page=True)
    province.goto(f"{base}/provincies/{gelderland.slug}/rapport/")
    axe.check(province)
    province.goto(f"{base}/provincies/{gelderland.slug}/intervisie/nieuw/")
    axe.check(province)
    province.fill("[name=name]", "Raad en participatie")
    province.select_option("[name=theme]", "raad")
    province.check(f"[name=members][value='{official.pk}']")
    province.check(f"[name=members][value='{colleague.pk}']")
    province.click("main button[type=submit]")
    expect(province.locator("h1")).to_have_text("Raad en participatie")
    axe.check(province)
    group = services.Group.objects.get()
    services.schedule_session(facilitator, group, timezone.now() - timedelta(days=1), "Arnhem")
    session = group.sessions.get()
    province.goto(f"{base}/provincies/{gelderland.slug}/sessies/{session.pk}/notities/")
    axe.check(province)
    province.select_option("[name=author]", str(official.pk))
    province.select_option("[name=kind]", "behoefte")
    province.fill("[name=text]", "Intervisie elk kwartaal, per thema.")
    province.check("[name=corners][value=ambtenaren]")
    province.click("main button[type=submit]")
    expect(province.locator("main table")).to_contain_text("Intervisie elk kwartaal")
    axe.check(province)
    province.screenshot(path=str(ARTIFACTS / "learning-session.png"), full_page=True)

    # Its author approves it; only then is it shared.
    page.goto(f"{base}/mijn-notities/")
    axe.check(page)
    page.click("main a[href^='/lessen/']")
    axe.check(page)
    page.click("main button[type=submit]")
    axe.check(page)
    province.goto(f"{base}/provincies/{gelderland.slug}/")
    expect(province.locator("main")).to_contain_text("Intervisie elk kwartaal, per thema.")
    assert not axe.violations, "\n\n".join(axe.violations)
