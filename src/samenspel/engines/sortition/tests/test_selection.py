# SPDX-License-Identifier: EUPL-1.2
"""The entry point for applications: prepare, draw, select_panel, with progress."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samenspel.engines.sortition import (
    DEFAULT_PANELS,
    InputError,
    categories_csv,
    draw,
    people_csv,
    prepare,
    select_panel,
    verify,
)

from .test_rounding import three_men_one_woman
from .test_transparent import instance


def test_select_panel_reports_progress_and_gives_a_verifiable_record() -> None:
    heard: list[tuple[float, str]] = []
    selection = select_panel(
        instance(), seed="council", m=20, progress=lambda f, m: heard.append((f, m))
    )
    fractions = [fraction for fraction, _ in heard]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert any("rounding" in message for _, message in heard)
    record = json.loads(json.dumps(selection.record))
    assert record["seed"] == "council" and len(record["panels"]) == 20
    assert verify(instance(), record) == []


def test_prepare_then_draw_is_select_panel() -> None:
    prepared = prepare(instance(), m=20)
    assert "panel" not in prepared.record and verify(instance(), prepared.record) == []
    drawn = draw(prepared.record, number=5)
    assert drawn["index"] == 4 and drawn["panel"] == prepared.record["panels"][4]
    assert drawn == select_panel(instance(), number=5, m=20).record
    assert verify(instance(), drawn) == []


def test_draw_by_hand() -> None:
    # Two equally likely panels (see test_rounding): number 2 picks b and c.
    prepared = prepare(three_men_one_woman(), m=2)
    assert prepared.record["panels"] == [["a", "d"], ["b", "c"]]
    assert draw(prepared.record, number=2)["panel"] == ["b", "c"]
    with pytest.raises(InputError):
        draw(prepared.record, number=3)
    with pytest.raises(InputError):
        draw(prepared.record, number=1, seed="x")


def test_default_number_of_panels() -> None:
    assert prepare(three_men_one_woman()).record["m"] == DEFAULT_PANELS


def test_the_published_files_verify_with_the_documented_command(tmp_path: Path) -> None:
    """The public download: people.csv, categories.csv and record.json, checked by the command
    in a separate process, as anyone would; one changed feature value is named."""
    pool = three_men_one_woman()
    (tmp_path / "people.csv").write_text(people_csv(pool), encoding="utf-8")
    (tmp_path / "categories.csv").write_text(categories_csv(pool), encoding="utf-8")
    record = select_panel(pool, number=2, m=4).record
    (tmp_path / "record.json").write_text(json.dumps(record), encoding="utf-8")
    assert (tmp_path / "people.csv").read_text().splitlines() == [
        "id,gender",
        "a,man",
        "b,man",
        "c,man",
        "d,woman",
    ]
    assert (tmp_path / "categories.csv").read_text().splitlines()[1:] == [
        "gender,man,1,2",
        "gender,woman,0,1",
    ]
    # samenspel sortition verify --people people.csv --categories categories.csv --size 2
    #   --record record.json
    command = [str(Path(sys.executable).parent / "samenspel"), "sortition", "verify"]
    command += ["--people", "people.csv", "--categories", "categories.csv", "--size", "2"]
    command += ["--record", "record.json"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("confirmed"), done.stderr
    (tmp_path / "people.csv").write_text(people_csv(pool).replace("c,man", "c,woman"))
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "person c: gender is 'woman', the published pool has 'man'" in done.stdout
