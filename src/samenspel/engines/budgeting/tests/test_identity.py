"""Same outcome as the reference: pabutools 1.2.3's stored outcomes, and published results.

The expected outcomes in ``expected/*.json`` were computed by pabutools (exact rationals), not by
this engine; the ``selected`` columns are the cities' own published results.
"""

from __future__ import annotations

import pytest

from samenspel.engines.budgeting.rules import count
from samenspel.engines.budgeting.tests.conftest import election, expected, expected_files

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


def test_data_present() -> None:
    assert len(expected_files()) == 63
    assert len(CASES) == 374
    assert sorted(PUBLISHED_EQUAL_SHARES) == ["Netherlands_Assen_2024", "Poland_Swiecie_2023"]


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
