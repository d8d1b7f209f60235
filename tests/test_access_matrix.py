# SPDX-License-Identifier: EUPL-1.2
"""Every URL pattern × every role × own/other municipality (docs/architecture.md, Tenancy).

For each actor the test builds two municipalities, A and B, and requests every page and endpoint
of municipality A, for a public and a non-public trajectory. A role held in B must give nothing in
A beyond what the public sees, and a non-public trajectory must not even be shown to exist.
Instrument uses are managed by their organisers (the "organiser" actor: the official of A who
attached them), not by every official of the municipality.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLPattern, URLResolver
from django.utils import timezone

from samenspel.advice import services as advice
from samenspel.api.services import Scope, issue_key
from samenspel.assemblies import services as assemblies
from samenspel.core.models import LongWork
from samenspel.core.services import encrypt_bytes
from samenspel.engines.advice import default_kader_text
from samenspel.meetings.models import Verslagpunt
from samenspel.municipalities.services import set_theme
from samenspel.panel.models import Invitation as PanelInvitation
from samenspel.panel.services import token as panel_token
from samenspel.people.models import Role, User
from samenspel.reach import services as reach
from samenspel.reach.models import Batch, SealedFile
from samenspel.testing import (
    make_bijeenkomst,
    make_consultation,
    make_drawn_burgerraad,
    make_gemeente,
    make_member,
    make_provincie,
    make_traject,
    make_user,
)
from samenspel.trajectories import services

pytestmark = pytest.mark.django_db
THEME = Path(__file__).resolve().parents[1] / "src/samenspel/demo/theme"

STAFF = {Role.RAADSLID, Role.GRIFFIER, Role.COLLEGELID, Role.AMBTENAAR}
MEMBERS = STAFF | {Role.INWONER, Role.ORGANISATIE}

# Who may do what in their own municipality (the platform beheerder may do everything).
# "public": everyone who may see the trajectory; "login": any logged-in user; ORGANISER: the
# organisers of the instrument use (or, for long work, the person who started it).
ORGANISER = "organiser"
# The API (/api/v1/) answers alike for everyone, logged in or not: public data only, and a
# non-public trajectory (or what is in it) is not found. NOTHING: never answered with data.
API = "api"
NOTHING = "nothing"
POLICY: dict[str, tuple[str, object]] = {
    # name: (method, allowed roles in own municipality)
    "trajectories:home": ("GET", "public"),
    "trajectories:gemeente": ("GET", "public"),
    "trajectories:detail": ("GET", "public"),
    "trajectories:feedback": ("GET", "public"),
    "trajectories:raadsinformatiebrief": ("GET", "public"),
    "meetings:detail": ("GET", "public"),
    "meetings:ical": ("GET", "public"),
    "inbox": ("GET", "login"),
    "home:mijn": ("GET", "login"),
    "my_data": ("GET", "login"),
    "health": ("GET", "public"),
    "trajectories:create": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "trajectories:edit": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "trajectories:phase": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "trajectories:ankerpunt_create": ("GET", {Role.GRIFFIER}),
    "trajectories:ankerpunt_edit": ("GET", {Role.GRIFFIER}),
    "trajectories:procesafspraken": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "trajectories:belang_create": ("GET", {Role.AMBTENAAR}),
    "trajectories:belang_edit": ("GET", {Role.AMBTENAAR}),
    "trajectories:inbreng_create": ("GET", MEMBERS),
    "trajectories:answer": ("GET", {Role.AMBTENAAR}),
    "trajectories:inbreng_overview": ("GET", STAFF | {Role.PROVINCIE}),
    "instruments:choose": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "instruments:settings": ("GET", {ORGANISER}),
    "instruments:organisers": ("GET", {ORGANISER, Role.GRIFFIER}),
    "long_work": ("GET", {ORGANISER}),
    "meetings:create": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "meetings:registrations": ("GET", {ORGANISER}),
    "meetings:edit": ("GET", {ORGANISER}),
    "meetings:cancel": ("GET", {ORGANISER}),
    "meetings:report": ("GET", {ORGANISER}),
    "meetings:mail": ("GET", {ORGANISER}),
    "meetings:register": ("POST", MEMBERS),
    "meetings:point_to_inbreng": ("POST", {ORGANISER}),
    "advice:advies": ("GET", "public"),
    "advice:questionnaire": ("GET", {Role.AMBTENAAR}),
    "advice:choose": ("POST", {Role.AMBTENAAR}),
    "advice:preview": ("POST", {Role.AMBTENAAR}),
    "advice:kader_list": ("GET", {Role.AMBTENAAR}),
    "advice:kader_edit": ("GET", {Role.AMBTENAAR}),
    "advice:kader_form": ("GET", {Role.AMBTENAAR}),
    "advice:kader_download": ("GET", {Role.AMBTENAAR}),
    "advice:overview": ("GET", STAFF | {Role.PROVINCIE}),
    "people:declare": ("GET", "login"),
    "municipalities:theme_css": ("GET", "public"),
    "municipalities:logo": ("GET", "public"),
    "municipalities:favicon": ("GET", "public"),
    "api:openapi": ("GET", API),
    "api:gemeenten": ("GET", API),
    "api:gemeente": ("GET", API),
    "api:trajecten": ("GET", API),
    "api:traject": ("GET", API),
    "api:bijdragen": ("GET", API),
    "api:bijdrage": ("GET", API),
    "api:bijeenkomsten": ("GET", API),
    "api:bijeenkomst": ("GET", API),
    "api:not_found": ("GET", NOTHING),
    "apikeys:list": ("GET", {Role.AMBTENAAR}),
    "apikeys:revoke": ("POST", {Role.AMBTENAAR}),
    "apikeys:trajecten_csv": ("GET", "public"),
    "apikeys:bijeenkomsten_ics": ("GET", "public"),
    "reach:overview": ("GET", {ORGANISER}),
    "reach:upload": ("GET", {ORGANISER}),
    "reach:address_file": ("GET", {ORGANISER}),
    "reach:draw": ("GET", {ORGANISER}),
    "reach:batch": ("GET", {ORGANISER}),
    "reach:preview": ("GET", {ORGANISER}),
    "reach:generate": ("POST", {ORGANISER}),
    "reach:download_pdf": ("GET", {ORGANISER}),
    "reach:download_csv": ("GET", {ORGANISER}),
    "reach:reissue": ("GET", {ORGANISER}),
    "reach:report": ("GET", "public"),
    "reach:policy": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "reach:code": ("GET", "public"),
    "reach:code_link": ("GET", "public"),
    # The burgerpanel: the municipality's officials see the panel (never a member's data);
    # a consultation's organisers build, send and report it; its members their own data.
    "panel:overview": ("GET", {Role.AMBTENAAR}),
    "panel:health": ("GET", {Role.AMBTENAAR}),
    "panel:settings": ("GET", {Role.AMBTENAAR}),
    "panel:join": ("GET", "login"),
    "panel:mine": ("GET", set()),
    "panel:export": ("GET", set()),
    "panel:leave": ("GET", set()),
    "panel:create": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "panel:detail": ("GET", "public"),
    "panel:question_add": ("GET", {ORGANISER}),
    "panel:question_edit": ("GET", {ORGANISER}),
    "panel:preview": ("GET", {ORGANISER}),
    "panel:propose": ("GET", {ORGANISER}),
    "panel:send": ("POST", {ORGANISER}),
    "panel:remind": ("POST", {ORGANISER}),
    "panel:close": ("POST", {ORGANISER}),
    "panel:feedback": ("GET", {ORGANISER}),
    "panel:results": ("GET", {ORGANISER}),
    "panel:csv": ("GET", {ORGANISER}),
    "panel:factsheet": ("GET", {ORGANISER}),
    "panel:tag": ("GET", {ORGANISER}),
    "panel:answer": ("GET", "public"),
    "reach:opt_out": ("GET", "public"),
    # budgeting (issue 16)
    "budgeting:create": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "budgeting:detail": ("GET", "public"),
    "budgeting:setup": ("GET", {ORGANISER}),
    "budgeting:deel_add": ("GET", {ORGANISER}),
    "budgeting:post_add": ("GET", {ORGANISER}),
    "budgeting:ontbrekend_add": ("GET", {ORGANISER}),
    "budgeting:stage": ("POST", {ORGANISER}),
    "budgeting:propose": ("GET", MEMBERS),
    "budgeting:voorstel": ("GET", "public"),
    "budgeting:review": ("GET", {ORGANISER}),
    "budgeting:decide": ("GET", {ORGANISER}),
    "budgeting:vote": ("GET", MEMBERS),
    "budgeting:receipt": ("GET", "public"),
    "budgeting:paper": ("GET", {ORGANISER}),
    "budgeting:paper_csv": ("GET", {ORGANISER}),
    "budgeting:count": ("POST", {ORGANISER}),
    "budgeting:result": ("GET", "public"),
    "budgeting:pb": ("GET", "public"),
    "budgeting:report": ("GET", "public"),
    # The burgerraad (assemblies).
    "assemblies:create": ("GET", {Role.AMBTENAAR, Role.GRIFFIER}),
    "assemblies:detail": ("GET", "public"),
    "assemblies:edit": ("GET", {ORGANISER}),
    "assemblies:respond": ("GET", "public"),
    "assemblies:pool": ("GET", {ORGANISER}),
    "assemblies:prepare": ("POST", {ORGANISER}),
    "assemblies:draw": ("GET", "public"),
    "assemblies:enter": ("GET", {ORGANISER}),
    "assemblies:panels": ("GET", "public"),
    "assemblies:verification": ("GET", "public"),
    "assemblies:report": ("GET", "public"),
    "assemblies:sign": ("GET", {ORGANISER}),
    "assemblies:withdraw": ("POST", {ORGANISER}),
    "assemblies:mark_confirmed": ("POST", {ORGANISER}),
    "assemblies:confirm_link": ("POST", {ORGANISER}),
    "assemblies:confirm": ("GET", "public"),
}
# A panel member's own pages: nobody in the world below is a member (not even the beheerder);
# a member's own access is tested in the panel app.
MEMBERS_ONLY = {"panel:mine", "panel:export", "panel:leave"}
# Personal data only the use's organisers see: not even the platform's beheerder.
ORGANISERS_ONLY = {
    name
    for name, (_method, allowed) in POLICY.items()
    if name.startswith(("reach:", "assemblies:")) and allowed == {ORGANISER}
}
# Taking part: a logged-in person without a role in the municipality is first asked how they
# belong to it ("Doe mee"), then continues.
JOINABLE = {
    "trajectories:inbreng_create",
    "meetings:register",
    "budgeting:propose",
    "budgeting:vote",
}
DECLARE_URL = "/doe-mee/"
# Pages whose subject is one trajectory (or something inside it).
TRAJECT_SCOPED = {
    name
    for name in POLICY
    if name
    not in {
        "trajectories:home",
        "trajectories:gemeente",
        "trajectories:create",
        "trajectories:inbreng_overview",
        "inbox",
        "home:mijn",
        "my_data",
        "long_work",
        "health",
        "advice:kader_list",
        "advice:kader_edit",
        "advice:kader_form",
        "advice:kader_download",
        "advice:overview",
        "people:declare",
        "municipalities:theme_css",
        "municipalities:logo",
        "municipalities:favicon",
        "api:openapi",
        "api:gemeenten",
        "api:gemeente",
        "api:trajecten",
        "api:bijdragen",
        "api:bijeenkomsten",
        "api:not_found",
        "apikeys:list",
        "apikeys:revoke",
        "apikeys:trajecten_csv",
        "apikeys:bijeenkomsten_ics",
        "reach:code",
        "reach:code_link",
        "reach:policy",
        "panel:overview",
        "panel:health",
        "panel:settings",
        "panel:join",
        "panel:mine",
        "panel:export",
        "panel:leave",
        "panel:answer",
        "reach:opt_out",
    }
}
# Pages that show data that is never public, even of a public trajectory.
NON_PUBLIC_NAMESPACES = (
    "trajectories",
    "meetings",
    "instruments",
    "advice",
    "home",
    "people",
    "municipalities",
    "api",
    "apikeys",
    "reach",
    "panel",
    "budgeting",
    "assemblies",
)

# ---- learning (issue 19) ----------------------------------------------------------------------
# Experiments and lessons belong to a municipality (not to one trajectory); the province's pages
# to a province (A's province for "own"); the library is for staff of any municipality or
# province, wherever they hold the role. A lesson is approved by its author only.
LEARNING_POLICY: dict[str, tuple[str, object]] = {
    "learning:experiments": ("GET", STAFF),
    "learning:experiment_create": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "learning:experiment": ("GET", STAFF),
    "learning:experiment_edit": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "learning:indicator_create": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "learning:indicator_edit": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "learning:moment_create": ("GET", {Role.AMBTENAAR}),
    "learning:moment": ("GET", STAFF),
    "learning:answer": ("GET", {Role.AMBTENAAR, Role.COLLEGELID}),
    "learning:evaluate_participant": ("GET", MEMBERS),
    "learning:evaluate_organiser": ("GET", {Role.AMBTENAAR}),
    "learning:lessons": ("GET", STAFF),
    "learning:lesson_create": ("GET", STAFF),
    "learning:lesson_approve": ("GET", {ORGANISER}),
    "learning:my_notes": ("GET", "login"),
    "learning:library": ("GET", STAFF | {Role.PROVINCIE}),
    "learning:province": ("GET", {Role.PROVINCIE}),
    "learning:province_report": ("GET", {Role.PROVINCIE}),
    "learning:province_csv": ("GET", {Role.PROVINCIE}),
    "learning:groups": ("GET", {Role.PROVINCIE}),
    "learning:group_create": ("GET", {Role.PROVINCIE}),
    "learning:group": ("GET", {Role.PROVINCIE}),
    "learning:session_create": ("GET", {Role.PROVINCIE}),
    "learning:session_notes": ("GET", {Role.PROVINCIE}),
}
POLICY.update(LEARNING_POLICY)
TRAJECT_SCOPED -= set(LEARNING_POLICY)
NON_PUBLIC_NAMESPACES += ("learning",)
ORGANISERS_ONLY |= {"learning:lesson_approve"}  # the author's own approval
HELD_ANYWHERE = {"learning:library"}


def _learning(world) -> dict:
    from samenspel.learning.models import Group, Session
    from samenspel.testing import make_experiment, make_lesson

    a, official = world["a"], world["official"]
    experiment = make_experiment(a, user=official, traject=world["public"]["traject"])
    moment = experiment.moments.create(
        gemeente=a, period_start=date(2025, 1, 1), period_end=date(2025, 6, 30)
    )
    group = Group.objects.create(provincie=world["prov_a"], name="Intervisie", theme="raad")
    group.members.add(make_user(Role.AMBTENAAR, a))
    session = Session.objects.create(group=group, starts_at="2026-03-01T10:00Z", place="Arnhem")
    lesson = make_lesson(a, author=official, sharing="gemeente")
    return {
        "experiment": experiment,
        "indicator": experiment.indicators.first(),
        "moment": moment,
        "group": group,
        "session": session,
        "lesson": lesson,
    }


def _learning_args(name: str, world) -> list:
    slug, objs = world["a"].slug, world["learning"]
    e = objs["experiment"].pk
    province = world["prov_a"].slug
    return {
        "learning:experiments": [slug],
        "learning:experiment_create": [slug],
        "learning:lessons": [slug],
        "learning:lesson_create": [slug],
        "learning:lesson_approve": [objs["lesson"].pk],
        "learning:my_notes": [],
        "learning:library": [],
        "learning:indicator_edit": [slug, e, objs["indicator"].pk],
        "learning:moment": [slug, e, objs["moment"].pk],
        "learning:province": [province],
        "learning:province_report": [province],
        "learning:province_csv": [province],
        "learning:groups": [province],
        "learning:group_create": [province],
        "learning:group": [province, objs["group"].pk],
        "learning:session_create": [province, objs["group"].pk],
        "learning:session_notes": [province, objs["session"].pk],
    }.get(name, [slug, e])


ACTORS = ["anonymous", "no_role", "beheerder", ORGANISER] + [
    f"{role}:{scope}" for role in sorted(MEMBERS | {Role.PROVINCIE}) for scope in ("own", "other")
]


def _our_url_names() -> set[str]:
    names = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace in NON_PUBLIC_NAMESPACES:
            names |= {f"{entry.namespace}:{p.name}" for p in entry.url_patterns}
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def test_policy_covers_every_url_pattern():
    assert _our_url_names() == set(POLICY)


def _world():
    prov_a, prov_b = make_provincie(), make_provincie()
    a = make_gemeente(provincie=prov_a)
    b = make_gemeente(provincie=prov_b)
    official = make_user(Role.AMBTENAAR, a)
    picture = (THEME / "heusden-favicon.png").read_bytes()
    set_theme(
        a,
        primary="#0b6b3a",
        logo=SimpleUploadedFile("logo.png", picture),
        favicon=SimpleUploadedFile("favicon.png", picture),
    )
    world = {
        "a": a,
        "b": b,
        "prov_a": prov_a,
        "prov_b": prov_b,
        "official": official,
        "kader": advice.save_kader(official, a, default_kader_text(), "eigen kader"),
        "work": LongWork.objects.create(title="Loting", owner=official, gemeente=a),
        "apikey": issue_key(official, a, "Zaaksysteem", [Scope.TRAJECT_CREATE])[0],
    }
    for key, public in (("public", True), ("private", False)):
        traject = make_traject(a, user=official, is_public=public)
        ankerpunt = services.add_ankerpunt(
            official, traject, {"text": "Anker", "set_on": date(2026, 1, 5)}
        )
        belang = services.save_belang(
            official, traject, {"name": "Jongeren", "actor": "samenleving", "status": "ontbreekt"}
        )
        inbreng = services.submit_inbreng(official, traject, "Een idee voor de wijk.")
        bijeenkomst = make_bijeenkomst(traject, user=official)
        punt = Verslagpunt.objects.create(bijeenkomst=bijeenkomst, text="Punt uit de avond")
        advice.give_advice(official, traject, {"kracht": 4})
        address_file, batch = _letters(official, bijeenkomst.use)
        consultation = make_consultation(traject, user=official, questions=("single", "open"))
        panel_invitation = PanelInvitation.objects.create(
            consultation=consultation, member=make_member(a), invited=timezone.now()
        )
        begroting = _counted_begroting(official, traject)
        burgerraad = _burgerraad(official, traject)
        world[key] = {
            "burgerraad": burgerraad,
            "consultation": consultation,
            "panel_invitation": panel_invitation,
            "address_file": address_file,
            "batch": batch,
            "traject": traject,
            "ankerpunt": ankerpunt,
            "belang": belang,
            "inbreng": inbreng,
            "bijeenkomst": bijeenkomst,
            "punt": punt,
            "begroting": begroting,
        }
    world["learning"] = _learning(world)
    return world


def _counted_begroting(official, traject):
    """A begroting through its whole course: a proposal, a ballot, counted."""
    from samenspel.budgeting import services as budgeting
    from samenspel.testing import make_begroting, make_voter

    begroting = make_begroting(traject, user=official, projects=(10_000,))
    begroting = budgeting.open_voting(official, begroting)
    voorstel = begroting.voorstellen.get()
    budgeting.submit_ballot(make_voter(traject.gemeente), begroting, {voorstel.pk: 1})
    budgeting.close_voting(official, begroting)
    budgeting.count_begroting(begroting)
    return begroting


def _letters(official, use):
    """An address file and a batch of letters on ``use``, its PDF and CSV as if made."""
    data = b"straat;huisnummer;postcode;woonplaats;wijk\nKerkstraat;1;3811 AB;Amersfoort;WK030701\n"
    address_file = reach.upload(official, use, "Adressen", data)
    sealed = {
        kind: SealedFile.objects.create(gemeente=use.gemeente, content=encrypt_bytes(b"x"))
        for kind in ("pdf", "csv")
    }
    batch = Batch.objects.create(
        address_file=address_file, use=use, gemeente=use.gemeente, size=1, seed=1, **sealed
    )
    return address_file, batch


def _burgerraad(official, traject):
    """A drawn burgerraad with a signed proces-verbaal and a member's confirmation token."""
    burgerraad = make_drawn_burgerraad(
        traject, user=official, size=10, seats=3, features=["gender"]
    )
    assemblies.sign(
        official, burgerraad.draw, {"place": "Stadhuis", "present": "Griffier", "signed_by": "G."}
    )
    burgerraad.member = assemblies.members(burgerraad.draw)[0]
    burgerraad.token = assemblies.confirm_link(burgerraad.member).rstrip("/").rsplit("/", 1)[1]
    return burgerraad


