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

from samenspel.engines.budgeting.model import Ballot, Election, Loser, Outcome, Project, RoundRecord
from samenspel.engines.budgeting.pabulib import PabulibError, parse_pb, read_pb, write_pb
from samenspel.engines.budgeting.rules import RULE_IDS, count, rule_function, rule_id

greedy_cost = rule_function("greedy_cost")
greedy_cardinality = rule_function("greedy_cardinality")
greedy_cardinal = rule_function("greedy_cardinal")
greedy_borda = rule_function("greedy_borda")
mes_cost = rule_function("mes_cost")
mes_cost_multiprofile = rule_function("mes_cost_multiprofile")
mes_cardinality = rule_function("mes_cardinality")
mes_cardinal = rule_function("mes_cardinal")
mes_borda = rule_function("mes_borda")
mes_cost_add1 = rule_function("mes_cost_add1")
mes_cardinality_add1 = rule_function("mes_cardinality_add1")
mes_cardinal_add1 = rule_function("mes_cardinal_add1")
mes_borda_add1 = rule_function("mes_borda_add1")
mes_cost_greedy = rule_function("mes_cost_greedy")
seq_phragmen = rule_function("seq_phragmen")

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
