# SPDX-License-Identifier: EUPL-1.2
"""Samples of whom to invite: panel members under a fatigue limit, and residents by letter.

**Panel invitations.** :func:`draw_sample` chooses whom to invite from a burgerpanel so that the
expected responses match the population's margins (:mod:`samenspel.engines.population`) as
closely as the panel allows, never inviting a member beyond the :class:`FatigueLimit`. Within
groups of identical members the draw is uniform and seeded; the result reports its composition,
its largest gaps, who was left out by the fatigue limit and each group's selection probability::

    population = read_margins_csv("GM0355.csv")      # samenspel.engines.population
    sample = draw_sample(members, population, 400, seed=20261122)
    sample.selected, sample.gaps, sample.excluded_by_fatigue, sample.cells

**Letters.** :func:`read_address_file` reads a municipality's extract of addresses (BAG) or
persons (BRP), reporting every unreadable row; :func:`draw_letters` draws a simple random or
stratified sample from it, one letter per address, leaving out who opted out or was invited
recently; each letter carries a personal code from :func:`draw_codes`, stored as
:func:`hash_code`::

    extract = read_address_file(data, reference_year=2026)   # or a RejectedFile
    sample = draw_letters(extract, 7000, seed=20261122, strata="wijk")
    codes = draw_codes(len(sample.selected))

- :mod:`~samenspel.engines.sampling.sampler`: members, fatigue limit, the draw and its report.
- :mod:`~samenspel.engines.sampling.allocation`: the integer program (HiGHS) for the counts.
- :mod:`~samenspel.engines.sampling.panel_io`: reading members files for the command line.
- :mod:`~samenspel.engines.sampling.synthetic`: skewed synthetic panels and synthetic address
  files for tests, benchmarks and demos.
- :mod:`~samenspel.engines.sampling.addresses`: reading and checking address files.
- :mod:`~samenspel.engines.sampling.letters`: the letter sample (allocation, one per address).
- :mod:`~samenspel.engines.sampling.codes`: personal codes with a check character.
- :mod:`~samenspel.engines.sampling.messages`: the Dutch and English messages of the letters.
- :mod:`~samenspel.engines.sampling.cli`: ``samenspel panel sample|weight|margins`` and
  ``samenspel letters sample``.

The names below load on first use, so that registering the command line stays cheap (no numpy
or HiGHS import until a command runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samenspel.engines.population.lazy import lazy_attributes

if TYPE_CHECKING:
    from samenspel.engines.sampling.addresses import (
        AddressFile,
        AddressRow,
        Limits,
        RejectedFile,
        RowError,
        read_address_file,
        read_exclusion_file,
    )
    from samenspel.engines.sampling.allocation import Allocation, allocate, apportion
    from samenspel.engines.sampling.codes import (
        check_character,
        draw_codes,
        format_code,
        hash_code,
        is_valid,
        normalise_code,
    )
    from samenspel.engines.sampling.letters import (
        AGE_COLUMN,
        Exclusions,
        LetterSample,
        Stratum,
        draw_letters,
        largest_remainder,
    )
    from samenspel.engines.sampling.messages import LetterError
    from samenspel.engines.sampling.sampler import (
        Cell,
        FatigueLimit,
        Gap,
        Member,
        Sample,
        SamplingError,
        draw_sample,
        eligible_members,
    )
    from samenspel.engines.sampling.synthetic import (
        DEFAULT_TILT,
        skewed_panel,
        synthetic_address_file,
    )

_HOME = {
    "AddressFile": "addresses",
    "AddressRow": "addresses",
    "Limits": "addresses",
    "RejectedFile": "addresses",
    "RowError": "addresses",
    "read_address_file": "addresses",
    "read_exclusion_file": "addresses",
    "check_character": "codes",
    "draw_codes": "codes",
    "format_code": "codes",
    "hash_code": "codes",
    "is_valid": "codes",
    "normalise_code": "codes",
    "AGE_COLUMN": "letters",
    "Exclusions": "letters",
    "LetterSample": "letters",
    "Stratum": "letters",
    "draw_letters": "letters",
    "largest_remainder": "letters",
    "LetterError": "messages",
    "Allocation": "allocation",
    "allocate": "allocation",
    "apportion": "allocation",
    "Cell": "sampler",
    "FatigueLimit": "sampler",
    "Gap": "sampler",
    "Member": "sampler",
    "Sample": "sampler",
    "SamplingError": "sampler",
    "draw_sample": "sampler",
    "eligible_members": "sampler",
    "DEFAULT_TILT": "synthetic",
    "skewed_panel": "synthetic",
    "synthetic_address_file": "synthetic",
}
__all__ = [
    "AGE_COLUMN",
    "AddressFile",
    "AddressRow",
    "Allocation",
    "Cell",
    "DEFAULT_TILT",
    "Exclusions",
    "FatigueLimit",
    "Gap",
    "LetterError",
    "LetterSample",
    "Limits",
    "Member",
    "RejectedFile",
    "RowError",
    "Sample",
    "SamplingError",
    "Stratum",
    "allocate",
    "apportion",
    "check_character",
    "draw_codes",
    "draw_letters",
    "draw_sample",
    "eligible_members",
    "format_code",
    "hash_code",
    "is_valid",
    "largest_remainder",
    "normalise_code",
    "read_address_file",
    "read_exclusion_file",
    "skewed_panel",
    "synthetic_address_file",
]


__getattr__ = lazy_attributes(__name__, _HOME)
