# SPDX-License-Identifier: EUPL-1.2
"""Factories for tests (shipped with the package, like the apps' own test helpers)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import struct
from datetime import timedelta

from django.utils import timezone

_counter = itertools.count(1)

#: A TOTP secret for tests (base32), to activate with allauth's ``TOTP.activate(user, …)``.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def rfc6238_code(secret: str, at: float) -> str:
    """TOTP per RFC 6238 (SHA-1, 30 s, 6 digits), written from the RFC for the tests."""
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def make_provincie(name: str | None = None):
    from samenspel.municipalities.models import Provincie

    n = next(_counter)
    name = name or f"Provincie {n}"
    return Provincie.objects.create(name=name, slug=f"provincie-{n}")


def make_gemeente(name: str | None = None, *, provincie=None, inhabitants: int = 45_000):
    from samenspel.municipalities.models import Gemeente

    n = next(_counter)
    name = name or f"Gemeente {n}"
    return Gemeente.objects.create(
        name=name,
        slug=f"gemeente-{n}",
        cbs_code=f"GM{n % 10000:04d}",
        inhabitants=inhabitants,
        provincie=provincie or make_provincie(),
    )


def make_user(role: str | None = None, gemeente=None, *, provincie=None, email=None, **extra):
    from samenspel.people.models import Membership, Role, User
    from samenspel.people.services import confirm_email

    n = next(_counter)
    user = User.objects.create_user(
        email or f"user{n}@example.org", "wachtwoord-123", name=f"Persoon {n}", **extra
    )
    confirm_email(user)
    if role == Role.PROVINCIE:
        Membership.objects.create(user=user, role=role, provincie=provincie)
    elif role:
        Membership.objects.create(user=user, role=role, gemeente=gemeente)
    return user


def make_traject(gemeente, *, user=None, is_public: bool = True, **fields):
    from samenspel.trajectories.services import create_traject

    data = {
        "title": f"Traject {next(_counter)}",
        "description": "Een traject om samen aan te werken.",
        "initiator": "samenleving",
        "domein": "fysiek",
        "dossiers": "",
        "is_public": is_public,
        **fields,
    }
    return create_traject(user, gemeente, data)


def make_bijeenkomst(
    traject,
    *,
    user=None,
    kind: str = "stamtafel",
    host: str = "Buurthuis",
    capacity: int = 20,
    starts_at=None,
):
    from samenspel.meetings.services import create_bijeenkomst

    starts = starts_at or timezone.now() + timedelta(days=7)
    return create_bijeenkomst(
        user,
        traject,
        traject.phase,
        "Stamtafel",
        {
            "kind": kind,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=2),
            "place": "Raadhuis",
            "host": host,
            "capacity": capacity,
        },
    )


# ---- panel ---------------------------------------------------------------------------------

#: A complete profile of a Zeist panel member (values as the CBS margins name them).
ZEIST_PROFILE = {
    "age_band": "45-64",
    "gender": "vrouw",
    "area": "WK035501",
    "education": "hoog",
    "household": "met_kinderen",
}


def make_zeist(**fields):
    """Zeist, with its CBS code, so that the panel has population figures."""
    from samenspel.municipalities.models import Gemeente

    n = next(_counter)
    return Gemeente.objects.create(
        name=fields.pop("name", "Zeist"),
        slug=f"zeist-{n}",
        cbs_code="GM0355",
        inhabitants=66_641,
        provincie=make_provincie(),
        **fields,
    )


def make_member(gemeente, user=None, **attributes):
    from samenspel.panel.services import join

    return join(user or make_user(), gemeente, {**ZEIST_PROFILE, **attributes})


def make_consultation(traject, *, user=None, questions=("single",)):
    """A consultation with one question of each kind named (options where the kind needs them)."""
    from samenspel.panel.models import Question
    from samenspel.panel.services import create_consultation

    consultation = create_consultation(
        user, traject, traject.phase, "Raadpleging", {"intro": "Wat vindt u?"}
    )
    for position, kind in enumerate(questions, 1):
        Question.objects.create(
            consultation=consultation,
            position=position,
            kind=kind,
            text=f"Vraag {position}?",
            options="" if kind in ("open", "scale5", "scale10") else "Ja\nNee\nWeet niet",
        )
    return consultation


def make_redeemed_letter(user, use, invited_on):
    """A letter of ``use`` sent on ``invited_on`` whose code ``user`` redeemed."""
    from samenspel.reach.models import AddressFile, Batch, Code, Invitation

    gemeente = use.gemeente
    address_file = AddressFile.objects.create(
        use=use, gemeente=gemeente, name="Adressen", kind="adressen", reference_year=2026
    )
    batch = Batch.objects.create(
        address_file=address_file, use=use, gemeente=gemeente, size=1, seed=1
    )
    n = next(_counter)
    invitation = Invitation.objects.create(
        batch=batch, gemeente=gemeente, line=1, address_hash=f"{n:064d}", invited_on=invited_on
    )
    return Code.objects.create(
        invitation=invitation,
        use=use,
        gemeente=gemeente,
        digest=f"{n:064x}",
        expires_on=invited_on + timedelta(days=120),
        redeemed=timezone.now(),
        redeemed_by=user,
    )


# ---- learning ------------------------------------------------------------------------------


def make_experiment(gemeente, *, user=None, traject=None, sharing: str = "gemeente", **fields):
    from datetime import date

    from samenspel.learning.services import create_experiment

    data = {
        "title": traject.title if traject else f"Experiment {next(_counter)}",
        "initiator": "samenleving",
        "theme": "initiatieven",
        "instrument": "spelregels_zelfbeheer",
        "learning_question": "Wat leren we van zelfbeheer door de buurt?",
        "started_on": date(2025, 1, 1),
        "sharing": sharing,
        **fields,
    }
    return create_experiment(user, gemeente, data, traject)


def make_lesson(gemeente, *, author=None, corners=("raad",), sharing: str = "provincie", **fields):
    from samenspel.learning.services import add_lesson

    data = {
        "kind": "succes",
        "text": f"Les {next(_counter)}: vroeg de raad informeren.",
        "theme": "raad",
        "sharing": sharing,
        **fields,
    }
    return add_lesson(author, gemeente, data, corners)


# ---- budgeting -----------------------------------------------------------------------------


def make_begroting(traject, *, user=None, projects=(), **fields):
    """A begroting on ``traject`` (default: spending, a knapsack ballot, MES), with accepted
    proposals of the given costs on its one part."""
    from samenspel.budgeting import services
    from samenspel.budgeting.models import VoorstelStatus

    data = {
        "kind": "spending",
        "total": 100_000,
        "closes_at": timezone.now() + timedelta(days=14),
        "min_age": 0,
        **fields,
    }
    begroting = services.create_begroting(user, traject, "participatie", "Buurtbudget", data)
    if projects:
        services.open_proposals(user, begroting)
        deel = begroting.delen.get()
        for n, cost in enumerate(projects, start=1):
            voorstel = services.submit_voorstel(
                user,
                begroting,
                {
                    "title": f"Project {n}",
                    "description": "Goed voor de buurt.",
                    "deel": deel,
                    "estimate": cost,
                },
            )
            services.review(user, voorstel, VoorstelStatus.ACCEPTED, "Haalbaar.", cost=cost)
        begroting.refresh_from_db()
    return begroting


def make_voter(gemeente, wijk=None):
    """A resident who declared living in ``gemeente`` (and in ``wijk``)."""
    from samenspel.people.services import declare_residence

    user = make_user()
    declare_residence(user, gemeente, wijk)
    return user


# ---- assemblies (burgerraad) -----------------------------------------------------------------


def make_burgerraad(traject, *, user=None, seats: int = 6, features=("age_band", "gender")):
    """A burgerraad on ``traject``; its municipality gets Amersfoort's CBS figures."""
    from samenspel.assemblies.services import create_burgerraad

    gemeente = traject.gemeente
    if gemeente.cbs_code != "GM0307":
        type(gemeente).objects.filter(cbs_code="GM0307").update(cbs_code="")
        gemeente.cbs_code = "GM0307"
        gemeente.save(update_fields=["cbs_code"])
    return create_burgerraad(
        user,
        traject,
        traject.phase,
        "Burgerraad",
        {
            "question": "Hoe wonen we straks?",
            "mandate": "Advies aan de raad.",
            "promise": "De raad reageert binnen drie maanden.",
            "seats": seats,
            "meeting_dates": ["2027-03-06", "2027-03-20"],
            "compensation": "€ 50 per avond",
            "features": list(features),
            "panels": 20,
        },
    )


def make_pool(burgerraad, size: int = 40, *, seed: int = 1):
    """``size`` synthetic answers (skewed like real ones), one per household."""
    from samenspel.demo.assemblies import add_synthetic_pool

    return add_synthetic_pool(burgerraad, size, seed=seed)


def make_drawn_burgerraad(traject, *, user, size: int = 40, number: int = 3, **kwargs):
    """A burgerraad whose pool is frozen, lottery computed (by the real task) and panel drawn
    with public ``number``."""
    from samenspel.assemblies import services
    from samenspel.assemblies.tasks import prepare_draw

    burgerraad = make_burgerraad(traject, user=user, **kwargs)
    make_pool(burgerraad, size)
    work = services.start_preparation(user, burgerraad)
    prepare_draw.call(work.pk, burgerraad.draw.pk)
    burgerraad.draw.refresh_from_db()
    services.draw_panel(user, burgerraad.draw, number=number)
    burgerraad.draw.refresh_from_db()
    return burgerraad