def _actor(actor: str, world) -> User | None:
    if actor == "anonymous":
        return None
    if actor == "no_role":
        return make_user()
    if actor == "beheerder":
        return User.objects.create_superuser("beheerder@example.org", "x")
    if actor == ORGANISER:
        return world["official"]
    role, scope = actor.split(":")
    if role == Role.PROVINCIE:
        return make_user(role, provincie=world["prov_a" if scope == "own" else "prov_b"])
    return make_user(role, world["a" if scope == "own" else "b"])


def _url(name: str, world, key: str) -> str:
    if name.startswith("learning:"):
        return reverse(name, args=_learning_args(name, world))
    slug = world["a"].slug
    objs = world[key]
    t = objs["traject"].pk
    args = {
        "trajectories:home": [],
        "inbox": [],
        "home:mijn": [],
        "my_data": [],
        "long_work": [world["work"].pk],
        "instruments:settings": [slug, objs["bijeenkomst"].use.pk],
        "instruments:organisers": [slug, objs["bijeenkomst"].use.pk],
        "health": [],
        "advice:kader_list": [slug],
        "advice:kader_edit": [slug],
        "advice:kader_form": [slug],
        "advice:kader_download": [slug, world["kader"].number],
        "advice:overview": [slug],
        "people:declare": [slug],
        "municipalities:theme_css": [slug],
        "municipalities:logo": [slug],
        "municipalities:favicon": [slug],
        "trajectories:gemeente": [slug],
        "trajectories:create": [slug],
        "trajectories:inbreng_overview": [slug],
        "trajectories:ankerpunt_edit": [slug, t, objs["ankerpunt"].pk],
        "trajectories:belang_edit": [slug, t, objs["belang"].pk],
        "trajectories:answer": [slug, t, objs["inbreng"].pk],
        "meetings:detail": [slug, objs["bijeenkomst"].pk],
        "meetings:ical": [slug, objs["bijeenkomst"].pk],
        "meetings:registrations": [slug, objs["bijeenkomst"].pk],
        "meetings:edit": [slug, objs["bijeenkomst"].pk],
        "meetings:cancel": [slug, objs["bijeenkomst"].pk],
        "meetings:report": [slug, objs["bijeenkomst"].pk],
        "meetings:mail": [slug, objs["bijeenkomst"].pk],
        "meetings:register": [slug, objs["bijeenkomst"].pk],
        "meetings:point_to_inbreng": [slug, objs["bijeenkomst"].pk, objs["punt"].pk],
        "api:openapi": [],
        "api:gemeenten": [],
        "api:gemeente": [slug],
        "api:trajecten": [],
        "api:traject": [t],
        "api:bijdragen": [],
        "api:bijdrage": [objs["inbreng"].pk],
        "api:bijeenkomsten": [],
        "api:bijeenkomst": [objs["bijeenkomst"].pk],
        "api:not_found": [],
        "apikeys:list": [slug],
        "apikeys:revoke": [slug, world["apikey"].pk],
        "apikeys:trajecten_csv": [slug],
        "apikeys:bijeenkomsten_ics": [slug],
        "reach:overview": [slug, objs["bijeenkomst"].use.pk],
        "reach:upload": [slug, objs["bijeenkomst"].use.pk],
        "reach:address_file": [slug, objs["address_file"].pk],
        "reach:draw": [slug, objs["address_file"].pk],
        "reach:code": [],
        "reach:policy": [slug],
        "reach:code_link": ["ABCD2345EFGH"],
        "reach:opt_out": [],
        "panel:overview": [slug],
        "panel:health": [slug],
        "panel:settings": [slug],
        "panel:join": [slug],
        "panel:mine": [slug],
        "panel:export": [slug],
        "panel:leave": [slug],
        "panel:question_edit": [
            slug,
            objs["consultation"].pk,
            objs["consultation"].questions.first().pk,
        ],
        "panel:tag": [slug, objs["consultation"].pk, objs["consultation"].questions.last().pk],
        "panel:answer": [objs["panel_invitation"].pk, panel_token(objs["panel_invitation"].pk)],
        "budgeting:create": [slug, t],
        "budgeting:voorstel": [slug, objs["begroting"].pk, objs["begroting"].voorstellen.get().pk],
        "budgeting:review": [slug, objs["begroting"].pk, objs["begroting"].voorstellen.get().pk],
        "budgeting:decide": [slug, objs["begroting"].pk, objs["begroting"].voorstellen.get().pk],
        **_burgerraad_args(name, slug, objs["burgerraad"]),
    }.get(
        name,
        [slug, objs["consultation"].pk]
        if name.startswith("panel:")
        else _default_args(name, slug, objs, t),
    )
    if name == "panel:create":
        args = [slug, t]
    return reverse(name, args=args)


