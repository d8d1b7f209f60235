"""Survey weighting: raking responses to population margins, and what the answers say.

- :func:`rake`: iterative proportional fitting (Deming & Stephan 1940) to the margins of
  :mod:`samenspel.engines.population`, with optional trimming (:class:`TrimBounds`), reporting
  convergence, the weighted margins, Kish's effective sample size and design effect.
- :func:`weighted_shares`, :func:`weighted_mean`: estimates with margins of error based on the
  effective sample size (Kish 1965).

Pure Python and numpy: no Django, no settings, no database.
"""

from samenspel.engines.weighting.estimates import (
    Estimate,
    design_effect,
    kish_effective_sample_size,
    weighted_mean,
    weighted_shares,
)
from samenspel.engines.weighting.raking import RakingResult, TrimBounds, WeightingError, rake

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
