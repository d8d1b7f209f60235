# SPDX-License-Identifier: EUPL-1.2
"""One entry point for every counting rule, by stable rule id.

==========================  ======================================================  ============
rule id                     rule                                                     satisfaction
==========================  ======================================================  ============
``greedy_cost``             greedy utilitarian welfare                               cost
``greedy_cardinality``      greedy utilitarian welfare                               cardinality
``greedy_cardinal``         greedy utilitarian welfare                               cardinal
``greedy_borda``            greedy utilitarian welfare                               Borda
``mes_cost``                Method of Equal Shares                                   cost
``mes_cost_multiprofile``   the same (pabutools' multiprofile variant; same outcome) cost
``mes_cardinality``         Method of Equal Shares                                   cardinality
``mes_cardinal``            Method of Equal Shares                                   cardinal
``mes_borda``               Method of Equal Shares                                   Borda
``mes_<sat>_add1``          MES completed by raising every budget by 1 (add1)        as named
``mes_<sat>_greedy``        MES completed by greedy utilitarian welfare              as named
``seq_phragmen``            sequential Phragmén (approval ballots)                   —
==========================  ======================================================  ============

Sources: Peters, Pierczyński, Skowron, NeurIPS 2021 and equalshares.net (MES and its
completions); Brill et al., AAAI 2017 and Los, Christoff, Grossi, IJCAI 2022 (Phragmén for PB);
Faliszewski et al., IJCAI 2023 (pabulib, greedy). Ties are broken by the smaller project id as a
string, as pabutools does by default.
"""

from __future__ import annotations

from collections.abc import Callable

from samenspel.engines.budgeting.greedy import greedy_outcome
from samenspel.engines.budgeting.mes import equal_shares
from samenspel.engines.budgeting.model import Election, Outcome
from samenspel.engines.budgeting.pabulib import paused_gc
from samenspel.engines.budgeting.phragmen import phragmen_outcome
from samenspel.engines.budgeting.profile import SATISFACTIONS, group_profile

COMPLETIONS = ("add1", "greedy")

RULE_IDS: tuple[str, ...] = (
    *(f"greedy_{s}" for s in SATISFACTIONS),
    *(f"mes_{s}" for s in SATISFACTIONS),
    "mes_cost_multiprofile",
    *(f"mes_{s}_{c}" for s in SATISFACTIONS for c in COMPLETIONS),
    "seq_phragmen",
)


def rule_id(rule: str, satisfaction: str = "cost", completion: str | None = None) -> str:
    """The rule id for a rule family (``mes``, ``greedy``, ``phragmen``) and its options."""
    if rule == "phragmen":
        return "seq_phragmen"
    if rule == "greedy":
        return f"greedy_{satisfaction}"
    if rule == "mes":
        return f"mes_{satisfaction}" + (f"_{completion}" if completion else "")
    raise ValueError(f"unknown rule {rule!r}; use mes, greedy or phragmen")


def count(election: Election, rule: str, exact: bool = False) -> Outcome:
    """Count ``election`` with the rule named by its id (see :data:`RULE_IDS`).

    ``exact=True`` runs equal shares entirely in exact arithmetic (a slow confirmation; the
    default path is already exact in every decision, see :mod:`.mes`).
    """
    if rule not in RULE_IDS:
        raise ValueError(f"unknown rule id {rule!r}; known: {', '.join(RULE_IDS)}")
    with paused_gc():
        return _count(election, rule, exact)


def _count(election: Election, rule: str, exact: bool) -> Outcome:
    if rule == "seq_phragmen":
        if election.vote_type not in ("approval", "choose-1"):
            raise ValueError("sequential Phragmén needs approval ballots")
        return phragmen_outcome(election, group_profile(election, "cardinality"), rule)
    family, satisfaction, *rest = rule.split("_")
    profile = group_profile(election, satisfaction)
    if family == "greedy":
        return greedy_outcome(election, profile, rule)
    completion = rest[0] if rest and rest[0] in COMPLETIONS else None
    return equal_shares(election, profile, rule, completion, exact=exact)


def rule_function(rule: str) -> Callable[[Election], Outcome]:
    """``count`` with the rule fixed: ``mes_cost_add1(election)`` and so on."""
    if rule not in RULE_IDS:
        raise ValueError(f"unknown rule id {rule!r}")

    def counted(election: Election, exact: bool = False) -> Outcome:
        return count(election, rule, exact=exact)

    counted.__name__ = counted.__qualname__ = rule
    counted.__doc__ = f"Count an election with rule ``{rule}`` (see :mod:`.rules`)."
    return counted
