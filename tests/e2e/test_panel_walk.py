# SPDX-License-Identifier: EUPL-1.2
"""The burgerpanel in Chromium, axe-checked on every page: a resident signs up, confirms the
e-mail and joins the panel; an official builds a consultation, previews it, proposes a sample
and sends it; the resident answers through the link in the e-mail (no login); the official
closes the consultation and gives feedback; the resident reads it."""

import re
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from samenspel.demo.panel import plausible_answer, synthetic_members
from samenspel.panel.models import Consultation, Member, Response, Status
from samenspel.panel.services import options_of
from samenspel.people.models import Role
from samenspel.testing import make_consultation, make_traject, make_user, make_zeist
from samenspel.trajectories.models import Traject

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path("test-artifacts")


def _link(pattern: str, base: str = "") -> str:
    """The newest link in Django's outbox matching ``pattern``; with ``base``, its path on
    the live server (the platform writes links with its configured site address)."""
    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if found:
            link = found.group(0)
            return base + re.sub(r"^https?://[^/]+", "", link) if base else link
    raise AssertionError(f"no e-mail with {pattern}")


def test_resident_and_official_walk_through_a_panel_consultation(live_server, page, login_as, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    zeist = make_zeist()
    official = make_user(Role.AMBTENAAR, zeist)
    TOTP.activate(official, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(zeist, user=official, title="Het Walkartpark")
    Traject.objects.filter(pk=traject.pk).update(phase="participatie")
    synthetic_members(zeist, count=100)
    base = live_server.url

    # 1. A resident signs up from the panel's join page, confirms the e-mail and joins.
    page.goto(f"{base}/gemeenten/{zeist.slug}/burgerpanel/aanmelden/")
    expect(page.locator("h1")).to_have_text("Inloggen")
    page.get_by_role("link", name="Maak een account").click()
    page.fill("input[name=email]", "panellid@example.org")
    page.fill("input[name=password1]", "Zomer-in-Zeist-2026")
    page.fill("input[name=password2]", "Zomer-in-Zeist-2026")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Bevestig uw e-mailadres")
    page.goto(_link(r"https?://\S+/accounts/confirm-email/\S+"))
    axe.check(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("h1")).to_have_text("Doe mee in het panel van Zeist")
    axe.check(page)
    page.get_by_role("button", name="Doe mee in het panel").click()
    expect(page.locator("main")).to_contain_text("Zonder uw toestemming")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "panel-join-error.png"), full_page=True)
    for label in ("45 tot 64 jaar", "vrouw", "Zeist-West", "hbo of universiteit", "met kinderen"):
        page.get_by_label(label, exact=True).check()
    page.get_by_label("Ik ga akkoord", exact=False).check()
    page.get_by_role("button", name="Doe mee in het panel").click()
    expect(page.locator("h1")).to_have_text("Mijn deelname aan het panel")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "panel-member-page.png"), full_page=True)
    member = Member.objects.get(user__email="panellid@example.org")
    assert member.attributes["area"] == "WK035503"

    # 2. The official builds the consultation, with a conditional question, and previews it.
    staff = login_as(official)
    staff.goto(f"{base}/gemeenten/{zeist.slug}/trajecten/{traject.pk}/raadplegingen/nieuw/")
    axe.check(staff)
    staff.fill("#id_title", "Wat vindt u van het park?")
    staff.fill("#id_intro", "Het park krijgt een nieuwe inrichting. Wat vindt u belangrijk?")
    staff.click("main button[type=submit]")
    expect(staff.locator("h1")).to_have_text("Wat vindt u van het park?")
    axe.check(staff)
    staff.get_by_role("link", name="Vraag toevoegen").click()
    axe.check(staff)
    staff.select_option("#id_kind", "single")
    staff.fill("#id_text", "Komt u vaak in het park?")
    staff.fill("#id_options", "Ja\nNee")
    staff.click("main button[type=submit]")
    staff.get_by_role("link", name="Vraag toevoegen").click()
    staff.select_option("#id_kind", "open")
    staff.fill("#id_text", "Wat doet u in het park?")
    staff.select_option("#id_show_if", label="Komt u vaak in het park?")
    staff.fill("#id_show_if_value", "Ja")
    staff.click("main button[type=submit]")
    expect(staff.locator("main")).to_contain_text("alleen als het antwoord “Ja” was")
    axe.check(staff)
    staff.screenshot(path=str(ARTIFACTS / "panel-consultation-organiser.png"), full_page=True)
    staff.get_by_role("link", name="Voorbeeld").click()
    axe.check(staff)
    staff.screenshot(path=str(ARTIFACTS / "panel-preview.png"), full_page=True)
    staff.go_back()

    # 3. A sample that matches the population, its composition shown before sending.
    staff.get_by_role("link", name="Kies wie u uitnodigt").click()
    axe.check(staff)
    staff.fill("#id_size", "101")
    staff.click("main button[type=submit]")
    expect(staff.locator("main")).to_contain_text("Klaar")
    axe.check(staff)
    staff.get_by_role("link", name="Verder").click()
    expect(staff.locator("main")).to_contain_text("verwachte samenstelling")
    axe.check(staff)
    staff.screenshot(path=str(ARTIFACTS / "panel-proposal.png"), full_page=True)
    staff.get_by_role("button", name=re.compile("Verstuur de uitnodiging")).click()
    expect(staff.locator("main")).to_contain_text("Klaar")

    # 4. The resident answers through the link in the e-mail, without logging in.
    link = _link(r"https?://\S+/raadpleging/\d+/\w+/", base)
    answering = login_as(make_user())  # another browser: the link needs no account
    answering.context.clear_cookies()
    answering.goto(link)
    expect(answering.locator("h1")).to_have_text("Wat vindt u van het park?")
    axe.check(answering)
    answering.get_by_label("Ja", exact=True).check()
    answering.get_by_role("button", name="Bewaar en ga later verder").click()
    expect(answering.locator("main")).to_contain_text("Wat doet u in het park?")
    axe.check(answering)
    answering.fill("textarea", "Wandelen met de hond.")
    answering.screenshot(path=str(ARTIFACTS / "panel-answer.png"), full_page=True)
    answering.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(answering.locator("main")).to_contain_text("Dank u wel")
    axe.check(answering)
    response = Response.objects.get(invitation__member=member)
    assert response.submitted and "Wandelen met de hond." in response.answers.values()

    # 5. The official closes and gives feedback.
    staff.goto(f"{base}/gemeenten/{zeist.slug}/burgerpanel/")
    axe.check(staff)
    staff.get_by_role("link", name="Wat vindt u van het park?").click()
    staff.get_by_role("link", name="Uitkomsten").click()
    expect(staff.locator("main")).to_contain_text("minstens 10 mensen")
    axe.check(staff)
    staff.go_back()
    staff.get_by_role("button", name="Sluit de raadpleging").click()
    expect(staff.locator("h1")).to_have_text("Wat is er met de uitkomst gedaan?")
    axe.check(staff)
    staff.get_by_label("overgenomen", exact=True).check()
    staff.fill("#id_text", "Het park krijgt meer paden om te wandelen, zoals het panel vroeg.")
    staff.click("main button[type=submit]")
    expect(staff.locator("main")).to_contain_text("Klaar")
    staff.goto(f"{base}/gemeenten/{zeist.slug}/burgerpanel/")
    expect(staff.locator("main")).to_contain_text("gegeven 0 dagen na het sluiten")
    staff.goto(f"{base}/gemeenten/{zeist.slug}/burgerpanel/gezondheid/")
    axe.check(staff)
    staff.screenshot(path=str(ARTIFACTS / "panel-health.png"), full_page=True)

    # 6. The resident reads the feedback through the e-mail.
    feedback = _link(r"https?://\S+/trajecten/\d+/inbreng/", base)
    page.goto(feedback)
    expect(page.locator("main")).to_contain_text("meer paden om te wandelen")
    axe.check(page)
    page.screenshot(path=str(ARTIFACTS / "panel-feedback-read.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)


def test_results_and_factsheet_of_every_kind_of_question(live_server, login_as, axe):
    """Charts with tables beside them for every kind of question, weighted and not, readable
    without JavaScript; the factsheet prints."""
    ARTIFACTS.mkdir(exist_ok=True)
    zeist = make_zeist()
    official = make_user(Role.AMBTENAAR, zeist)
    TOTP.activate(official, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    traject = make_traject(zeist, user=official, title="Het Walkartpark")
    kinds = ("single", "multiple", "scale5", "scale10", "ranking", "open", "matrix", "budget")
    consultation = make_consultation(traject, user=official, questions=kinds)
    questions = list(consultation.questions.all())
    synthetic_members(zeist, count=300)
    rng = np.random.default_rng(17)
    Response.objects.bulk_create(
        [
            Response(
                consultation=consultation,
                attributes=member.attributes,
                answers={
                    str(q.pk): plausible_answer(q.kind, options_of(q), member.attributes, rng)
                    for q in questions
                },
                submitted=timezone.now() - timedelta(days=int(rng.integers(0, 10))),
            )
            for member in Member.objects.filter(gemeente=zeist)
        ]
    )
    Consultation.objects.filter(pk=consultation.pk).update(status=Status.CLOSED)
    staff = login_as(official)
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.goto(f"{live_server.url}/gemeenten/{zeist.slug}/raadplegingen/{consultation.pk}/")
    staff.get_by_role("link", name="Uitkomsten").click()
    expect(staff.locator("main")).to_contain_text("Effectieve steekproefgrootte na weging")
    expect(staff.locator("svg[role=img]")).to_have_count(8)  # 7 charts and the time line
    axe.check(staff)
    staff.screenshot(path=str(ARTIFACTS / "panel-results.png"), full_page=True)
    staff.get_by_role("link", name="Factsheet").first.click()
    axe.check(staff)
    staff.emulate_media(media="print")
    staff.screenshot(path=str(ARTIFACTS / "panel-factsheet-print.png"), full_page=True)
    assert not axe.violations, "\n\n".join(axe.violations)
