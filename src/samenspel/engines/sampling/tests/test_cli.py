# SPDX-License-Identifier: EUPL-1.2
"""``samenspel panel sample|weight|margins``: output shapes and refusals (exit code 2)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from samenspel.cli import main
from samenspel.engines import sampling, weighting
from samenspel.engines.population import read_margins_csv
from samenspel.engines.sampling import skewed_panel

ZEIST = Path(__file__).parents[2] / "population" / "data" / "GM0355.csv"


@pytest.fixture
def members_file(tmp_path: Path) -> Path:
    population = read_margins_csv(ZEIST)
    path = tmp_path / "members.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                *population.attributes,
                "invitations_last_12_months",
                "days_since_last_invitation",
            ]
        )
        for m in skewed_panel(population, 500, seed=9):
            days = m.days_since_last_invitation
            writer.writerow(
                [
                    m.id,
                    *(m.attributes[a] for a in population.attributes),
                    m.invitations_last_12_months,
                    "" if days is None else days,
                ]
            )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_json(members_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("panel", "sample", "--members", str(members_file), "--population", str(ZEIST)),
        *("--size", "100", "--seed", "5", "--json"),
    )
    assert code == 0
    result = json.loads(out)
    assert len(result["selected"]) == 100
    assert result["seed"] == 5
    assert set(result["composition"]) == {"gender", "age_band", "area", "education", "household"}
    with open(members_file, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fatigued = [
        r
        for r in rows
        if int(r["invitations_last_12_months"]) >= 4
        or (r["days_since_last_invitation"] and int(r["days_since_last_invitation"]) < 30)
    ]
    assert result["excluded_by_fatigue"] == len(fatigued)
    assert not {r["id"] for r in fatigued} & set(result["selected"])


def test_sample_text(members_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("panel", "sample", "--members", str(members_file), "--population", str(ZEIST)),
        *("--size", "50", "--seed", "1", "--max-per-year", "2", "--min-days", "90"),
    )
    assert code == 0
    assert "Invited 50 of 500 members (seed 1)." in out
    assert "Largest gaps:" in out


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("members", "population", "size", "message"),
    [
        (
            "id,gender,invitations_last_12_months,days_since_last_invitation\n"
            "a,man,4,\nb,vrouw,0,\n",
            "attribute,value,share\ngender,man,0.5\ngender,vrouw,0.5\n",
            "2",
            "the fatigue limit",
        ),
        (
            "id,gender,invitations_last_12_months,days_since_last_invitation\na,man,0,\n",
            "attribute,value,share\ngender,man,0.5\ngender,vrouw,0.4\n",
            "1",
            "attribute 'gender' sum to 0.900000",
        ),
        (
            "id,gender,invitations_last_12_months,days_since_last_invitation\na,man,0,\n",
            "attribute,value,share\nage_band,65+,1\n",
            "1",
            "attribute 'age_band' of the population file is not a column of the members file",
        ),
        (
            "id,gender,invitations_last_12_months,days_since_last_invitation\na,man,0,\n",
            "attribute,value,share\ngender,man,0.5\ngender,vrouw,0.5\n",
            "1",
            "no member has value 'vrouw' of attribute 'gender'",
        ),
    ],
)
def test_impossible_requests_exit_2_naming_the_cause(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    members: str,
    population: str,
    size: str,
    message: str,
) -> None:
    code, _, err = run(
        capsys,
        *("panel", "sample", "--members", str(write(tmp_path / "m.csv", members))),
        *("--population", str(write(tmp_path / "p.csv", population)), "--size", size),
    )
    assert code == 2
    assert message in err


RESPONSES = (
    "id,gender,age,q1\n"
    "r1,man,young,ja\nr2,man,old,nee\nr3,man,old,ja\nr4,man,old,nee\n"
    "r5,vrouw,young,ja\nr6,vrouw,old,ja\nr7,vrouw,old,\nr8,vrouw,old,nee\n"
)
POPULATION = "attribute,value,share\ngender,man,0.4\ngender,vrouw,0.6\nage,young,0.5\nage,old,0.5\n"


def test_weight_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        *("panel", "weight", "--responses", str(write(tmp_path / "r.csv", RESPONSES))),
        *("--population", str(write(tmp_path / "p.csv", POPULATION)), "--question", "q1"),
        "--json",
    )
    assert code == 0
    result = json.loads(out)
    # The independent hand case of the weighting tests: 1.6, 8/15, 2.4, 0.8 per cell.
    assert result["weights"]["r1"] == pytest.approx(1.6)
    assert result["weights"]["r2"] == pytest.approx(8 / 15)
    assert result["weights"]["r5"] == pytest.approx(2.4)
    assert result["weighted_margins"]["gender"]["vrouw"] == pytest.approx(0.6)
    assert result["effective_sample_size"] == pytest.approx(75 / 13)
    assert result["converged"]
    # q1 "ja": r1, r3, r5, r6 weigh 1.6 + 8/15 + 2.4 + 0.8 of 8 - 0.8 (r7 gave no answer).
    share = (1.6 + 8 / 15 + 2.4 + 0.8) / (8 - 0.8)
    assert result["estimates"]["q1"]["ja"]["share"] == pytest.approx(share)


def test_weight_text_and_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    responses = write(tmp_path / "r.csv", RESPONSES)
    population = write(tmp_path / "p.csv", POPULATION)
    code, out, _ = run(
        capsys, "panel", "weight", "--responses", str(responses), "--population", str(population)
    )
    assert code == 0
    assert "Effective sample size (Kish) 5.8 of 8" in out
    assert "r5,2.400000" in out
    no_young = write(tmp_path / "r2.csv", "id,gender,age\nr1,man,old\nr2,vrouw,old\n")
    code, _, err = run(
        capsys, "panel", "weight", "--responses", str(no_young), "--population", str(population)
    )
    assert code == 2
    assert "no respondent has 'age' = 'young'" in err


def test_margins_from_a_cbs_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = write(
        tmp_path / "kwb.csv",
        "WijkenEnBuurten;AantalInwoners_5;Mannen_6;Vrouwen_7\nGM0001    ;10;4;6\n",
    )
    output = tmp_path / "margins.csv"
    code, _, _ = run(
        capsys,
        *("panel", "margins", "--municipality", "GM0001", "--cbs-table", str(table)),
        *("--output", str(output)),
    )
    assert code == 0
    assert read_margins_csv(output).shares() == {"gender": {"man": 0.4, "vrouw": 0.6}}


def test_registration_imports_neither_numpy_nor_highs() -> None:
    code = (
        "import sys, samenspel.cli as c; c.build_parser(); "
        "print(sorted(m for m in ('numpy', 'highspy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("package", [sampling, weighting])
def test_every_public_name_loads(package: ModuleType) -> None:
    for name in package.__all__:
        assert getattr(package, name) is not None
