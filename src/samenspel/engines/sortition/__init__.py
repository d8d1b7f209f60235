# SPDX-License-Identifier: EUPL-1.2
"""Fair stratified lotteries for citizens' assemblies.

Algorithms (``compute(instance, algorithm)``, ids in ``ALGORITHMS``):

* ``leximin`` (default): maximise the smallest selection probability, then the next smallest,
  and so on, with a certificate of optimality (dual bound and gap) per stage. B. Flanigan,
  P. Gölz, A. Gupta, B. Hennig, A. D. Procaccia, "Fair algorithms for selecting citizens'
  assemblies", Nature 596, 548-552 (2021). Works on *types* (people with the same feature
  values), on the open solver HiGHS: the LEXIMIN point of the LP relaxation, a sequence of LPs,
  is written as a lottery over panels with Wolfe's minimum-norm-point algorithm (P. Wolfe,
  Mathematical Programming 11, 1976); when it is no lottery, column generation over panels runs
  stage by stage.
* ``maximin``: the first LEXIMIN stage alone.
* ``nash``: maximise the product of the selection probabilities (Frank-Wolfe, with its gap).
* ``legacy``: the greedy sequential method used before, probabilities estimated by sampling.

A lottery is made public by rounding it to ``m`` equally likely panels (B. Flanigan, G. Kehne,
A. D. Procaccia, "Fair sortition made transparent", NeurIPS 2021), drawn by a public number or a
published seed and checked by ``verify``; drop-outs are replaced by a rule fixed before the draw.
Infeasible quotas are refused with the conflicting quotas and their smallest relaxation.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOME = {
    "ALGORITHMS": "engine",
    "compute": "engine",
    "InfeasibleQuotas": "feasibility",
    "Relaxation": "feasibility",
    "panel_problems": "feasibility",
    "read_instance": "io",
    "read_quotas": "io",
    "Distribution": "model",
    "InputError": "model",
    "Instance": "model",
    "Quota": "model",
    "StageLog": "model",
    "Replacement": "replacements",
    "replace": "replacements",
    "Lottery": "transparent",
    "draw_index": "transparent",
    "publish": "transparent",
    "round_to_panels": "transparent",
    "verify": "transparent",
}


def __getattr__(name: str) -> Any:
    """Import lazily, so that ``samenspel --help`` stays fast (numpy and HiGHS load on use)."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)


__all__ = [
    "ALGORITHMS",
    "Distribution",
    "InfeasibleQuotas",
    "InputError",
    "Instance",
    "Lottery",
    "Quota",
    "Relaxation",
    "Replacement",
    "StageLog",
    "compute",
    "draw_index",
    "panel_problems",
    "publish",
    "read_instance",
    "read_quotas",
    "replace",
    "round_to_panels",
    "verify",
]
