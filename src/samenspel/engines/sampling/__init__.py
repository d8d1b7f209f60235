"""Panel invitations: representative samples of panel members under a fatigue limit.

:func:`draw_sample` chooses whom to invite from a burgerpanel so that the expected responses
match the population's margins (:mod:`samenspel.engines.population`) as closely as the panel
allows, never inviting a member beyond the :class:`FatigueLimit`. Within groups of identical
members the draw is uniform and seeded; the result reports its composition, its largest gaps,
who was left out by the fatigue limit and each group's selection probability::

    population = read_margins_csv("GM0355.csv")      # samenspel.engines.population
    sample = draw_sample(members, population, 400, seed=20261122)
    sample.selected, sample.gaps, sample.excluded_by_fatigue, sample.cells

- :mod:`~samenspel.engines.sampling.sampler`: members, fatigue limit, the draw and its report.
- :mod:`~samenspel.engines.sampling.allocation`: the integer program (HiGHS) for the counts.
- :mod:`~samenspel.engines.sampling.panel_io`: reading members files for the command line.
- :mod:`~samenspel.engines.sampling.synthetic`: skewed synthetic panels for tests and benchmarks.
- :mod:`~samenspel.engines.sampling.cli`: ``samenspel panel sample|weight|margins``.

The names below load on first use, so that registering the command line stays cheap (no numpy
or HiGHS import until a command runs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samenspel.engines.population.lazy import lazy_attributes

if TYPE_CHECKING:
    from samenspel.engines.sampling.allocation import Allocation, allocate, apportion
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
    from samenspel.engines.sampling.synthetic import DEFAULT_TILT, skewed_panel

_HOME = {
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
}
__all__ = [
    "Allocation",
    "Cell",
    "DEFAULT_TILT",
    "FatigueLimit",
    "Gap",
    "Member",
    "Sample",
    "SamplingError",
    "allocate",
    "apportion",
    "draw_sample",
    "eligible_members",
    "skewed_panel",
]


__getattr__ = lazy_attributes(__name__, _HOME)
