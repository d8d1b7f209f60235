# SPDX-License-Identifier: EUPL-1.2
"""``samenspel advice``: JSON and plain Dutch output, and exit code 2 naming the bad field."""

from __future__ import annotations

import json

import pytest
import yaml

from samenspel.cli import main
from samenspel.engines.advice import default_kader_text

from .conftest import load_cases

HEDIKHUIZEN = next(c for c in load_cases() if c["name"] == "Buurt bestuurt Hedikhuizen")


@pytest.fixture
def answers_file(tmp_path):
    def write(content) -> str:
        path = tmp_path / "answers.json"
        text = content if isinstance(content, str) else json.dumps(content)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_json_output_has_the_fields_with_dutch_values(answers_file, capsys):
    assert main(["advice", "--answers", answers_file(HEDIKHUIZEN["answers"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    fields = ("rung", "stance", "role", "instruments", "preconditions", "risks", "explanation")
    assert set(fields) | {"counterfactual"} <= set(data)
    assert (data["rung"], data["stance"], data["role"]) == (
        "meebeslissen",
        "faciliteren",
        "ondersteunend",
    )
    assert data["kader"]["version_id"].startswith("samenspel-standaard@1:")
    assert data["counterfactual"]["higher"]["rung"] is None
    assert data["counterfactual"]["lower"]["rung"] == "coproduceren"
    assert data["instruments"][0]["id"] == "spelregels_zelfbeheer"


def test_plain_output_is_dutch(answers_file, capsys):
    assert main(["advice", "--answers", answers_file(HEDIKHUIZEN["answers"])]) == 0
    out = capsys.readouterr().out
    assert "Trede op de participatieladder: meebeslissen" in out
    assert "Houding van de gemeente: faciliteren" in out
    assert "Aanbevolen instrumenten:" in out
    assert "Wat geeft een trede lager (coproduceren)?" in out


def test_own_kader_file(answers_file, tmp_path, capsys):
    data = yaml.safe_load(default_kader_text())
    data["id"], data["version"] = "heusden", 3
    kader = tmp_path / "heusden.yaml"
    kader.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answers = answers_file(HEDIKHUIZEN["answers"])
    assert main(["advice", "--kader", str(kader), "--answers", answers, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["kader"]["version_id"].startswith("heusden@3:")


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"initiatiefnemer": "gemeente"},
            "answers.initiatiefnemer: 'initiatiefnemer' is geen vraag",
        ),
        ({"kracht": 7}, "answers.kracht: 7 ligt buiten de schaal 1 tot en met 5"),
        ({"kracht": "veel"}, "answers.kracht: moet een geheel getal zijn, niet str"),
        ({"kracht": True}, "answers.kracht: moet een geheel getal zijn, niet bool"),
        (
            {"initiator": "provincie"},
            "answers.initiator: 'provincie' is geen antwoord op initiator",
        ),
        ({"dossiers": "klimaat"}, "answers.dossiers: moet een lijst zijn, niet str"),
        ({"dossiers": ["klimaat", "ruimtevaart"]}, "answers.dossiers[1]: 'ruimtevaart' is geen"),
        ({"dossiers": ["klimaat", "klimaat"]}, "answers.dossiers[1]: 'klimaat' staat er meer"),
        (["kracht", 5], "answers: moet een object (sleutels met waarden) zijn, niet list"),
        ("{kracht: 5", "answers: dit is geen geldige JSON"),
    ],
)
def test_malformed_answers_exit_2_naming_the_field(answers_file, capsys, answers, expected):
    assert main(["advice", "--answers", answers_file(answers)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(expected)


def test_every_bad_field_is_named(answers_file, capsys):
    bad = {"kracht": 0, "draagvlak": "hoog", "onbekend": 1, "initiator": "samenleving"}
    assert main(["advice", "--answers", answers_file(bad)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "answers.kracht",
        "answers.draagvlak",
        "answers.onbekend",
    ]


def test_malformed_kader_file_exits_2(answers_file, tmp_path, capsys):
    data = yaml.safe_load(default_kader_text())
    data["rules"][0]["then"]["rung"] = 12
    kader = tmp_path / "kader.yaml"
    kader.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answers = answers_file({"initiator": "gemeente"})
    assert main(["advice", "--kader", str(kader), "--answers", answers]) == 2
    assert (
        capsys.readouterr().err
        == "rules[0].then.rung: het gewicht 12 ligt buiten -5 tot en met 5\n"
    )


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["advice", "--answers", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err.startswith("answers: het bestand kan niet gelezen worden")


def test_null_means_unanswered(answers_file, capsys):
    assert main(["advice", "--answers", answers_file({"kracht": None}), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"] == {}
