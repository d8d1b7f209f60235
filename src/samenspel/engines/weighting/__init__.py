# SPDX-License-Identifier: EUPL-1.2
"""Survey weighting: raking responses to population margins, and what the answers say.

- :func:`rake`: iterative proportional fitting (Deming & Stephan 1940) to the margins of
  :mod:`samenspel.engines.population`, with optional trimming (:class:`TrimBounds`), reporting
  convergence, the weighted margins, Kish's effective sample size and design effect.
- :func:`weighted_shares`, :func:`weighted_mean`: estimates with margins of error based on the
  effective sample size (Kish 1965).

::

    result = rake(responses, population, bounds=TrimBounds(0.2, 5.0))
    result.weights, result.converged, result.effective_sample_size, result.design_effect
    weighted_shares(result.weights, [r["q1"] for r in responses])["ja"].margin_of_error

Pure Python and numpy: no Django, no settings, no database. The names load on first use, so
that the command line's discovery of engines does not import numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samenspel.engines.population.lazy import lazy_attributes

if TYPE_CHECKING:
    from samenspel.engines.weighting.estimates import (
        Estimate,
        design_effect,
        kish_effective_sample_size,
        weighted_mean,
        weighted_shares,
    )
    from samenspel.engines.weighting.raking import (
        RakingResult,
        TrimBounds,
        WeightingError,
        rake,
    )

_HOME = {
    "Estimate": "estimates",
    "design_effect": "estimates",
    "kish_effective_sample_size": "estimates",
    "weighted_mean": "estimates",
    "weighted_shares": "estimates",
    "RakingResult": "raking",
    "TrimBounds": "raking",
    "WeightingError": "raking",
    "rake": "raking",
}
__all__ = [
    "Estimate",
    "RakingResult",
    "TrimBounds",
    "WeightingError",
    "design_effect",
    "kish_effective_sample_size",
    "rake",
    "weighted_mean",
    "weighted_shares",
]
__getattr__ = lazy_attributes(__name__, _HOME)
