# SPDX-License-Identifier: EUPL-1.2
"""The demo's experiments, lessons and intervision (issue 19): Heusden's Buurt bestuurt in
Hedikhuizen and Gemert-Bakel's dorpsondersteuners followed as experiments with two measuring
moments each, lessons of municipalities in Gelderland and Brabant on the sticky wall, and an
intervision group of the province of Gelderland with Lochem.

The measuring moments cover the two half years up to the month the demo is loaded, so the
indicators Samenspel knows count the input the demo gives today."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from samenspel.learning import services as learning
from samenspel.learning.known import Period
from samenspel.learning.models import Kind, Rhythm
from samenspel.people.models import Membership, Role, User
from samenspel.people.services import confirm_email


def _user(email: str, name: str, password: str, role: str, *, gemeente=None, provincie=None):
    user = User.objects.create_user(email, password, name=name)
    confirm_email(user)
    Membership.objects.create(user=user, role=role, gemeente=gemeente, provincie=provincie)
    return user


def _halves(today: date) -> list[Period]:
    """Two half years, the second ending with the current month."""
    start = learning.add_months(today.replace(day=1), -11)
    middle = learning.add_months(start, 6)
    return [
        Period(start, middle - timedelta(days=1)),
        Period(middle, learning.add_months(middle, 6) - timedelta(days=1)),
    ]


def load(gemeenten: dict, users: dict, password: str) -> None:
    heusden, gemert = gemeenten["GM0797"], gemeenten["GM1652"]
    lochem, aalten = gemeenten["GM0262"], gemeenten["GM0197"]
    apeldoorn, arnhem = gemeenten["GM0200"], gemeenten["GM0202"]
    officials = {
        key: _user(f"ambtenaar@{key}.demo", name, password, Role.AMBTENAAR, gemeente=gemeente)
        for key, name, gemeente in (
            ("gemert-bakel", "Gijs Ambtenaar (Gemert-Bakel)", gemert),
            ("lochem", "Lotte Ambtenaar (Lochem)", lochem),
            ("aalten", "Ahmed Ambtenaar (Aalten)", aalten),
            ("apeldoorn", "Petra Ambtenaar (Apeldoorn)", apeldoorn),
            ("arnhem", "Ruben Ambtenaar (Arnhem)", arnhem),
        )
    }
    officials["heusden"] = users["ambtenaar@heusden"]
    gelderland = _user(
        "provincie@gelderland.demo",
        "Gea Provincie (Gelderland)",
        password,
        Role.PROVINCIE,
        provincie=lochem.provincie,
    )
    _user(
        "provincie@brabant.demo",
        "Bram Provincie (Noord-Brabant)",
        password,
        Role.PROVINCIE,
        provincie=heusden.provincie,
    )
    today = timezone.localdate()
    _buurt_bestuurt(heusden, officials["heusden"], today)
    _dorpsondersteuners(gemert, officials["gemert-bakel"], today)
    _lessons(gemeenten, officials)
    _intervision(gelderland, lochem.provincie, officials, today)


def _experiment(gemeente, official, title: str, data: dict, today: date):
    traject = gemeente.trajecten.get(title=title)
    return learning.create_experiment(
        official,
        gemeente,
        {"title": title, "started_on": _halves(today)[0].start, **data},
        traject,
    )


def _moments(official, experiment, entries: list[dict], reflections: list[list]) -> None:
    by_position = {i.position: i for i in experiment.indicators.all()}
    for period, entered, said in zip(
        _halves(timezone.localdate()), entries, reflections, strict=True
    ):
        learning.record_moment(
            official,
            experiment,
            period,
            {by_position[p].pk: value for p, value in entered.items()},
            said,
        )


def _buurt_bestuurt(heusden, official, today: date) -> None:
    experiment = _experiment(
        heusden,
        official,
        "Buurt bestuurt in Hedikhuizen",
        {
            "initiator": "samenleving",
            "theme": "initiatieven",
            "instrument": "spelregels_zelfbeheer",
            "learning_question": (
                "Neemt de buurt met vaste spelregels zelf de zorg voor de leefbaarheid over, "
                "en wat vraagt dat van de gemeente?"
            ),
            "sharing": "landelijk",
        },
        today,
    )
    extra = learning.add_indicator(
        official,
        experiment,
        {
            "question": "Bewoners actief in de buurtgroep",
            "kind": Kind.COUNT,
            "baseline": Decimal(12),
            "target": Decimal(30),
            "rhythm": Rhythm.HALFJAAR,
        },
    )
    _moments(
        official,
        experiment,
        [
            {
                0: 3,
                1: "Een plek om elkaar te ontmoeten; het schoolplein komt daarvoor in beeld.",
                2: "Bewoners merken dat de gemeente vaker vraagt dan vertelt.",
                4: 1500,
                extra.position: 14,
            },
            {
                0: 5,
                1: "De ontmoetingsplek is er; jongeren missen nog een eigen plek.",
                2: "De wijkregisseur is bekend; de buurt wil sneller antwoord op vragen.",
                3: "De APV stond groenadoptie niet in de weg; de subsidieregels wel.",
                4: 4200,
                extra.position: 21,
            },
        ],
        [
            [
                ("samenleving", "De buurtgroep nam het onderhoud van het groen op zich.", ""),
                ("ambtenaren", "", "Vragen van de buurt bleven te lang liggen."),
            ],
            [
                ("samenleving", "Meer bewoners doen mee, ook nieuwe gezichten.", ""),
                ("raad", "De raad kwam kijken en stelde de spelregels niet ter discussie.", ""),
                ("college", "", "Het college beloofde budget dat pas laat kwam."),
            ],
        ],
    )
    learning.answer_central_question(
        official,
        experiment,
        _halves(today)[1].end.year,
        "deels",
        "De buurt draagt meer zelf, maar de gemeente reageert nog te traag op haar vragen.",
    )


def _dorpsondersteuners(gemert, official, today: date) -> None:
    experiment = _experiment(
        gemert,
        official,
        "Dorpsondersteuners",
        {
            "initiator": "samenleving",
            "theme": "zorg",
            "instrument": "dorpsondersteuner",
            "learning_question": (
                "Lossen buren, dorpsondersteuners en het wijkteam samen de meeste hulpvragen op "
                "voordat ze bij de gemeente komen?"
            ),
            "sharing": "provincie",
        },
        today,
    )
    solved = learning.add_indicator(
        official,
        experiment,
        {
            "question": "Hulpvragen opgelost voordat de gemeente eraan te pas komt (%)",
            "kind": Kind.COUNT,
            "baseline": Decimal(70),
            "target": Decimal(80),
            "rhythm": Rhythm.HALFJAAR,
        },
    )
    _moments(
        official,
        experiment,
        [
            {
                0: 7,
                1: "Hulp dichtbij, door iemand die het dorp kent.",
                4: 12000,
                solved.position: 78,
            },
            {
                0: 9,
                1: "Ook eenzaamheid komt nu bij de dorpsondersteuner binnen.",
                3: "De privacyregels maakten overdracht aan het wijkteam lastig.",
                4: 18500,
                solved.position: 81,
            },
        ],
        [
            [("samenleving", "Inwoners weten de dorpsondersteuner te vinden.", "")],
            [
                ("ambtenaren", "", "Overdracht aan het wijkteam kost te veel tijd."),
                ("samenleving", "Vrijwilligers blijven, ook na het eerste jaar.", ""),
            ],
        ],
    )
    learning.evaluate(
        official,
        experiment,
        "organisator",
        {
            "design_score": 4,
            "design": "Heldere rollen op iedere trede van de ladder.",
            "experience_score": 4,
            "experience": "",
            "impact_score": 5,
            "impact": "De raad nam de werkwijze op in het beleid.",
        },
    )


#: (municipality, author key, kind, text, corners, theme, instrument, sharing)
LESSONS = [
    ("GM0262", "lochem", "succes", "Iedere casus eerst op de participatieladder plaatsen maakt "
     "vooraf duidelijk wie waarover beslist.", ["ambtenaren", "raad"], "beleid", "", "landelijk"),
    ("GM0262", "lochem", "knelpunt", "De raad hoort pas van een initiatief als het college al "
     "ja heeft gezegd.", ["raad", "college"], "raad", "", "provincie"),
    ("GM0262", "lochem", "behoefte", "Training voor raadsleden over hun rol bij initiatieven "
     "uit de samenleving.", ["raad"], "raad", "", "provincie"),
    ("GM0197", "aalten", "knelpunt", "Steeds dezelfde inwoners komen naar de avonden.",
     ["samenleving"], "bereik", "bijeenkomst", "provincie"),
    ("GM0197", "aalten", "behoefte", "Uitwisseling met andere gemeenten over wat werkt.",
     ["ambtenaren"], "organisatie", "", "provincie"),
    ("GM0200", "apeldoorn", "succes", "Een vaste contactpersoon per initiatief houdt het "
     "vertrouwen vast.", ["ambtenaren", "samenleving"], "initiatieven", "", "landelijk"),
    ("GM0202", "arnhem", "knelpunt", "Regels voor subsidies passen niet bij wat bewoners zelf "
     "willen doen.", ["college", "samenleving"], "initiatieven", "", "provincie"),
    ("GM0202", "arnhem", "succes", "Een gelote groep inwoners bracht nieuwe stemmen aan tafel.",
     ["samenleving"], "bereik", "burgerraad", "gemeente"),
    ("GM0797", "heusden", "succes", "Spelregels vooraf vastleggen geeft de buurt ruimte en de "
     "raad rust.", ["raad", "samenleving"], "initiatieven", "spelregels_zelfbeheer",
     "landelijk"),
    ("GM0797", "heusden", "knelpunt", "Vragen van de buurt blijven te lang liggen bij de "
     "gemeente.", ["ambtenaren", "samenleving"], "initiatieven", "spelregels_zelfbeheer",
     "landelijk"),
    ("GM1652", "gemert-bakel", "succes", "Een ladder van hulp: buur, dorpsondersteuner, "
     "wijkteam, gemeente.", ["samenleving", "ambtenaren"], "zorg", "dorpsondersteuner",
     "provincie"),
    ("GM1652", "gemert-bakel", "behoefte", "Steun bij het evalueren van wat het dorp zelf "
     "oplost.", ["ambtenaren"], "zorg", "dorpsondersteuner", "provincie"),
]  # fmt: skip


def _lessons(gemeenten: dict, officials: dict) -> None:
    for code, author, kind, text, corners, theme, instrument, sharing in LESSONS:
        learning.add_lesson(
            officials[author],
            gemeenten[code],
            {
                "kind": kind,
                "text": text,
                "theme": theme,
                "instrument": instrument,
                "sharing": sharing,
            },
            corners,
        )


def _intervision(facilitator, gelderland, officials: dict, today: date) -> None:
    group = learning.form_group(
        facilitator,
        gelderland,
        "Raad en participatie (Lochem, Aalten, Apeldoorn, Arnhem)",
        "raad",
        [officials[k] for k in ("lochem", "aalten", "apeldoorn", "arnhem")],
    )
    held = timezone.make_aware(datetime.combine(today - timedelta(days=21), datetime.min.time()))
    session = learning.schedule_session(
        facilitator, group, held + timedelta(hours=14), "Provinciehuis Arnhem"
    )
    learning.schedule_session(
        facilitator, group, held + timedelta(days=84, hours=14), "Gemeentehuis Lochem"
    )
    notes = [
        ("lochem", "knelpunt", "Het college zegt ja voordat de raad zijn kaders heeft gesteld.",
         ["raad", "college"], True),
        ("aalten", "succes", "Vooraf met de raad afspreken wat er met de inbreng gebeurt.",
         ["raad", "samenleving"], True),
        ("arnhem", "behoefte", "Intervisie elk kwartaal, per thema.", ["ambtenaren"], False),
    ]  # fmt: skip
    for author, kind, text, corners, approved in notes:
        lesson = learning.write_session_note(
            facilitator, session, officials[author], {"kind": kind, "text": text}, corners
        )
        if approved:
            learning.approve_lesson(officials[author], lesson)