def _default_args(name: str, slug: str, objs, t: int) -> list:
    if name.startswith("reach:"):
        return [slug, objs["batch"].pk]
    if name.startswith("budgeting:"):
        return [slug, objs["begroting"].pk]
    return [slug, t]


def _burgerraad_args(name: str, slug: str, burgerraad) -> dict[str, list]:
    if not name.startswith("assemblies:") or name == "assemblies:create":
        return {}
    member = burgerraad.member.pk
    return {
        name: {
            "assemblies:withdraw": [slug, burgerraad.pk, member],
            "assemblies:mark_confirmed": [slug, burgerraad.pk, member],
            "assemblies:confirm_link": [slug, burgerraad.pk, member],
            "assemblies:confirm": [slug, burgerraad.pk, burgerraad.token],
        }.get(name, [slug, burgerraad.pk])
    }


def _sees_private(actor: str) -> bool:
    role, _sep, scope = actor.partition(":")
    return actor in ("beheerder", ORGANISER) or (
        scope == "own" and (role in STAFF or role == Role.PROVINCIE)
    )


def _allowed(name: str, actor: str, private: bool) -> bool:
    _method, allowed = POLICY[name]
    if allowed in (API, NOTHING):
        return allowed == API and not private
    if name in MEMBERS_ONLY:
        return False
    if actor == "beheerder":
        return name not in ORGANISERS_ONLY
    role, _sep, scope = actor.partition(":")
    own = scope == "own"
    if name in TRAJECT_SCOPED and private and not _sees_private(actor):
        return False
    if allowed == "public":
        return True
    if allowed == "login":
        return actor != "anonymous"
    if actor == ORGANISER:  # an official of A who organises every use of the world
        return bool({ORGANISER, Role.AMBTENAAR} & allowed)
    if name in HELD_ANYWHERE:
        return role in allowed
    return own and role in allowed


