# SPDX-License-Identifier: EUPL-1.2
"""Publishing, verifying and tampering; replacements; the command line end to end."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from samenspel.cli import main
from samenspel.engines.sortition import (
    compute,
    draw_index,
    panel_problems,
    publish,
    read_instance,
    replace,
    round_to_panels,
    verify,
)
from samenspel.engines.sortition.transparent import panels_digest

from .conftest import HERE

PEOPLE = HERE / "households.csv"
QUOTAS = HERE / "households_quotas.csv"
ARGS = [
    "--people",
    str(PEOPLE),
    "--categories",
    str(QUOTAS),
    "--size",
    "6",
    "--id-column",
    "person",
    "--household-columns",
    "street,number",
]


def instance():
    return read_instance(
        PEOPLE, QUOTAS, 6, id_column="person", household_columns=["street", "number"]
    )


def published(seed: str = "council-2026") -> dict:
    pool = instance()
    result = compute(pool)
    lottery = round_to_panels(pool, result, 20)
    return publish(pool, result, lottery, draw_index(20, seed=seed), seed=seed)


def test_verify_confirms_a_published_draw() -> None:
    record = published()
    assert verify(instance(), json.loads(json.dumps(record))) == []
    assert panel_problems(instance(), [instance().ids.index(p) for p in record["panel"]]) == []


def test_verify_rejects_a_tampered_panel() -> None:
    record = published()
    outsider = next(p for p in instance().ids if p not in record["panel"])
    record["panel"][0] = outsider
    assert any("not the drawn panel" in problem for problem in verify(instance(), record))


def test_verify_rejects_a_changed_seed_or_list() -> None:
    record = published()
    other = next(
        f"seed-{i}" for i in range(100) if draw_index(20, seed=f"seed-{i}") != record["index"]
    )
    record["seed"] = other
    assert any("the seed or number gives panel" in p for p in verify(instance(), record))
    record = published()
    record["panels"][0], record["panels"][1] = record["panels"][1], record["panels"][0]
    problems = verify(instance(), record)
    assert any("digest mismatch" in p for p in problems)
    assert any("differs from the recomputed one" in p for p in problems)


def test_public_number_picks_that_panel() -> None:
    assert draw_index(20, number=7) == 6
    assert draw_index(20, seed="x") == draw_index(20, seed="x")


def test_replacement_keeps_quotas_and_is_reproducible() -> None:
    record = published()
    pool = instance()
    dropout = record["panel"][2]
    panel, made = replace(pool, record["panel"], [dropout], record["seed"])
    assert dropout not in panel and len(panel) == 6
    assert panel_problems(pool, [pool.ids.index(p) for p in panel]) == []
    assert (panel, made) == replace(pool, record["panel"], [dropout], record["seed"])


def test_cli_select_verify_tamper(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_file = tmp_path / "record.json"
    code = main(
        [
            "sortition",
            "select",
            *ARGS,
            "--panels",
            "20",
            "--seed",
            "s1",
            "--json",
            "--publish",
            str(record_file),
        ]
    )
    assert code == 0
    output = json.loads(capsys.readouterr().out)
    assert set(output) >= {
        "probabilities",
        "min_probability",
        "certified_gap",
        "panel",
        "algorithm",
        "seed",
    }
    assert output["certified_gap"] <= 1e-6 and len(output["panel"]) == 6
    assert main(["sortition", "verify", *ARGS, "--record", str(record_file)]) == 0
    assert "confirmed" in capsys.readouterr().out
    record = json.loads(record_file.read_text())
    record["panel"][-1] = next(p for p in output["probabilities"] if p not in record["panel"])
    record_file.write_text(json.dumps(record))
    assert main(["sortition", "verify", *ARGS, "--record", str(record_file)]) == 1
    assert "NOT CONFIRMED" in capsys.readouterr().out


def test_cli_replace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_file = tmp_path / "record.json"
    record_file.write_text(json.dumps(published("s2")))
    dropout = published("s2")["panel"][0]
    assert (
        main(["sortition", "replace", *ARGS, "--record", str(record_file), "--drop", dropout]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["replacements"][0]["dropout"] == dropout


def test_verify_names_the_person_whose_feature_value_differs() -> None:
    record = published()
    pool = instance()
    row = record["people"].index(next(r for r in record["people"] if r[0] == "r02"))
    record["people"][row][pool.categories.index("age") + 1] = "65+"
    assert verify(pool, record) == ["person r02: age is '16-34', the published pool has '65+'"]


def test_verify_names_a_changed_quota_and_size() -> None:
    record = published()
    record["quotas"][0][3] = 4
    record["k"] = 7
    assert verify(instance(), record) == [
        "quota gender=vrouw [3, 3]: the record has [3, 4]",
        "panel size 6, the record has 7",
    ]


def test_verify_names_a_panel_that_breaks_a_quota() -> None:
    record = published()
    pool = instance()
    women = {p for p, v in zip(pool.ids, pool.features, strict=True) if v[0] == "vrouw"}
    man = next(p for p in record["panels"][0] if p not in women)
    extra = next(p for p in sorted(women) if p not in record["panels"][0])
    record["panels"][0] = sorted([extra if p == man else p for p in record["panels"][0]])
    record["panels_sha256"] = panels_digest(record["panels"])  # a consistent forgery
    problems = verify(pool, record)
    assert "published panel 1 does not satisfy quota gender=vrouw [3, 3]: 4 members" in problems
    assert "published panel 1 does not satisfy quota gender=man [3, 3]: 2 members" in problems
    assert not any("digest" in p for p in problems)


def test_record_names_versions_and_the_digest_of_the_panels() -> None:
    record = published()
    assert record["engine"].startswith("samenspel ") and record["solver"].startswith("HiGHS ")
    expected = hashlib.sha256(
        json.dumps(record["panels"], separators=(",", ":")).encode()
    ).hexdigest()
    assert record["panels_sha256"] == expected
    assert len(record["panels"]) == record["m"] == 20
    assert record["panel"] == record["panels"][record["index"]]
    assert [row[0] for row in record["people"]] == list(instance().ids)


def test_cli_verify_names_a_changed_feature_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_file = tmp_path / "record.json"
    record_file.write_text(json.dumps(published("s3")))
    people = tmp_path / "people.csv"
    people.write_text(
        PEOPLE.read_text().replace("r04,Molenlaan,2,vrouw,65+", "r04,Molenlaan,2,vrouw,16-34")
    )
    args = [*ARGS[:1], str(people), *ARGS[2:]]
    assert main(["sortition", "verify", *ARGS, "--record", str(record_file)]) == 0
    assert capsys.readouterr().out.startswith("confirmed")
    assert main(["sortition", "verify", *args, "--record", str(record_file)]) == 1
    assert "person r04: age is '16-34', the published pool has '65+'" in capsys.readouterr().out


def test_verify_names_missing_fields() -> None:
    record = published()
    del record["panels_sha256"]
    assert verify(instance(), record) == ["the record lacks panels_sha256"]
    assert verify(instance(), {"format": "other"}) == [
        "not a samenspel-sortition-lottery/2 record (format 'other')"
    ]
