# SPDX-License-Identifier: EUPL-1.2
"""Counting participatory budgets: pabulib I/O and proportional rules, exact and fast.

Rules (stable ids, see :mod:`.rules`): greedy utilitarian welfare, the Method of Equal Shares
(Peters, Pierczyński, Skowron, NeurIPS 2021; equalshares.net) with the ``add1`` and greedy
completions, and sequential Phragmén (Brill et al., AAAI 2017; Los, Christoff, Grossi, IJCAI
2022). Data in the pabulib format (Faliszewski et al., IJCAI 2023). Outcomes are identical to
pabutools 1.2.3's, ties broken by project id as a string.

>>> from samenspel.engines.budgeting import mes_cost_add1, mes_cost_greedy, parse_pb
>>> text = "META\\nkey;value\\nbudget;10\\nvote_type;approval\\n"
>>> text += "PROJECTS\\nproject_id;cost\\na;6\\nb;4\\nc;5\\n"
>>> text += "VOTES\\nvoter_id;vote\\n1;a,b\\n2;a\\n3;c\\n"
>>> mes_cost_add1(parse_pb(text)).selected
('a',)
>>> mes_cost_greedy(parse_pb(text)).selected
('a', 'b')
"""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use, so that registering the CLI (``samenspel --help``) stays cheap.
_FROM = {
    **dict.fromkeys(("Ballot", "Election", "Loser", "Outcome", "Project", "RoundRecord"), "model"),
    **dict.fromkeys(("PabulibError", "parse_pb", "read_pb", "write_pb"), "pabulib"),
    **dict.fromkeys(("RULE_IDS", "count", "rule_function", "rule_id"), "rules"),
}


def __getattr__(name: str) -> Any:
    if name in _FROM:
        value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
    elif name in __all__:
        value = __getattr__("rule_function")(name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "RULE_IDS",
    "Ballot",
    "Election",
    "Loser",
    "Outcome",
    "PabulibError",
    "Project",
    "RoundRecord",
    "count",
    "parse_pb",
    "read_pb",
    "rule_id",
    "write_pb",
    # rule ids
    "greedy_cost",
    "greedy_cardinality",
    "greedy_cardinal",
    "greedy_borda",
    "mes_cost",
    "mes_cost_multiprofile",
    "mes_cardinality",
    "mes_cardinal",
    "mes_borda",
    "mes_cost_add1",
    "mes_cardinality_add1",
    "mes_cardinal_add1",
    "mes_borda_add1",
    "mes_cost_greedy",
    "seq_phragmen",
]
