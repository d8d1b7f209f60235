# SPDX-License-Identifier: EUPL-1.2
"""The demo's budgets (issue 16): Zeist's bezuinigingsdialoog with thematafels, the protected
minimabeleid and the council's decisions; a neighbourhood budget counted from the real votes of
an Amsterdam election (pabulib, see engines/budgeting/tests/data/pabulib/README.md for its source
and licence); and an open vote in Zeist that the demo residents can take part in."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

from samenspel.budgeting import services as budgeting
from samenspel.engines import budgeting as engine
from samenspel.trajectories import services as trajectories

#: A real election: Buurtbudget Rijnbuurt West, Amsterdam-Zuid, 2022 (212 voters, 15 projects).
AMSTERDAM_PB = (
    Path(engine.__file__).parent / "tests" / "data" / "pabulib" / "Netherlands_Amsterdam_588.pb"
)
#: The council's decisions in the demo point to an example address, not to a real document.
DECISIONS_URL = "https://raad.zeist.example/besluiten/2025-07-10"

THEMATAFELS = [
    (
        "Zorg en welzijn",
        1_400_000,
        "Minima en hun belangenorganisaties",
        "ambtenaar sociaal domein",
    ),
    ("Wonen en omgeving", 1_100_000, "Huurders", "de huurdersvereniging"),
    ("Cultuur, sport en recreatie", 900_000, "Sportverenigingen", "de sportraad"),
    ("Dienstverlening en organisatie", 600_000, "", ""),
]
POSTEN = [
    ("Minimabeleid", 6_200_000, True, "De raad heeft besloten: niet tornen aan het minimabeleid."),
    ("Bibliotheek", 2_300_000, False, ""),
    ("Sportaccommodaties", 3_100_000, False, ""),
    ("Subsidies cultuur", 1_800_000, False, ""),
    ("Openbaar groen", 4_500_000, False, ""),
    ("Huisvesting gemeente", 2_700_000, False, ""),
]
# (title, thematafel, budget line, saving, check, council decision, amount decided)
VOORSTELLEN = [
    (
        "Eén centrale bibliotheek in plaats van drie vestigingen",
        "Cultuur, sport en recreatie",
        "Bibliotheek",
        450_000,
        "accepted",
        "adopted",
        None,
    ),
    (
        "Sporthal De Wildbaan delen met scholen overdag",
        "Cultuur, sport en recreatie",
        "Sportaccommodaties",
        200_000,
        "accepted",
        "amended",
        150_000,
    ),
    (
        "Gras maaien op minder plekken; bloemrijke bermen",
        "Wonen en omgeving",
        "Openbaar groen",
        300_000,
        "accepted",
        "adopted",
        None,
    ),
    (
        "Vrijwilligers onderhouden buurtgroen met adoptiecontracten",
        "Wonen en omgeving",
        "Openbaar groen",
        250_000,
        "accepted",
        "adopted",
        None,
    ),
    (
        "Een verdieping van het gemeentehuis verhuren",
        "Dienstverlening en organisatie",
        "Huisvesting gemeente",
        380_000,
        "accepted",
        "adopted",
        None,
    ),
    (
        "Cultuursubsidies verdelen via één fonds met open aanvraag",
        "Cultuur, sport en recreatie",
        "Subsidies cultuur",
        220_000,
        "accepted",
        "amended",
        180_000,
    ),
    (
        "Het zwembad sluiten",
        "Cultuur, sport en recreatie",
        "Sportaccommodaties",
        900_000,
        "accepted",
        "rejected",
        None,
    ),
    (
        "Balie van het gemeentehuis alleen op afspraak",
        "Dienstverlening en organisatie",
        "Huisvesting gemeente",
        120_000,
        "accepted",
        "adopted",
        None,
    ),
    (
        "Wijkteams samenvoegen met het welzijnswerk",
        "Zorg en welzijn",
        "Huisvesting gemeente",
        500_000,
        "accepted",
        "adopted",
        None,
    ),
    (
        "Alle bomen in de Zeisterbossen kappen en verkopen",
        "Wonen en omgeving",
        "Openbaar groen",
        2_000_000,
        "rejected",
        "",
        None,
    ),
]
OPEN_PROJECTS = [
    ("Speeltoestellen in het Wilhelminapark", 18_000),
    ("Bankjes langs de Slotlaan", 6_000),
    ("Een buurtmoestuin in Kerckebosch", 12_000),
    ("Extra fietsenrekken bij station Driebergen-Zeist", 15_000),
    ("Een pannakooi in Vollenhove", 22_000),
    ("Kunst in de onderdoorgang Utrechtseweg", 9_000),
]


def load_budgets(gemeenten, users) -> None:
    zeist = gemeenten["GM0355"]
    official = users["ambtenaar@zeist"]
    _bezuinigingsdialoog(zeist, official)
    _amsterdam(zeist, official)
    _open_vote(zeist, official)


def _accept(official, begroting, deel, title, description, cost, post=None):
    voorstel = budgeting.submit_voorstel(
        None,
        begroting,
        {
            "title": title,
            "description": description,
            "deel": deel,
            "estimate": cost,
            "post": post,
        },
    )
    return budgeting.review(
        official, voorstel, "accepted", "Haalbaar; de kosten zijn getoetst.", cost
    )


def _bezuinigingsdialoog(zeist, official) -> None:
    traject = zeist.trajecten.get(title__startswith="Bezuinigingsdialoog")
    begroting = budgeting.create_begroting(
        official,
        traject,
        "besluitvorming",
        "Bezuinigingsdialoog: voorstellen per thematafel",
        {
            "kind": "savings",
            "total": 4_000_000,
            "description": (
                "Inwoners zochten aan thematafels samen naar 4 miljoen euro. Per voorstel staat "
                "hier wat de raad besloot."
            ),
        },
    )
    delen = {
        name: budgeting.add_deel(official, begroting, name, amount)
        for name, amount, _missing, _invited in THEMATAFELS
    }
    for name, _amount, missing, invited in THEMATAFELS:
        if missing:
            budgeting.add_ontbrekend(official, delen[name], missing, invited)
    posten = {
        name: budgeting.add_post(
            official,
            begroting,
            {"name": name, "amount": amount, "protected": protected, "frame": frame},
        )
        for name, amount, protected, frame in POSTEN
    }
    budgeting.open_proposals(official, begroting)
    decided_on = date(2025, 7, 10)
    for title, tafel, post, saving, check, decision, amount in VOORSTELLEN:
        voorstel = budgeting.submit_voorstel(
            None,
            begroting,
            {
                "title": title,
                "description": f"Voorstel van de thematafel {tafel}.",
                "deel": delen[tafel],
                "estimate": saving,
                "post": posten[post],
            },
        )
        reason = (
            "Haalbaar; de besparing is door de afdeling financiën getoetst."
            if check == "accepted"
            else "Niet haalbaar: de bossen zijn van de provincie en beschermd natuurgebied."
        )
        voorstel = budgeting.review(official, voorstel, check, reason, saving)
        if decision:
            budgeting.decide(
                official,
                voorstel,
                {
                    "decision": decision,
                    "decision_date": decided_on,
                    "decision_url": DECISIONS_URL,
                    "decision_amount": amount,
                },
            )
    budgeting.close_voting(official, begroting)


def _amsterdam(zeist, official) -> None:
    """A neighbourhood budget with the real projects and votes of Rijnbuurt West (2022), in a
    trajectory of its own: counted with equal shares, to learn from."""
    election = engine.read_pb(AMSTERDAM_PB)
    traject = trajectories.create_traject(
        official,
        zeist,
        {
            "title": "Leren van Amsterdam: het buurtbudget van Rijnbuurt West natellen",
            "description": (
                "Hoe werkt tellen met gelijke delen? Deze begroting gebruikt de echte projecten "
                "en stemmen van het buurtbudget Rijnbuurt West in Amsterdam-Zuid (2022, 212 "
                "stemmers), uit de open bibliotheek pabulib (pabulib.org). Amsterdam telde toen "
                "met de meeste stemmen; hier ziet u wat gelijke delen had gekozen."
            ),
            "initiator": "college",
            "domein": "bestuurlijk",
            "dossiers": "burgerbegroting",
            "is_public": True,
        },
    )
    begroting = budgeting.create_begroting(
        official,
        traject,
        "participatie",
        "Buurtbudget Rijnbuurt West (echte stemmen, Amsterdam 2022)",
        {
            "kind": "spending",
            "total": int(election.budget),
            "closes_at": timezone.now() + timedelta(days=1),
            "min_age": 0,
        },
    )
    deel = begroting.delen.get()
    budgeting.open_proposals(official, begroting)
    voorstellen = [
        _accept(
            official,
            begroting,
            deel,
            (project.column("name") or project.id)[:120],
            f"Project {project.id} van het buurtbudget Rijnbuurt West.",
            int(project.cost),
        )
        for project in election.projects
    ]
    begroting = budgeting.open_voting(official, begroting)
    budgeting.import_ballots(
        begroting,
        [
            (f"amsterdam-{ballot.voter_id}", {voorstellen[i].pk: 1 for i in ballot.projects})
            for ballot in election.ballots
        ],
    )
    budgeting.close_voting(official, begroting)
    budgeting.count_begroting(begroting)


def _open_vote(zeist, official) -> None:
    traject = zeist.trajecten.get(title__startswith="Z-battle")
    begroting = budgeting.create_begroting(
        official,
        traject,
        "participatie",
        "Wijkbudget Zeist 2027: stem mee",
        {
            "kind": "spending",
            "total": 50_000,
            "closes_at": timezone.now() + timedelta(days=60),
            "min_age": 16,
            "description": "Kies de plannen die u wilt, binnen 50.000 euro.",
        },
    )
    deel = begroting.delen.get()
    budgeting.open_proposals(official, begroting)
    for title, cost in OPEN_PROJECTS:
        _accept(official, begroting, deel, title, f"Een plan uit de Z-battle: {title}.", cost)
    budgeting.open_voting(official, begroting)
