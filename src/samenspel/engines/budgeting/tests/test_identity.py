# SPDX-License-Identifier: EUPL-1.2
"""Same outcome as the reference: pabutools 1.2.3's stored outcomes, and published results.

The expected outcomes in ``data/pabulib/expected/*.json`` were computed by pabutools (exact
rationals), not by this engine; the ``selected`` columns are the cities' own published results.
``data/pabulib/README.md`` says why these elections were chosen.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pytest

from samenspel.engines.budgeting.model import Election
from samenspel.engines.budgeting.rules import count
from samenspel.engines.budgeting.tests.conftest import (
    PABULIB,
    election,
    expected,
    expected_files,
)

CASES = [
    (path.stem, rule)
    for path in expected_files()
    for rule, data in expected(path.stem)["rules"].items()
    if data["selected"] is not None
]
PUBLISHED_EQUAL_SHARES = [
    path.stem
    for path in expected_files()
    if expected(path.stem)["meta"].get("rule") == "equalshares/add1"
]


APPROVAL_RULES = {
    *("greedy_cost", "greedy_cardinality", "seq_phragmen"),
    *("mes_cost", "mes_cost_multiprofile", "mes_cost_add1"),
}
SCORED_RULES = "greedy_cost greedy_{0} mes_cost mes_{0} mes_cost_add1 mes_{0}_add1"
#: The rules the reference counted for each vote type (``data/pabulib/README.md``).
REFERENCE_RULES = {
    "approval": APPROVAL_RULES,
    "choose-1": APPROVAL_RULES,
    "cumulative": set(SCORED_RULES.format("cardinal").split()),
    "ordinal": set(SCORED_RULES.format("borda").split()),
}


def test_data_present() -> None:
    assert len(expected_files()) == 21
    assert len(CASES) == 126
    vote_types = {path.stem: election(path.stem).vote_type for path in expected_files()}
    assert set(vote_types.values()) == set(REFERENCE_RULES)
    for name, vote_type in vote_types.items():
        assert set(expected(name)["rules"]) == REFERENCE_RULES[vote_type], name
    assert sorted(PUBLISHED_EQUAL_SHARES) == ["Netherlands_Assen_2024", "Poland_Swiecie_2023"]


@pytest.mark.parametrize("path", expected_files(), ids=lambda path: path.stem)
def test_each_election_is_the_file_its_reference_was_computed_on(path) -> None:
    digest = hashlib.sha256((PABULIB / f"{path.stem}.pb").read_bytes()).hexdigest()
    assert digest == expected(path.stem)["sha256"]


def _ids_reversed(e: Election) -> tuple[Election, dict[str, str]]:
    """The same election with project ids whose string order is reversed; and the way back."""
    order = sorted(p.id for p in e.projects)
    new = {pid: f"{len(order) - i:04d}" for i, pid in enumerate(order)}
    projects = tuple(dataclasses.replace(p, id=new[p.id]) for p in e.projects)
    relabelled = Election(
        e.meta, e.project_header, projects, e.vote_header, e.ballots, e.budget, e.vote_type
    )
    return relabelled, {v: k for k, v in new.items()}


@pytest.mark.parametrize("rule", ["greedy_cost", "mes_cost", "mes_cost_add1"])
def test_the_data_holds_a_tie_that_the_project_ids_break(rule: str) -> None:
    """In this election equal candidates meet under these rules: with the id order reversed
    the outcome changes, so matching pabutools there checks the tie-break (smaller id first)."""
    name = "Worldwide_Mechanical_Turk_Ranking_value_7"
    relabelled, back = _ids_reversed(election(name))
    reversed_outcome = sorted(back[pid] for pid in count(relabelled, rule).selected)
    assert reversed_outcome != sorted(expected(name)["rules"][rule]["selected"])


@pytest.mark.parametrize(("name", "rule"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_same_selection_as_pabutools(name: str, rule: str) -> None:
    reference = expected(name)["rules"][rule]
    outcome = count(election(name), rule)
    assert sorted(outcome.selected) == sorted(reference["selected"])
    assert outcome.total_cost == int(reference["total_cost"])
    if "add1_final_increment_per_voter" in reference:
        assert outcome.increment == reference["add1_final_increment_per_voter"]


@pytest.mark.parametrize("name", PUBLISHED_EQUAL_SHARES)
def test_published_equal_shares_result(name: str) -> None:
    published = expected(name)["real_outcome_selected_column"]
    outcome = count(election(name), "mes_cost_add1")
    assert sorted(outcome.selected) == sorted(published)
