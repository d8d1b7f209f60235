# SPDX-License-Identifier: EUPL-1.2
"""``samenspel letters sample``: the JSON it prints and its refusals (exit code 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samenspel.cli import main

A, B, C = "WK030701", "WK030702", "WK030703"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["letters", "sample", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def addresses(path: Path, counts: dict[str, int]) -> Path:
    """``counts[wijk]`` addresses per wijk, Laan 1, 2, … in order (line n is Laan n - 1)."""
    wijken = [wijk for wijk, n in counts.items() for _ in range(n)]
    rows = [f"Laan;{n};3811AB;Amersfoort;{w}" for n, w in enumerate(wijken, start=1)]
    path.write_text("straat;huisnummer;postcode;woonplaats;wijk\n" + "\n".join(rows) + "\n")
    return path


def wijk_of_line(counts: dict[str, int]) -> dict[int, str]:
    wijken = [wijk for wijk, n in counts.items() for _ in range(n)]
    return {line: wijk for line, wijk in enumerate(wijken, start=2)}


def test_json_of_a_stratified_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Quotas 3, 2.4 and 0.6: 3, 2 and the last letter to C (see test_letters).
    counts = {A: 5, B: 4, C: 1}
    file = addresses(tmp_path / "a.csv", counts)
    argv = ("--addresses", str(file), "--size", "6", "--strata", "wijk", "--seed", "11", "--json")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"selected", "per_stratum", "seed"}
    assert result["per_stratum"] == {A: 3, B: 2, C: 1}
    assert result["seed"] == 11
    wijken = wijk_of_line(counts)
    drawn = [wijken[line] for line in result["selected"]]
    assert {w: drawn.count(w) for w in set(drawn)} == {A: 3, B: 2, C: 1}
    assert result["selected"] == sorted(set(result["selected"]))
    assert run(capsys, *argv)[1] == out  # the same seed, the same sample


def test_oversampling_population_and_exclusions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    counts = {A: 10, B: 8, C: 2}
    file = str(addresses(tmp_path / "a.csv", counts))
    # Weights 10, 8, 2 x 3; C full at 2; then 10 letters as 10 : 8 -> 6, 4 (test_letters).
    code, out, _ = run(
        capsys, "--addresses", file, "--size", "12", "--oversample", f"wijk={C}:3,0", "--json"
    )
    assert code == 0
    assert json.loads(out)["per_stratum"] == {A: 6, B: 4, C: 2}

    margins = tmp_path / "margins.csv"
    margins.write_text(f"attribute,value,share\narea,{A},0.5\narea,{B},0.3\narea,{C},0.2\n")
    argv = ("--addresses", file, "--size", "7", "--strata", "wijk", "--population", str(margins))
    code, out, _ = run(capsys, *argv, "--json")
    assert json.loads(out)["per_stratum"] == {A: 4, B: 2, C: 1}  # quotas 3.5, 2.1, 1.4

    # Exclude the whole of wijk A but one address, by postcode and number.
    exclude = tmp_path / "exclude.csv"
    exclude.write_text("postcode,huisnummer\n" + "".join(f"3811 AB,{n}\n" for n in range(1, 10)))
    code, out, _ = run(capsys, "--addresses", file, "--size", "11", "--exclude", str(exclude))
    assert code == 0
    selected = [int(line) for line in out.split("line numbers):\n")[1].split()]
    assert selected == list(range(11, 22))  # Laan 10 to 20: all that is left
    code, _, err = run(capsys, "--addresses", file, "--size", "12", "--exclude", str(exclude))
    assert code == 2
    assert "Er mogen maar 11 adressen een brief krijgen" in err


def test_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = addresses(tmp_path / "a.csv", {A: 5, B: 4, C: 1})
    code, out, _ = run(
        capsys, "--addresses", str(file), "--size", "6", "--strata", "wijk", "--seed", "1"
    )
    assert code == 0
    assert out.startswith(
        "Drew 6 of 10 rows (seed 1): 10 addresses could be drawn; 0 rows opted out, "
        "0 invited recently."
    )
    assert f"{C:<16} {1:>10} {1:>7} {0.6:>9.2f} {1:>9} {1:>6}" in out


def test_a_fresh_seed_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = addresses(tmp_path / "a.csv", {A: 3})
    code, out, _ = run(capsys, "--addresses", str(file), "--size", "2", "--json")
    assert code == 0
    result = json.loads(out)
    assert isinstance(result["seed"], int) and result["per_stratum"] == {}
    again = run(capsys, "--addresses", str(file), "--size", "2", "--seed", str(result["seed"]))
    assert again[1].split("line numbers):\n")[1].split() == [str(n) for n in result["selected"]]


def test_persons_by_age_band_need_the_reference_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    persons = tmp_path / "p.csv"
    persons.write_text(
        "straat,huisnummer,postcode,woonplaats,naam,geboortejaar,geslacht\n"
        "Laan,1,3811AB,Amersfoort,Jansen,2002,V\n"
        "Laan,2,3811AB,Amersfoort,Smit,1961,M\n"
    )
    argv = ("--addresses", str(persons), "--size", "2", "--strata", "leeftijdsgroep", "--json")
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Regel 1: voor een bestand met geboortejaren is het peiljaar nodig" in err
    code, out, _ = run(capsys, *argv, "--reference-year", "2026")
    assert code == 0
    assert json.loads(out)["per_stratum"] == {"15-24": 1, "65+": 1}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--size", "3", "--strata", "buurt"),
            "samenspel letters: Het bestand heeft geen kolom 'buurt'. U kunt kiezen uit: "
            "straat, huisnummer, postcode, woonplaats, wijk.",
        ),
        (
            ("--size", "3", "--oversample", f"wijk={A}:0"),
            f"samenspel letters: De factor voor wijk = {A} moet groter dan 0 zijn, niet 0.0.",
        ),
        (
            ("--size", "3", "--oversample", f"wijk={A}"),
            f"samenspel letters: 'wijk={A}' is geen factor. Schrijf KOLOM=WAARDE:FACTOR, zoals "
            "wijk=WK030701:1,5.",
        ),
        (
            ("--size", "3", "--oversample", f"wijk={A}:veel"),
            f"samenspel letters: 'wijk={A}:veel' is geen factor. Schrijf KOLOM=WAARDE:FACTOR, "
            "zoals wijk=WK030701:1,5.",
        ),
        (
            ("--size", "4", "--lang", "en"),
            "samenspel letters: You ask for 4 letters, but only 3 addresses may receive one. The "
            "file has 3 lines: 0 of them opted out, 0 were invited recently and 0 live at an "
            "address that already counts.",
        ),
    ],
)
def test_refusals_name_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    file = addresses(tmp_path / "a.csv", {A: 2, B: 1})
    code, out, err = run(capsys, "--addresses", str(file), *argv)
    assert code == 2
    assert out == ""
    assert err.strip() == message


def test_an_unreadable_file_lists_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("straat;huisnummer;postcode;woonplaats\nLaan;1;3811AB;A\nLaan;x;38;A\n")
    code, _, err = run(capsys, "--addresses", str(bad), "--size", "1", "--lang", "en")
    assert code == 2
    assert err.splitlines() == [
        f"samenspel letters: The file {bad} was not read:",
        "  Line 3: the postcode '38' is not valid: 4 digits and 2 letters, such as 3811 AB.",
        "  Line 3: the house number 'x' is not a whole number from 1 to 99999; put a house "
        "letter or addition in a column of its own.",
    ]
    code, _, err = run(capsys, "--addresses", str(tmp_path / "missing.csv"), "--size", "1")
    assert code == 2
    assert "No such file or directory" in err
