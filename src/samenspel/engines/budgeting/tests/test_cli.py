# SPDX-License-Identifier: EUPL-1.2
"""The ``samenspel pb`` commands."""

from __future__ import annotations

import json

from samenspel.cli import main
from samenspel.engines.budgeting.tests.conftest import PABULIB

ASSEN = str(PABULIB / "Netherlands_Assen_2024.pb")


def test_count_json(capsys) -> None:
    assert main(["pb", "count", ASSEN, "--rule", "mes", "--completion", "add1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # Assen's published result (equal shares with add1), from the file's selected column.
    assert sorted(out["selected"], key=int) == ["2", "3", "5", "6", "9", "11", "12", "13", "14"]
    assert out["rule"] == "mes"
    assert out["completion"] == "add1"
    assert out["budget_used"] == 76700


def test_count_text(capsys) -> None:
    assert main(["pb", "count", ASSEN, "--rule", "greedy"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["3", "9", "8", "11", "2", "13", "14"]


def test_explain_loser_in_dutch_and_english(capsys) -> None:
    assert main(["pb", "explain", ASSEN, "--project", "4"]) == 0
    dutch = capsys.readouterr().out
    assert "is niet gekozen" in dutch and "ontbrak" in dutch
    assert main(["pb", "explain", ASSEN, "--project", "4", "--lang", "en"]) == 0
    assert "was not selected" in capsys.readouterr().out


def test_explain_winner(capsys) -> None:
    assert main(["pb", "explain", ASSEN, "--project", "12"]) == 0
    assert "is gekozen" in capsys.readouterr().out


def test_explain_unknown_project_is_refused(capsys) -> None:
    assert main(["pb", "explain", ASSEN, "--project", "99"]) == 2


def test_recount_published_result(capsys) -> None:
    assert main(["pb", "recount", ASSEN]) == 0
    assert capsys.readouterr().out.startswith("OK")


def test_recount_wrong_result(capsys) -> None:
    assert main(["pb", "recount", ASSEN, "--result", "1,2,3"]) == 1
    out = capsys.readouterr().out
    assert "DIFFERENT" in out and "published but not counted: 1" in out


def test_recount_needs_a_rule_it_knows(capsys) -> None:
    # META rule: equalshares/add1-comparison, which names no rule of this engine.
    path = str(PABULIB / "Poland_Wieliczka_2023_Green_Budget.pb")
    assert main(["pb", "recount", path]) == 2
    assert main(["pb", "recount", path, "--rule-id", "greedy_cost"]) in (0, 1)
