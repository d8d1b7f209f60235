# SPDX-License-Identifier: EUPL-1.2
"""Load the demo: the municipalities of docs/domain.md §9 with CBS figures, their cases, and a user
for every role. Run on an empty database (it refuses to load twice)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from samenspel.advice import services as advice
from samenspel.demo import assemblies as burgerraad_demo
from samenspel.demo import learning as learning_demo
from samenspel.demo import panel as panel_demo
from samenspel.demo.budgeting import load_budgets
from samenspel.demo.cases import DEMO_PASSWORD, NO_FRAME_YET, PROVINCES, THEMES, TRAJECTS
from samenspel.engines.population.cbs import read_excerpt
from samenspel.engines.sampling import synthetic_address_file
from samenspel.meetings import services as meetings
from samenspel.municipalities.services import Gebied, Gemeente, Provincie, set_theme
from samenspel.people.models import Membership, Role, User
from samenspel.people.services import confirm_email
from samenspel.reach import services as reach
from samenspel.reach.models import Code
from samenspel.reach.tasks import draw_sample, make_letters
from samenspel.trajectories import services as trajectories
from samenspel.trajectories.services import PHASE_ORDER

THEME_DIR = Path(__file__).resolve().parents[2] / "theme"
ROLE_USERS = [
    ("raadslid", Role.RAADSLID, "Ria Raadslid"),
    ("griffier", Role.GRIFFIER, "Gerrit Griffier"),
    ("wethouder", Role.COLLEGELID, "Wim Wethouder"),
    ("ambtenaar", Role.AMBTENAAR, "Anna Ambtenaar"),
    ("inwoner", Role.INWONER, "Ilse Inwoner"),
    ("ondernemer", Role.ORGANISATIE, "Otto Ondernemer"),
]


def _wijk_name(cbs_name: str) -> str:
    return re.sub(r"^Wijk \d+ ", "", cbs_name)


class Command(BaseCommand):
    help = "Load the demo municipalities, cases and users."

    def handle(self, *args, **options):
        if Gemeente.objects.exists():
            self.stdout.write("Demo data already present; nothing loaded.")
            return
        # The demo's own history sends no e-mail; the notifications are in the inboxes.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            gemeenten = self._municipalities()
            users = self._users(gemeenten)
            self._cases(gemeenten, users)
        self.stdout.write(self.style.SUCCESS(f"Demo loaded. Logins (password: {DEMO_PASSWORD}):"))
        self.stdout.write("  beheerder@samenspel.demo  (platform beheerder)")
        for prefix in ("zeist", "heusden"):
            for key, _role, _name in ROLE_USERS:
                self.stdout.write(f"  {key}@{prefix}.demo")
        self.stdout.write("  provincie@utrecht.demo  (provincie Utrecht)")
        self.stdout.write("  ambtenaar@amersfoort.demo  (letters for the burgerraad)")
        self.stdout.write(
            "  provincie@gelderland.demo  (provincie Gelderland: lessons, intervision)"
        )
        self.stdout.write("  ambtenaar@gemert-bakel.demo  (the dorpsondersteuners experiment)")

    def _municipalities(self) -> dict[str, Gemeente]:
        gemeenten = {}
        for row in read_excerpt("gemeenten_2024.csv"):
            name = PROVINCES[row["gm_code"]]
            provincie, _created = Provincie.objects.get_or_create(
                name=name, defaults={"slug": slugify(name)}
            )
            gemeenten[row["gm_code"]] = Gemeente.objects.create(
                name=row["gemeente"],
                slug=slugify(row["gemeente"]),
                cbs_code=row["gm_code"],
                inhabitants=int(row["inwoners"]),
                inhabitants_reference_date=date.fromisoformat(row["ref_date"]),
                provincie=provincie,
            )
        Gebied.objects.bulk_create(
            [
                Gebied(
                    gemeente=gemeenten[row["gm_code"]],
                    kind="wijk",
                    name=_wijk_name(row["wijknaam_cbs"]),
                    cbs_code=row["wk_code"],
                    inhabitants=int(row["inwoners_2024"]) if row["inwoners_2024"] else None,
                )
                for row in read_excerpt("wijken_2024.csv")
                if row["gm_code"] in gemeenten
            ]
        )
        for code, theme in THEMES.items():
            with (
                (THEME_DIR / theme["logo"]).open("rb") as logo,
                (THEME_DIR / theme["favicon"]).open("rb") as favicon,
            ):
                set_theme(
                    gemeenten[code],
                    primary=theme["theme_primary"],
                    link=theme["theme_link"],
                    logo=File(logo, theme["logo"]),
                    favicon=File(favicon, theme["favicon"]),
                )
        return gemeenten

    def _users(self, gemeenten) -> dict[str, User]:
        users = {}
        admin = User.objects.create_superuser(
            "beheerder@samenspel.demo", DEMO_PASSWORD, name="Bea Beheerder"
        )
        confirm_email(admin)
        users["beheerder"] = admin
        for code, prefix in (("GM0355", "zeist"), ("GM0797", "heusden")):
            for key, role, name in ROLE_USERS:
                user = User.objects.create_user(
                    f"{key}@{prefix}.demo", DEMO_PASSWORD, name=f"{name} ({prefix.title()})"
                )
                confirm_email(user)
                Membership.objects.create(user=user, role=role, gemeente=gemeenten[code])
                users[f"{key}@{prefix}"] = user
        provincie = User.objects.create_user(
            "provincie@utrecht.demo", DEMO_PASSWORD, name="Pim Provincie"
        )
        confirm_email(provincie)
        Membership.objects.create(
            user=provincie, role=Role.PROVINCIE, provincie=gemeenten["GM0355"].provincie
        )
        return users

    def _cases(self, gemeenten, users) -> None:
        start = date(2025, 1, 13)
        for index, case in enumerate(TRAJECTS):
            gemeente = gemeenten[case["gemeente"]]
            prefix = "zeist" if case["gemeente"] == "GM0355" else "heusden"
            official = (
                users.get(f"ambtenaar@{prefix}")
                if case["gemeente"] in ("GM0355", "GM0797")
                else users["beheerder"]
            )
            raadslid = users.get(f"griffier@{prefix}", users["beheerder"])
            resident = users.get(f"inwoner@{prefix}", users["beheerder"])
            gebieden = Gebied.objects.filter(gemeente=gemeente, name__in=case["gebieden"])
            traject = trajectories.create_traject(
                official,
                gemeente,
                {
                    "title": case["title"],
                    "description": case["description"],
                    "initiator": case["initiator"],
                    "domein": case["domein"],
                    "dossiers": case["dossiers"],
                    "is_public": case.get("is_public", True),
                },
                gebieden,
            )
            for text in case.get("ankerpunten", []):
                trajectories.add_ankerpunt(
                    raadslid,
                    traject,
                    {
                        "text": text,
                        "set_on": start + timedelta(days=7 * index),
                    },
                )
            if "procesafspraken" in case:
                trajectories.save_procesafspraken(official, traject, case["procesafspraken"])
            for name, actor, status, invited_by in case.get("belangen", []):
                trajectories.save_belang(
                    official,
                    traject,
                    {
                        "name": name,
                        "actor": actor,
                        "status": status,
                        "invited_by": invited_by,
                    },
                )
            for phase in PHASE_ORDER[1 : PHASE_ORDER.index(case["phase"]) + 1]:
                trajectories.change_phase(
                    official,
                    traject,
                    phase,
                    "Volgende stap volgens de procesafspraken.",
                    override_reason=NO_FRAME_YET,  # used only where the frame is not met
                )
            for ankerpunt, (held, note) in zip(
                traject.ankerpunten.all(), case.get("held", []), strict=False
            ):
                trajectories.update_ankerpunt(
                    raadslid, ankerpunt, {"held": held, "held_note": note}
                )
            if "advies" in case:
                answers = {**advice.prefill(traject), **case["advies"]["answers"]}
                advies = advice.give_advice(official, traject, answers)
                rung, stance, reason = case["advies"]["chosen"] or (advies.rung, advies.stance, "")
                advice.record_choice(official, advies, rung, stance, reason)
            for text, status, explanation in case.get("inbreng", []):
                inbreng = trajectories.submit_inbreng(resident, traject, text)
                if status != "ontvangen":
                    trajectories.answer_inbreng(official, inbreng, status, explanation)
        self._stamtafel(gemeenten["GM0355"], users)
        self._letters(gemeenten["GM0307"])
        panel_demo.load(gemeenten["GM0355"], users["ambtenaar@zeist"])
        learning_demo.load(gemeenten, users, DEMO_PASSWORD)
        load_budgets(gemeenten, users)
        # The burgerraad (assemblies): answers, a public draw and a replacement.
        burgerraad_demo.load(
            User.objects.get(email="ambtenaar@amersfoort.demo"),
            gemeenten["GM0307"].trajecten.get(title="Gelote burgerraad"),
        )

    def _stamtafel(self, zeist, users) -> None:
        traject = zeist.trajecten.get(title__startswith="Z-battle")
        starts = timezone.make_aware(datetime(2026, 12, 10, 19, 30))
        bijeenkomst = meetings.create_bijeenkomst(
            users["ambtenaar@zeist"],
            traject,
            "participatie",
            "Stamtafel over de Z-battle",
            {
                "kind": "stamtafel",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "place": "Raadhuis Zeist, Het Rond 1",
                "host": "Ondernemersvereniging Zeist",
                "capacity": 30,
            },
        )
        meetings.register(users["inwoner@zeist"], bijeenkomst)

    def _letters(self, amersfoort) -> None:
        """A synthetic address file over Amersfoort's wijken in proportion to their CBS
        populations, a sample of it by wijk with letters for the burgerraad's information
        evening, and part of the codes used."""
        official = User.objects.create_user(
            "ambtenaar@amersfoort.demo", DEMO_PASSWORD, name="Aziz Ambtenaar (Amersfoort)"
        )
        Membership.objects.create(user=official, role=Role.AMBTENAAR, gemeente=amersfoort)
        traject = amersfoort.trajecten.get(title="Gelote burgerraad")
        starts = timezone.make_aware(datetime(2027, 1, 14, 19, 30))
        bijeenkomst = meetings.create_bijeenkomst(
            official,
            traject,
            traject.phase,
            "Informatieavond over de burgerraad",
            {
                "kind": "inloopavond",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "place": "Stadhuis Amersfoort, Stadhuisplein 1",
                "host": "Griffie Amersfoort",
                "capacity": 120,
            },
        )
        shares = {wijk: share for wijk, (share, _name) in reach.wijk_population(amersfoort).items()}
        address_file = reach.upload(
            official,
            bijeenkomst.use,
            "BAG-uittreksel (synthetisch)",
            synthetic_address_file(shares, 4000, seed=2026),
        )
        assert isinstance(address_file, reach.AddressFile)  # the synthetic file reads
        batch, work = reach.start_draw(official, address_file, 100, "wijk")
        draw_sample.call(work.pk, batch.pk)
        batch.signatory, batch.signatory_role = "A. de Burgemeester", "burgemeester"
        batch.save(update_fields=["signatory", "signatory_role"])
        letters = reach.start_letters(official, batch)
        make_letters.call(letters.pk, batch.pk)
        used = Code.objects.filter(invitation__batch=batch).order_by("digest")[:23]
        Code.objects.filter(pk__in=list(used.values_list("pk", flat=True))).update(
            redeemed=timezone.now()
        )
