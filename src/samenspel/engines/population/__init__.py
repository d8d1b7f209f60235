# SPDX-License-Identifier: EUPL-1.2
"""Population margins: the shares of residents per attribute value that panels are matched to.

A margin file (CSV) has the columns ``attribute``, ``value``, ``share`` and, optionally,
``reference_year``, ``source`` and ``note``: every margin says which table and which year it comes
from, because CBS publishes different attributes for different years.

- :mod:`~samenspel.engines.population.margins`: the :class:`Margin` and
  :class:`PopulationMargins` types, reading and writing margin files.
- :mod:`~samenspel.engines.population.cbs`: turning CBS counts (*Kerncijfers wijken en buurten*)
  into margins, both from the demo excerpt that ships as package data (``data/cbs``) and from the
  full table file that CBS's open-data portal exports (85984NED and its predecessors).

Pure Python: no Django, no settings, no database.
"""

from samenspel.engines.population.cbs import (
    DEMO_MUNICIPALITIES,
    Tally,
    demo_margins,
    demo_tallies,
    import_kwb_margins,
    kwb_tallies,
    margins_from_tallies,
    read_excerpt,
    read_kwb_table,
)
from samenspel.engines.population.margins import (
    SHARE_TOLERANCE,
    Margin,
    MarginError,
    PopulationMargins,
    parse_margins,
    read_margins_csv,
    write_margins_csv,
)

__all__ = [
    "DEMO_MUNICIPALITIES",
    "SHARE_TOLERANCE",
    "Margin",
    "MarginError",
    "PopulationMargins",
    "Tally",
    "demo_margins",
    "demo_tallies",
    "import_kwb_margins",
    "kwb_tallies",
    "margins_from_tallies",
    "parse_margins",
    "read_excerpt",
    "read_kwb_table",
    "read_margins_csv",
    "write_margins_csv",
]
