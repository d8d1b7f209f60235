# SPDX-License-Identifier: EUPL-1.2
"""The real cases of docs/domain.md §9 as demo trajectories. Texts summarise the source documents;
anchor point wordings are illustrative where the sources give only their number."""

from typing import Any

PROVINCES = {
    "GM0797": "Noord-Brabant",
    "GM1652": "Noord-Brabant",
    "GM0355": "Utrecht",
    "GM0307": "Utrecht",
    "GM1911": "Noord-Holland",
    "GM0262": "Gelderland",
    # Issue 19: the other municipalities of Gelderland's intervision group with Lochem.
    "GM0197": "Gelderland",
    "GM0200": "Gelderland",
    "GM0202": "Gelderland",
}

#: A municipality's own look (issue 13): Heusden shows its theme; Zeist keeps the example theme.
#: The pictures are in demo/theme/, made for the demo (not the municipality's real logo).
THEMES: dict[str, dict[str, str]] = {
    "GM0797": {
        "theme_primary": "#0b6b3a",
        "theme_link": "#0b5a32",
        "logo": "heusden-logo.png",
        "favicon": "heusden-favicon.png",
    },
}

TRAJECTS: list[dict[str, Any]] = [
    {
        "gemeente": "GM0355",
        "title": "Slot Zeist: een nieuwe invulling samen met inwoners",
        "description": (
            "Tijdens een raadsruit stelden raad en college op één avond de kaders, "
            "ankerpunten genoemd, voor de invulling van Slot Zeist: uiteindelijk maar drie. "
            "Via twitter, facebook, kranten en instellingen werden betrokkenen opgeroepen mee te "
            "denken. Een groep van 30 personen werkte binnen de ankerpunten een plan uit; niet "
            "alleen de 'usual suspects' zaten aan tafel. Een raadscommissie werd gedurende het "
            "hele proces bijgepraat."
        ),
        "initiator": "college",
        "domein": "fysiek",
        "dossiers": "erfgoed, cultuur",
        "gebieden": ["Zeist Centrum"],
        "phase": "besluitvorming",
        "ankerpunten": [
            "Het slot blijft een publiek toegankelijke plek voor alle inwoners.",
            "Het monumentale karakter van slot en slotgrachten blijft behouden.",
            "De exploitatie vraagt geen structurele bijdrage van de gemeente.",
        ],
        "procesafspraken": {
            "wie_beslist": "De raad besluit over het plan; de groep van 30 werkt het plan uit "
            "binnen de drie ankerpunten.",
            "rollen": "Raad: stelt ankerpunten en bewaakt het proces. College: opdrachtgever. "
            "Ambtenaren: procesbegeleiding. Inwoners: werken het plan uit.",
            "wat_met_inbreng": "Het plan van de groep gaat ongewijzigd naar de raad, met een "
            "reactie van het college.",
            "terugkoppeling": "Iedere deelnemer hoort binnen zes weken na het raadsbesluit wat "
            "er met het plan is gedaan.",
            "raad_informeren": "Een raadscommissie wordt na iedere bijeenkomst bijgepraat.",
        },
        "belangen": [
            ("Groep van 30 inwoners", "samenleving", "aanwezig", ""),
            ("Raadscommissie", "gemeenteraad", "aanwezig", ""),
            ("Culturele instellingen", "samenleving", "aanwezig", ""),
            ("Jongeren", "samenleving", "uitgenodigd", "procesbegeleider via scholen"),
        ],
        "advies": {
            "answers": {
                "kennis_benutten": 5,
                "betrekken": 5,
                "vertrouwen_overlaten": 4,
                "gewenste_rol": "samenwerking",
                "vertrouwen_samenleving_overheid": "ja",
            },
            "chosen": None,
        },
        "inbreng": [
            (
                "Maak van de slotgrachten een wandelroute met uitleg over de geschiedenis.",
                "overgenomen",
                "Opgenomen in het plan als 'slotroute'; de raad stemde in.",
            ),
            (
                "Houd de zalen betaalbaar voor verenigingen uit Zeist.",
                "deels_overgenomen",
                "Verenigingen krijgen korting op doordeweekse dagen; in het weekend geldt het "
                "gewone tarief, anders komt de exploitatie in gevaar.",
            ),
            (
                "Zet een hotel in het slot.",
                "niet_overgenomen",
                "Past niet binnen ankerpunt 1: het slot blijft publiek toegankelijk.",
            ),
        ],
    },
    {
        "gemeente": "GM0355",
        "title": "Bezuinigingsdialoog: inwoners zoeken samen 4 miljoen euro",
        "description": (
            "Inwoners werden betrokken bij de bezuinigingen. Na een open oproep werd bekeken "
            "welke belangen nog ontbraken om de groep te completeren. De begroting werd in "
            "behapbare onderdelen verdeeld over thematafels. Een commissie 'ongereguleerde zaken' "
            "besprak zorgen; halverwege was er een hoorzitting met de raad. Het leidde tot 130 "
            "voorstellen, waarvan zo'n 90% door de raad werd overgenomen (4 miljoen euro)."
        ),
        "initiator": "college",
        "domein": "bestuurlijk",
        "dossiers": "begroting, bezuinigingen",
        "gebieden": [],
        "phase": "evaluatie",
        "ankerpunten": ["Niet tornen aan het minimabeleid."],
        # Recorded by the griffier in the evaluation: whether each anchor point held.
        "held": [(True, "Het minimabeleid bleef buiten het pakket van 4 miljoen euro.")],
        "procesafspraken": {
            "wie_beslist": "De raad besluit over de voorstellen van de thematafels.",
            "rollen": "Thematafels van inwoners doen voorstellen; ambtenaren leveren cijfers; "
            "de raad luistert halverwege in een hoorzitting.",
            "wat_met_inbreng": "Ieder voorstel krijgt een reactie van het college en gaat naar "
            "de raad.",
            "terugkoppeling": "Na het raadsbesluit per voorstel; over het proces is een "
            "documentaire gemaakt.",
            "raad_informeren": "Hoorzitting halverwege het proces.",
        },
        "belangen": [
            ("Open oproep: aanmelders", "samenleving", "aanwezig", ""),
            (
                "Minima en hun belangenorganisaties",
                "samenleving",
                "uitgenodigd",
                "ambtenaar sociaal domein",
            ),
            ("Ondernemers", "samenleving", "uitgenodigd", "wethouder economie"),
            ("Sportverenigingen", "samenleving", "ontbreekt", ""),
        ],
        "inbreng": [
            (
                "Voeg de bibliotheekvestigingen samen tot één centrale bibliotheek.",
                "overgenomen",
                "Overgenomen door de raad als onderdeel van het pakket van 4 miljoen euro.",
            ),
            (
                "Verlaag de subsidie voor het minimabeleid.",
                "niet_overgenomen",
                "Valt buiten het ankerpunt van de raad: niet tornen aan het minimabeleid.",
            ),
        ],
    },
    {
        "gemeente": "GM0355",
        "title": "Z-battle: inwoners pitchen hun plannen",
        "description": (
            "Inwoners pitchen plannen voor hun stad. Een gemengde jury van inwoners, college, "
            "raadsleden en ambtenaren kiest een top 3; daarna worden alle plannen in dialoog "
            "verbeterd, zodat ook de verliezers betrokken blijven."
        ),
        "initiator": "samenleving",
        "domein": "economisch",
        "dossiers": "initiatieven",
        "gebieden": [],
        "phase": "participatie",
        "ankerpunten": [],
        "inbreng": [("Een repaircafé in iedere wijk van Zeist.", "in_behandeling", "")],
    },
    {
        "gemeente": "GM0355",
        "title": "Woonvisie (concept, nog niet openbaar)",
        "description": "De woonvisie wordt op dezelfde manier aangevlogen als de "
        "bezuinigingsdialoog. Nog in voorbereiding.",
        "initiator": "college",
        "domein": "fysiek",
        "dossiers": "wonen",
        "gebieden": [],
        "phase": "verkenning",
        "is_public": False,
    },
    {
        "gemeente": "GM0797",
        "title": "Buurt bestuurt in Hedikhuizen",
        "description": (
            "Inwoners van Hedikhuizen besturen hun eigen buurt, met vooraf vastgestelde "
            "spelregels. De gemeente faciliteert en verbindt; de buurt neemt het initiatief."
        ),
        "initiator": "samenleving",
        "domein": "sociaal",
        "dossiers": "leefbaarheid",
        "gebieden": ["Hedikthuizen"],
        "phase": "participatie",
        "ankerpunten": ["De spelregels van Buurt bestuurt gelden voor alle afspraken."],
        "advies": {
            "answers": {
                "kracht": 5,
                "georganiseerd": 5,
                "zelf_uitvoeren": 5,
                "draagvlak": 4,
                "impuls": ["procesbegeleiding"],
                "vertrouwen_samenleving_overheid": "ja",
            },
            "chosen": (
                "coproduceren",
                "faciliteren",
                "De buurt wil het eerste jaar samen met de gemeente optrekken.",
            ),
        },
        "inbreng": [
            ("Maak van het oude schoolplein een ontmoetingsplek.", "ontvangen", ""),
            (
                "Onderhoud van het groen door de buurt zelf (groenadoptie).",
                "overgenomen",
                "De buurt adopteert het groen; de gemeente levert materiaal.",
            ),
        ],
    },
    {
        "gemeente": "GM0797",
        "title": "Zorgcoöperatie",
        "description": "Inwoners werken aan een zorgcoöperatie, met cross-overs naar sport "
        "en cultuur tegen eenzaamheid.",
        "initiator": "samenleving",
        "domein": "sociaal",
        "dossiers": "zorg",
        "gebieden": [],
        "phase": "verkenning",
    },
    {
        "gemeente": "GM0307",
        "title": "G1000 Amersfoort",
        "description": "In 2014 spraken 1.000 inwoners over wat belangrijk is voor de stad; "
        "ideeën werden plannen met gedeelde verantwoordelijkheid.",
        "initiator": "samenleving",
        "domein": "bestuurlijk",
        "dossiers": "democratie",
        "gebieden": [],
        "phase": "evaluatie",
    },
    {
        "gemeente": "GM0307",
        "title": "Gelote burgerraad",
        "description": "Een werkgroep uit de raad verkent een gelote burgerraad, met steun van "
        "het ministerie.",
        "initiator": "gemeenteraad",
        "domein": "bestuurlijk",
        "dossiers": "democratie",
        "gebieden": [],
        "phase": "verkenning",
    },
    {
        "gemeente": "GM0307",
        "title": "Kruiskamp onderneemt",
        "description": "Ondernemers en bewoners van de Kruiskamp werken samen aan hun wijk.",
        "initiator": "samenleving",
        "domein": "economisch",
        "dossiers": "wijkeconomie",
        "gebieden": ["Kruiskamp"],
        "phase": "participatie",
    },
    {
        "gemeente": "GM1911",
        "title": "HK-Plein: een interne banenmarkt",
        "description": "Een interne markt van klussen die ook openstaat voor talent van buiten; "
        "22 kernen met 4 kernbeheerders.",
        "initiator": "ambtenaren",
        "domein": "bestuurlijk",
        "dossiers": "organisatie",
        "gebieden": [],
        "phase": "kaderstelling",
    },
    {
        "gemeente": "GM0262",
        "title": "Iedere casus op de participatieladder",
        "description": "Lochem gebruikt de participatieladder om ieder project te plaatsen.",
        "initiator": "ambtenaren",
        "domein": "bestuurlijk",
        "dossiers": "participatie",
        "gebieden": [],
        "phase": "besluitvorming",
    },
    {
        "gemeente": "GM1652",
        "title": "Dorpsondersteuners",
        "description": "Escalatie van buur naar dorpsondersteuner, wijkteam en gemeente: 80% "
        "wordt opgelost voordat de gemeente eraan te pas komt.",
        "initiator": "samenleving",
        "domein": "sociaal",
        "dossiers": "zorg, leefbaarheid",
        "gebieden": [],
        "phase": "evaluatie",
    },
]

DEMO_PASSWORD = "samenspel-demo"
#: Why a case that ran before its anchor points and process agreements were recorded here went on
#: to its phase anyway: an override, on the timeline and told to the council.
NO_FRAME_YET = (
    "Dit traject liep al voordat de ankerpunten en procesafspraken in Samenspel werden vastgelegd."
)
