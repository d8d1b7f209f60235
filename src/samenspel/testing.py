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
