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
A. D. Procaccia, "Fair sortition made transparent", NeurIPS 2021; the bound the rounding
guarantees is stated in ``rounding``), drawn by a public number or a published seed and checked
by ``verify``; drop-outs are replaced by a rule fixed before the draw. Infeasible quotas are
refused with the conflicting quotas and their smallest relaxation.

For an application (pure Python, no Django; call it from a background task):

* ``Instance(ids, categories, features, quotas, k, households=None)`` with ``Quota(category,
  value, min, max)``: the pseudonymous pool and the quotas (``read_instance`` reads CSV files).
  Bad input raises ``InputError`` naming the row or quota at fault.
* ``select_panel(instance, seed=... or number=..., m=DEFAULT_PANELS, progress=callable)`` ->
  ``Selection(record, distribution, lottery)``: the whole selection. ``progress(fraction,
  message)`` is called throughout (fraction 0..1). ``record`` is the JSON-ready public record
  (format ``FORMAT``): engine and solver versions, the pool (ids and feature values), the
  quotas, each person's probability, the ``m`` panels as lists of ids with their SHA-256
  digest, the seed or public number and the drawn panel. ``distribution.probabilities`` and
  ``distribution.panel_counts`` give the composition and the probabilities to show.
* To publish the list before the draw: ``prepare(instance, m=..., progress=...)`` (its
  ``record`` has no draw yet), then at the meeting ``draw(record, number=...)`` or ``draw(record,
  seed=...)``, which recomputes nothing.
* For the public download: ``people_csv(instance)`` and ``categories_csv(instance)`` give the
  files that ``samenspel sortition verify --people people.csv --categories categories.csv
  --size K --record record.json`` reads back (add ``--household-columns household`` when
  households count), ``record`` as ``record.json``.
* ``verify(instance, record)`` -> list of problems, each naming its cause (empty: confirmed);
  ``replace(instance, panel, dropouts, key)`` for drop-outs; ``InfeasibleQuotas.relaxations``
  for the smallest relaxation of conflicting quotas.
"""

from __future__ import annotations

import importlib
from typing import Any

DEFAULT_PANELS = 1000
"""The number ``m`` of equally likely panels a lottery is rounded to, unless told otherwise."""

_HOME = {
    "ALGORITHMS": "engine",
    "compute": "engine",
    "InfeasibleQuotas": "feasibility",
    "Relaxation": "feasibility",
    "panel_problems": "feasibility",
    "categories_csv": "io",
    "people_csv": "io",
    "read_instance": "io",
    "read_quotas": "io",
    "Distribution": "model",
    "InputError": "model",
    "Instance": "model",
    "Quota": "model",
    "StageLog": "model",
    "Replacement": "replacements",
    "replace": "replacements",
    "Selection": "selection",
    "draw": "selection",
    "prepare": "selection",
    "select_panel": "selection",
    "FORMAT": "transparent",
    "Lottery": "transparent",
    "announce": "transparent",
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
    "DEFAULT_PANELS",
    "FORMAT",
    "Distribution",
    "InfeasibleQuotas",
    "InputError",
    "Instance",
    "Lottery",
    "Quota",
    "Relaxation",
    "Replacement",
    "Selection",
    "StageLog",
    "announce",
    "categories_csv",
    "compute",
    "draw",
    "draw_index",
    "panel_problems",
    "people_csv",
    "prepare",
    "publish",
    "read_instance",
    "read_quotas",
    "replace",
    "round_to_panels",
    "select_panel",
    "verify",
]
