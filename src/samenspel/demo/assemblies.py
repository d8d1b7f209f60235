# SPDX-License-Identifier: EUPL-1.2
"""Amersfoort's burgerraad in the demo: letters by wijk, a few hundred synthetic answers over
the real wijken (older and higher-educated residents answer more readily), a completed public
draw, one replacement and a signed proces-verbaal. Small enough to draw in seconds."""

from __future__ import annotations

import hashlib
from datetime import date

from django.utils import timezone

from samenspel.assemblies import services as assemblies
from samenspel.assemblies.models import Respondent
from samenspel.engines.population import demo_margins
from samenspel.engines.sampling import skewed_panel

#: The demo stratifies on the four default features, the wijk among them.
DEMO_FEATURES = ["age_band", "gender", "area", "education"]
POOL = 240
SEATS = 20
PUBLIC_NUMBER = 37

_FIRST = ("Anna", "Bram", "Chaima", "Daan", "Eva", "Finn", "Gül", "Hugo", "Iris", "Joris")
_LAST = ("de Vries", "Bakker", "Yilmaz", "Jansen", "Visser", "Smit", "Meijer", "Bos", "Mulder")


def add_synthetic_pool(burgerraad, size: int, *, seed: int) -> list[Respondent]:
    """``size`` synthetic answers over the municipality's CBS population, skewed as real
    answers are; one per (made-up) household, all consenting."""
    gemeente = burgerraad.gemeente
    members = skewed_panel(demo_margins(gemeente.cbs_code), size, seed=seed)
    now = timezone.now()
    dates = burgerraad.meeting_dates
    people = []
    for i, member in enumerate(members):
        values = {f: member.attributes[f] for f in burgerraad.features}
        if "gender" in values and i % 41 == 40:
            values["gender"] = "anders"
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]}"
        people.append(
            Respondent(
                burgerraad=burgerraad,
                gemeente=gemeente,
                household=hashlib.sha256(f"{burgerraad.pk}:{seed}:{i}".encode()).hexdigest(),
                values=values,
                name=name,
                email=f"inwoner{i + 1}@voorbeeld.nl",
                available=dates if i % 7 else dates[:-1],
                needs=["childcare"] if i % 11 == 0 else [],
                consent_at=now,
            )
        )
    return Respondent.objects.bulk_create(people)


def load(official, traject) -> None:
    """The burgerraad on Amersfoort's trajectory, drawn and with one replacement."""
    from samenspel.assemblies.tasks import prepare_draw

    burgerraad = assemblies.create_burgerraad(
        official,
        traject,
        traject.phase,
        "Burgerraad Amersfoort: wonen voor iedereen",
        {
            "question": "Hoe zorgen we dat er in Amersfoort genoeg betaalbare woningen komen "
            "voor jong en oud?",
            "mandate": "De burgerraad geeft een advies aan de gemeenteraad over de woonvisie "
            "2027-2035.",
            "promise": "De raad bespreekt elk advies in een openbare vergadering en legt binnen "
            "drie maanden uit wat hij ermee doet, en waarom.",
            "seats": SEATS,
            "meeting_dates": ["2027-03-06", "2027-03-20", "2027-04-03", "2027-04-17"],
            "compensation": "€ 50 per bijeenkomst en reiskosten",
            "features": DEMO_FEATURES,
            "panels": 100,
            "ends_on": date(2027, 5, 31),
        },
    )
    add_synthetic_pool(burgerraad, POOL, seed=2027)
    work = assemblies.start_preparation(official, burgerraad)
    prepare_draw.call(work.pk, burgerraad.draw.pk)
    burgerraad.draw.refresh_from_db()
    draw = assemblies.draw_panel(official, burgerraad.draw, number=PUBLIC_NUMBER)
    first = assemblies.members(draw)[0]
    assemblies.withdraw(official, first)
    for member in assemblies.members(draw)[1::2]:
        assemblies.confirm_seat(official, member)
    assemblies.sign(
        official,
        draw,
        {
            "place": "Stadhuis Amersfoort, raadzaal",
            "present": "De griffier, twee raadsleden, een notaris en twaalf inwoners",
            "signed_by": "A. Ambtenaar, namens de griffie",
        },
    )
