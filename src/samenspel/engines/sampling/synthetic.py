# SPDX-License-Identifier: EUPL-1.2
"""Synthetic panels and address files for tests, benchmarks and demos.

Panels are skewed the way real panels are: each member's values are drawn independently per
attribute with probability proportional to ``population share × tilt``; the default tilt
over-represents older and higher-educated residents, as panels usually do. Invitation
histories are random too, so some members are ruled out by the fatigue limit.

Address files (:func:`synthetic_address_file`) spread addresses over wijken in proportion to
given shares (a municipality's CBS population per wijk), in the layout of a BAG extract that
:func:`~samenspel.engines.sampling.addresses.read_address_file` reads.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from samenspel.engines.population import PopulationMargins
from samenspel.engines.sampling.sampler import Member

#: Older and higher-educated residents join panels more readily.
DEFAULT_TILT: Mapping[str, Mapping[str, float]] = {
    "age_band": {"15-24": 0.4, "25-44": 0.8, "45-64": 1.3, "65+": 1.8},
    "education": {"laag": 0.5, "middelbaar": 0.9, "hoog": 1.8},
}

_STREETS = (
    "Kerkstraat",
    "Lindelaan",
    "Molenweg",
    "Schoolstraat",
    "Beukenlaan",
    "Dorpsstraat",
    "Stationsweg",
    "Julianalaan",
    "Parallelweg",
    "Rozenstraat",
)
_ADDRESSES_PER_POSTCODE = 24
#: Letter pairs of Dutch postcodes: AA to ZZ without SA, SD and SS, which PostNL does not use.
_POSTCODE_LETTERS = tuple(
    a + b
    for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if a + b not in ("SA", "SD", "SS")
)
_INVITATIONS = np.arange(6)
_INVITATION_ODDS = np.array([0.35, 0.25, 0.15, 0.1, 0.1, 0.05])


def skewed_panel(
    population: PopulationMargins,
    size: int,
    *,
    seed: int,
    tilt: Mapping[str, Mapping[str, float]] = DEFAULT_TILT,
) -> tuple[Member, ...]:
    """``size`` members with ids ``m00001``…, values skewed by ``tilt``, random histories."""
    rng = np.random.default_rng(seed)
    columns = {}
    for attribute, shares in population.shares().items():
        values = list(shares)
        odds = np.array([shares[v] * tilt.get(attribute, {}).get(v, 1.0) for v in values])
        picks = rng.choice(len(values), size=size, p=odds / odds.sum())
        columns[attribute] = [values[i] for i in picks]
    invitations = rng.choice(_INVITATIONS, size=size, p=_INVITATION_ODDS)
    days = rng.integers(1, 365, size=size)
    width = len(str(size))
    return tuple(
        Member(
            id=f"m{i + 1:0{width}d}",
            attributes={a: column[i] for a, column in columns.items()},
            invitations_last_12_months=int(invitations[i]),
            days_since_last_invitation=int(days[i]) if invitations[i] else None,
        )
        for i in range(size)
    )


def synthetic_address_file(
    shares: Mapping[str, float], count: int, *, seed: int, place: str = "Amersfoort"
) -> bytes:
    """``count`` distinct addresses as CSV (UTF-8, semicolons: ``straat``, ``huisnummer``,
    ``postcode``, ``woonplaats``, ``wijk``, ``buurt``), each in a wijk drawn with probability
    proportional to ``shares`` (keys are CBS wijk codes, ``WK`` and six digits). Addresses of
    a wijk are grouped into postcodes of 24 house numbers on one street, 8 postcodes to a
    buurt; the rows come in random order."""
    codes = list(shares)
    odds = np.array([shares[code] for code in codes], dtype=float)
    rng = np.random.default_rng(seed)
    wijken = rng.choice(len(codes), size=count, p=odds / odds.sum())
    per_wijk = np.bincount(wijken, minlength=len(codes))
    rows: list[str] = []
    postcode = 0
    for code, n in zip(codes, per_wijk, strict=True):
        for first in range(0, int(n), _ADDRESSES_PER_POSTCODE):
            digits, letters = divmod(postcode, len(_POSTCODE_LETTERS))
            street = _STREETS[postcode % len(_STREETS)]
            buurt = f"BU{code[2:]}{first // (_ADDRESSES_PER_POSTCODE * 8) % 99 + 1:02d}"
            address = f"{1000 + digits} {_POSTCODE_LETTERS[letters]};{place};{code};{buurt}"
            rows.extend(
                f"{street};{number};{address}"
                for number in range(1, min(_ADDRESSES_PER_POSTCODE, int(n) - first) + 1)
            )
            postcode += 1
    order = rng.permutation(len(rows))
    lines = ["straat;huisnummer;postcode;woonplaats;wijk;buurt", *(rows[i] for i in order)]
    return ("\n".join(lines) + "\n").encode()
