# SPDX-License-Identifier: EUPL-1.2
"""Every create action counts once: a double click, a reload or a retried request sends the
same rendered form again, and gets what the first submission made (core.http.submit_once)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from samenspel.advice import services as advice
from samenspel.advice.models import Advies, KaderVersie
from samenspel.core.models import Notification
from samenspel.engines.advice import default_kader_text
from samenspel.meetings import services as meetings
from samenspel.meetings.models import Aanmelding, Bijeenkomst, Verslagpunt
from samenspel.people.models import Role
from samenspel.testing import make_bijeenkomst, make_gemeente, make_traject, make_user
from samenspel.trajectories import services as trajectories
from samenspel.trajectories.models import (
    Ankerpunt,
    AntwoordVersie,
    Belang,
    Inbreng,
    PhaseChange,
    TimelineEvent,
    Traject,
)

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    role: str
    form: str  # the page with the form; its URL name
    data: dict
    counted: Callable[[], QuerySet]  # what the submission makes
    post: str = ""  # the URL name the form posts to, when not the page itself
    made: int = 1  # how many it makes
    setup: Callable | None = None  # (user, traject, meeting) before the form is shown


def _week_ahead(hours: int = 0) -> str:
    return (timezone.localtime() + timezone.timedelta(days=7, hours=hours)).strftime(
        "%Y-%m-%dT%H:%M"
    )


CASES = {
    "trajectory": Case(
        Role.AMBTENAAR,
        "trajectories:create",
        {
            "title": "Een nieuw traject",
            "description": "Samen met inwoners.",
            "initiator": "college",
            "domein": "fysiek",
            "dossiers": "",
            "is_public": "on",
        },
        Traject.objects.all,
    ),
    "phase change": Case(
        Role.AMBTENAAR,
        "trajectories:phase",
        {"to_phase": "kaderstelling", "reason": "De raad stelt kaders."},
        PhaseChange.objects.all,
    ),
    "anchor point": Case(
        Role.GRIFFIER,
        "trajectories:ankerpunt_create",
        {"text": "Het slot blijft publiek.", "set_on": "today"},
        Ankerpunt.objects.all,
    ),
    "stakeholder": Case(
        Role.AMBTENAAR,
        "trajectories:belang_create",
        {"name": "Buurtvereniging", "actor": "samenleving", "status": "aanwezig"},
        Belang.objects.all,
    ),
    "process agreements": Case(
        Role.AMBTENAAR,
        "trajectories:procesafspraken",
        {
            "wie_beslist": "De raad.",
            "rollen": "Iedereen denkt mee.",
            "wat_met_inbreng": "Wordt gewogen.",
            "terugkoppeling": "Binnen zes weken.",
            "raad_informeren": "Elke maand.",
        },
        lambda: TimelineEvent.objects.filter(kind="procesafspraken"),
    ),
    "input": Case(
        Role.INWONER,
        "trajectories:inbreng_create",
        {"text": "Meer bankjes in het park."},
        Inbreng.objects.all,
    ),
    "meeting": Case(
        Role.AMBTENAAR,
        "meetings:create",
        {
            "title": "Inloopavond",
            "phase": "verkenning",
            "kind": "inloopavond",
            "starts_at": _week_ahead(),
            "ends_at": _week_ahead(2),
            "place": "Raadhuis",
            "host": "Gemeente",
            "capacity": 30,
        },
        Bijeenkomst.objects.all,
    ),
    "registration": Case(
        Role.INWONER, "meetings:detail", {}, Aanmelding.objects.all, "meetings:register"
    ),
    "report points": Case(
        Role.AMBTENAAR,
        "meetings:report",
        {"report": "Een goede avond.", "points": "Meer groen\nMinder verkeer"},
        Verslagpunt.objects.all,
        made=2,
    ),
    "phase override": Case(
        Role.AMBTENAAR,
        "trajectories:phase",
        {
            "to_phase": "participatie",
            "reason": "Inwoners denken mee.",
            "override_reason": "De raad vergadert pas over twee maanden.",
        },
        lambda: PhaseChange.objects.exclude(overridden=""),
        setup=lambda user, traject, meeting: trajectories.change_phase(
            user, traject, "kaderstelling", "De raad stelt kaders."
        ),
    ),
    "answer": Case(
        Role.AMBTENAAR,
        "trajectories:answer",
        {"status": "overgenomen", "explanation": "Opgenomen in het plan."},
        AntwoordVersie.objects.all,
        setup=lambda user, traject, meeting: trajectories.submit_inbreng(
            None, traject, "Meer bankjes in het park."
        ),
    ),
    "non-public with a reason": Case(
        Role.AMBTENAAR,
        "trajectories:edit",
        {
            "title": "Traject met inbreng",
            "description": "Samen met inwoners.",
            "initiator": "college",
            "domein": "fysiek",
            "dossiers": "",
            "private_reason": "Er speelt een aanbesteding.",
        },
        lambda: TimelineEvent.objects.filter(kind="private"),
        setup=lambda user, traject, meeting: trajectories.submit_inbreng(
            None, traject, "Meer bankjes in het park."
        ),
    ),
    "meeting change": Case(
        Role.AMBTENAAR,
        "meetings:edit",
        {
            "title": "Stamtafel",
            "kind": "stamtafel",
            "starts_at": _week_ahead(24),
            "ends_at": _week_ahead(26),
            "place": "Bibliotheek",
            "host": "Buurthuis",
            "capacity": 20,
        },
        lambda: TimelineEvent.objects.filter(kind="meeting_changed"),
    ),
    "meeting cancel": Case(
        Role.AMBTENAAR,
        "meetings:cancel",
        {"reason": "De zaal is niet beschikbaar."},
        lambda: TimelineEvent.objects.filter(kind="meeting_cancelled"),
    ),
    "point to input": Case(
        Role.AMBTENAAR, "meetings:detail", {}, Inbreng.objects.all, "meetings:point_to_inbreng"
    ),
    "advice": Case(Role.AMBTENAAR, "advice:questionnaire", {}, Advies.objects.all),
    "kader version": Case(
        Role.AMBTENAAR,
        "advice:kader_edit",
        {"source": default_kader_text(), "note": "Eigen kader"},
        KaderVersie.objects.exclude(gemeente=None).all,
    ),
}


def token_of(page: str, action: str) -> str:
    """The one-time token of the form on the page that posts to ``action``."""
    for form in page.split("<form")[1:]:
        posts_to = re.search(r'action="([^"]*)"', form.split(">")[0])
        if (posts_to.group(1) if posts_to else "") in ("", action):
            found = re.search(r'name="submission" value="([^"]+)"', form)
            if found:
                return found.group(1)
    raise AssertionError(f"no form with a one-time token posts to {action}")


@pytest.mark.parametrize("name", CASES)
def test_a_double_submit_creates_once(name, client, no_staff_mfa):
    case = CASES[name]
    gemeente = make_gemeente()
    traject = make_traject(gemeente)
    user = make_user(case.role, gemeente)
    # An official organises the meeting (managing it is for its organisers).
    organiser = user if case.role == Role.AMBTENAAR else None
    # A report is written once the meeting has started.
    started = timezone.now() - timezone.timedelta(hours=1) if name == "report points" else None
    bijeenkomst = make_bijeenkomst(traject, user=organiser, starts_at=started)
    punt = Verslagpunt.objects.create(bijeenkomst=bijeenkomst, text="Meer groen")
    if case.setup:
        case.setup(user, traject, bijeenkomst)
    inbreng = Inbreng.objects.filter(traject=traject).first()
    make_user(Role.RAADSLID, gemeente)  # to be informed of a new trajectory
    client.force_login(user)
    args = {
        "trajectories:create": [gemeente.slug],
        "advice:kader_edit": [gemeente.slug],
        "meetings:detail": [gemeente.slug, bijeenkomst.pk],
        "meetings:report": [gemeente.slug, bijeenkomst.pk],
        "meetings:edit": [gemeente.slug, bijeenkomst.pk],
        "meetings:cancel": [gemeente.slug, bijeenkomst.pk],
        "trajectories:answer": [gemeente.slug, traject.pk, inbreng.pk if inbreng else 0],
        "meetings:register": [gemeente.slug, bijeenkomst.pk],
        "meetings:point_to_inbreng": [gemeente.slug, bijeenkomst.pk, punt.pk],
    }
    form_url = reverse(case.form, args=args.get(case.form, [gemeente.slug, traject.pk]))
    post_url = reverse(case.post, args=args[case.post]) if case.post else form_url
    data = dict(case.data)
    if data.get("set_on") == "today":
        data["set_on"] = timezone.localdate().isoformat()
    if case.form == "advice:questionnaire":
        steps = len(advice.steps(advice.engine_kader(advice.current_kader(gemeente)), "gemeente"))
        for number in range(1, steps):
            client.post(f"{form_url}?stap={number}", {})
        form_url = post_url = f"{form_url}?stap={steps}"
    counted = case.counted()
    before, notified = counted.count(), Notification.objects.count()

    data["submission"] = token_of(client.get(form_url).content.decode(), post_url)
    first = client.post(post_url, data)
    second = client.post(post_url, data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert counted.count() == before + case.made
    if name == "trajectory":
        assert Notification.objects.count() == notified + 1
    if name in ("trajectory", "input", "stakeholder", "anchor point", "kader version"):
        # A new rendering of the form is a new submission.
        data["submission"] = token_of(client.get(form_url).content.decode(), post_url)
        client.post(post_url, data)
        assert counted.count() == before + 2 * case.made


def test_a_form_without_a_token_still_works(client, no_staff_mfa):
    gemeente = make_gemeente()
    traject = make_traject(gemeente)
    client.force_login(make_user(Role.INWONER, gemeente))
    url = reverse("trajectories:inbreng_create", args=[gemeente.slug, traject.pk])
    for token in ("", "<script>", "x" * 100):
        client.post(url, {"text": "Meer bankjes in het park.", "submission": token})
    assert Inbreng.objects.count() == 3
    assert meetings.Bijeenkomst.objects.count() == 0