def _must_declare(name: str, actor: str, key: str) -> bool:
    """A logged-in person without a role in A who wants to take part in a public trajectory."""
    role, _sep, scope = actor.partition(":")
    member_of_a = scope == "own" and role in MEMBERS
    return (
        name in JOINABLE
        and key == "public"
        and actor not in ("anonymous", "beheerder", ORGANISER)
        and not member_of_a
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_access_matrix(actor, client, no_staff_mfa):
    world = _world()
    user = _actor(actor, world)
    if user is not None:
        client.force_login(user)
    failures = []
    for name, (method, _allowed_roles) in sorted(POLICY.items()):
        for key in ("public", "private"):
            if name not in TRAJECT_SCOPED and key == "private":
                continue
            url = _url(name, world, key)
            response = client.post(url) if method == "POST" else client.get(url)
            location = response.headers.get("Location", "")
            allowed = _allowed(name, actor, key == "private")
            if allowed:
                ok = response.status_code == 200 or (
                    method == "POST"
                    and response.status_code == 302
                    and "/accounts/login/" not in location
                )
            elif _must_declare(name, actor, key):
                ok = response.status_code == 302 and DECLARE_URL in location
            elif user is None:
                ok = response.status_code == 404 or (
                    response.status_code == 302 and "/accounts/login/" in location
                )
            else:
                ok = response.status_code in (403, 404)
            if name in TRAJECT_SCOPED and key == "private" and not _sees_private(actor):
                ok = ok and response.status_code in (302, 404)  # not even its existence leaks
            if not ok:
                failures.append(
                    f"{method} {url} ({name}, {key}): {response.status_code} "
                    f"{location} — expected {'allowed' if allowed else 'denied'}"
                )
    assert not failures, "\n".join(failures)


def test_private_trajectory_never_listed_for_other_municipalities(client, no_staff_mfa):
    world = _world()
    private_title = world["private"]["traject"].title
    page = reverse("trajectories:gemeente", args=[world["a"].slug])
    for actor in (
        "anonymous",
        "no_role",
        "raadslid:other",
        "ambtenaar:other",
        "provincie:other",
        "inwoner:own",
    ):
        client.logout()
        user = _actor(actor, world)
        if user:
            client.force_login(user)
        assert private_title not in client.get(page).content.decode(), actor
    client.force_login(_actor("raadslid:own", world))
    assert private_title in client.get(page).content.decode()
