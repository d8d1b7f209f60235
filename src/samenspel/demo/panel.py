# SPDX-License-Identifier: EUPL-1.2
"""Zeist's burgerpanel for the demo: 1,500 synthetic members, skewed the way real panels are
(older and higher-educated residents over-represented), and two consultations with results and
feedback. Written with bulk inserts so that ``load_demo`` stays fast; the same seed gives the
same panel."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from samenspel.engines.sampling import skewed_panel
from samenspel.panel import services as panel
from samenspel.people.models import User

MEMBERS = 1500
SEED = 355

CONSULTATIONS: list[dict[str, Any]] = [
    {
        "traject": "Bezuinigingsdialoog",
        "title": "Panelraadpleging: waar bezuinigen?",
        "intro": "De gemeente moet 4 miljoen euro besparen. Wat vindt u het belangrijkst?",
        "questions": [
            (
                "single",
                "Moet de gemeente de lasten verhogen of minder uitgeven?",
                "Lasten verhogen\nMinder uitgeven\nAllebei een beetje",
            ),
            ("scale10", "Hoe tevreden bent u over de gemeente?", ""),
            (
                "budget",
                "Verdeel 100 punten over wat u wilt sparen.",
                "Bibliotheek\nSportvelden\nGroen\nWijkcentra",
            ),
            ("open", "Heeft u nog een idee om geld te besparen?", ""),
        ],
        "feedback": (
            "deels_overgenomen",
            "De raad spaart de bibliotheek en het groen, zoals het panel vroeg. De lasten gaan "
            "iets omhoog; daar koos het panel niet voor. De raad vond dat nodig om de "
            "wijkcentra open te houden.",
        ),
        "days_ago": 200,
    },
    {
        "traject": "Z-battle",
        "title": "Panelraadpleging: plannen van inwoners",
        "intro": "Inwoners pitchen plannen voor hun buurt. Welke vindt u het best?",
        "questions": [
            (
                "ranking",
                "Zet de plannen in volgorde: 1 is het beste.",
                "Repaircafé\nBuurtmoestuin\nSpeeltuin",
            ),
            (
                "matrix",
                "Wat vindt u van deze uitspraken?",
                "Inwoners moeten zelf plannen maken\nDe gemeente moet meer doen",
            ),
            (
                "multiple",
                "Waar wilt u zelf aan meedoen?",
                "Repaircafé\nBuurtmoestuin\nSpeeltuin\nGeen",
            ),
        ],
        "feedback": (
            "overgenomen",
            "Het repaircafé en de buurtmoestuin krijgen geld, zoals het panel het liefst wilde.",
        ),
        "days_ago": 60,
    },
]


def synthetic_members(gemeente, count: int = MEMBERS, seed: int = SEED) -> int:
    """``count`` panel members of ``gemeente`` with accounts ``paneel0001@<slug>.demo``,
    profiles drawn by the sampling engine's skewed panel; returns how many were made."""
    margins = panel.population(gemeente, panel.ATTRIBUTES)
    profiles = skewed_panel(margins, count, seed=seed)
    domain = f"{gemeente.slug}.demo"
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"paneel{i + 1:04d}@{domain}", name=f"Panellid {i + 1}", password=password)
            for i in range(count)
        ]
    )
    if users[0].pk is None:  # SQLite before 3.35 returns no keys: read them back
        users = list(User.objects.filter(email__endswith=f"@{domain}").order_by("email"))
    the_panel = panel.panel_of(gemeente)
    now = timezone.now()
    joined = [
        now - timedelta(days=int(d)) for d in np.random.default_rng(seed).integers(400, 900, count)
    ]
    panel.Member.objects.bulk_create(
        [
            panel.Member(
                panel=the_panel,
                gemeente=gemeente,
                user=user,
                attributes=dict(profile.attributes),
                consent_purpose=the_panel.purpose,
                consent_given=when,
                consent_until=(when + timedelta(days=3 * 365)).date(),
                joined=when,
                confirmed=when,
            )
            for user, profile, when in zip(users, profiles, joined, strict=True)
        ]
    )
    return count


def plausible_answer(kind: str, options: list[str], profile: dict, rng) -> object:
    """A plausible answer that depends a little on age: older members favour earlier options
    and score a little higher."""
    older = profile["age_band"] in ("45-64", "65+")
    tilt = np.array([2.0 if older and i % 2 == 0 else 1.0 for i in range(len(options))])
    if kind in ("single", "scale5"):
        return options[rng.choice(len(options), p=tilt / tilt.sum())]
    if kind == "scale10":
        return str(int(np.clip(rng.normal(6.5 if older else 5.8, 1.5), 1, 10)))
    if kind == "budget":
        points = np.floor(rng.dirichlet(tilt) * 100).astype(int)
        points[0] += 100 - points.sum()
        return {o: int(p) for o, p in zip(options, points, strict=True)}
    if kind == "open":
        return "" if rng.random() < 0.7 else "Minder papier, meer online."
    if kind == "ranking":
        return [options[i] for i in rng.permutation(len(options))]
    if kind == "matrix":
        return {o: int(rng.integers(2, 6)) for o in options}
    picks = [o for o in options[:-1] if rng.random() < 0.35]
    return picks or [options[-1]]


def load(gemeente, official) -> None:
    """The panel, and two closed consultations with answers from a sample and feedback."""
    synthetic_members(gemeente)
    rng = np.random.default_rng(SEED)
    for case in CONSULTATIONS:
        traject = gemeente.trajecten.get(title__startswith=case["traject"])
        consultation = panel.create_consultation(
            official, traject, "participatie", case["title"], {"intro": case["intro"]}
        )
        questions = [
            panel.Question(
                consultation=consultation, position=i, kind=kind, text=text, options=options
            )
            for i, (kind, text, options) in enumerate(case["questions"], 1)
        ]
        panel.Question.objects.bulk_create(questions)
        questions = list(consultation.questions.all())
        sent = timezone.now() - timedelta(days=case["days_ago"])
        proposal = panel.compute_proposal(
            consultation, "sample", 400, list(panel.ATTRIBUTES), SEED, now=sent
        )
        panel.Invitation.objects.bulk_create(
            [
                panel.Invitation(
                    consultation=consultation, member_id=pk, invited=sent, last_mailed=sent
                )
                for pk in proposal["selected"]
            ]
        )
        invitations = list(consultation.invitations.select_related("member"))
        responses = []
        for invitation in invitations:
            if rng.random() > 0.62:
                continue
            if invitation.member is None:
                continue
            profile = invitation.member.attributes
            answers = {
                str(q.pk): plausible_answer(q.kind, panel.options_of(q), profile, rng)
                for q in questions
            }
            responses.append(
                panel.Response(
                    consultation=consultation,
                    invitation=invitation,
                    attributes=dict(profile),
                    answers=answers,
                    submitted=sent + timedelta(days=int(rng.integers(0, 14)), hours=10),
                )
            )
        panel.Response.objects.bulk_create(responses)
        panel.Consultation.objects.filter(pk=consultation.pk).update(
            status=panel.Status.OPEN, opened=sent
        )
        consultation.refresh_from_db()
        panel.close(official, consultation, now=sent + timedelta(days=21))
        status, text = case["feedback"]
        panel.give_feedback(
            official, consultation, status, text, now=sent + timedelta(days=35), tell=False
        )
