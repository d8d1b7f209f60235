# SPDX-License-Identifier: EUPL-1.2
"""Margins from CBS figures: hand-checked shares, provenance, the importer, the files."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from samenspel.engines.population import (
    DEMO_MUNICIPALITIES,
    MarginError,
    PopulationMargins,
    cbs,
    demo_margins,
    import_kwb_margins,
    read_margins_csv,
)
from samenspel.engines.population.margins import margins_to_text, parse_margins

DATA = Path(__file__).parents[1] / "data"


def test_shares_must_sum_to_one_per_attribute() -> None:
    rows = [
        {"attribute": "gender", "value": "man", "share": "0.5"},
        {"attribute": "gender", "value": "vrouw", "share": "0.4"},
    ]
    with pytest.raises(MarginError, match=r"attribute 'gender' sum to 0.900000"):
        parse_margins(rows)


def test_a_missing_column_is_named() -> None:
    with pytest.raises(MarginError, match="lacks the column"):
        parse_margins([{"attribute": "gender", "value": "man"}])


def test_file_round_trip(tmp_path: Path) -> None:
    margins = read_margins_csv(DATA / "GM0797.csv")
    path = tmp_path / "margins.csv"
    path.write_text(margins_to_text(margins), encoding="utf-8")
    assert read_margins_csv(path) == margins


def test_zeist_margins_match_the_cbs_figures_by_hand() -> None:
    margins = {(m.attribute, m.value): m for m in demo_margins("GM0355").margins}
    # gemeenten_2024.csv: 32,616 men of 66,641 inhabitants on 1 January 2024.
    assert margins[("gender", "man")].share == pytest.approx(32616 / 66641)
    assert margins[("gender", "man")].reference_year == 2024
    # 2020 age bands 15-25, 25-45, 45-65, 65+: 12, 23, 27, 21 % -> 12/83 of residents 15+.
    assert margins[("age_band", "15-24")].share == pytest.approx(12 / 83)
    assert margins[("age_band", "15-24")].reference_year == 2020
    # Wijk Zeist-Noord: 17,345 of the wijken's 15,945 + 17,345 + 14,440 + 9,365 + 9,545.
    assert margins[("area", "WK035502")].share == pytest.approx(17345 / 66640)
    assert "Zeist-Noord" in margins[("area", "WK035502")].note
    # Education: 20,010 hoog of 47,370 persons aged 15-75.
    assert margins[("education", "hoog")].share == pytest.approx(20010 / 47370)
    assert "households" in margins[("household", "eenpersoons")].note
    assert {m.source for m in margins.values()} == {
        "CBS, Kerncijfers wijken en buurten 2024 (85984NED)",
        "CBS, Kerncijfers wijken en buurten 2020 (Wijk- en buurtkaart 2020)",
    }


@pytest.mark.parametrize("gm_code", sorted(DEMO_MUNICIPALITIES))
def test_committed_margin_files_are_up_to_date(gm_code: str) -> None:
    expected = margins_to_text(demo_margins(gm_code))
    assert (DATA / f"{gm_code}.csv").read_text(encoding="utf-8") == expected


def test_unknown_municipality_is_refused() -> None:
    with pytest.raises(MarginError, match="GM9999"):
        demo_margins("GM9999")


# Rows shaped like the OData TypedDataSet of 85984NED (codes padded with spaces, as CBS does).
ODATA = {
    "value": [
        {
            "ID": 1,
            "WijkenEnBuurten": "GM0001    ",
            "Gemeentenaam_1": "Voorbeeld                               ",
            "SoortRegio_2": "Gemeente  ",
            "Codering_3": "GM0001    ",
            "AantalInwoners_5": 1000,
            "Mannen_6": 480,
            "Vrouwen_7": 520,
            "k_0Tot15Jaar_8": 200,
            "k_15Tot25Jaar_9": 100,
            "k_25Tot45Jaar_10": 250,
            "k_45Tot65Jaar_11": 250,
            "k_65JaarOfOuder_12": 200,
            "HuishoudensTotaal_29": 450,
            "Eenpersoonshuishoudens_30": 150,
            "HuishoudensZonderKinderen_31": 120,
            "HuishoudensMetKinderen_32": 180,
            "BasisonderwijsVmboMbo1_75": 200,
            "HavoVwoMbo24_76": 300,
            "HboWo_77": None,
        },
        {"WijkenEnBuurten": "WK000101  ", "AantalInwoners_5": 600, "Mannen_6": 290},
        {"WijkenEnBuurten": "WK000102  ", "AantalInwoners_5": 400, "Mannen_6": 190},
        {"WijkenEnBuurten": "BU00010101", "AantalInwoners_5": 300, "Mannen_6": 150},
        {"WijkenEnBuurten": "GM0002    ", "AantalInwoners_5": 5, "Mannen_6": 5},
    ]
}


def test_import_odata_json(tmp_path: Path) -> None:
    path = tmp_path / "85984NED.json"
    path.write_text(json.dumps(ODATA), encoding="utf-8")
    margins = import_kwb_margins(path, "GM0001")
    shares = margins.shares()
    assert shares["gender"] == {"man": 0.48, "vrouw": 0.52}
    # Residents 15+: 100 + 250 + 250 + 200 = 800.
    assert shares["age_band"] == {"15-24": 0.125, "25-44": 0.3125, "45-64": 0.3125, "65+": 0.25}
    assert shares["area"] == {"WK000101": 0.6, "WK000102": 0.4}
    assert shares["household"] == {
        "eenpersoons": 1 / 3,
        "zonder_kinderen": 0.8 / 3,
        "met_kinderen": 0.4,
    }
    assert "education" not in shares  # HboWo is missing (null): the attribute is left out
    assert {m.reference_year for m in margins.margins} == {2024}
    assert {m.source for m in margins.margins} == {
        "CBS, Kerncijfers wijken en buurten 2024 (85984NED)"
    }


def test_import_statline_csv_with_titles_and_older_education_columns(tmp_path: Path) -> None:
    path = tmp_path / "kwb.csv"
    path.write_text(
        "\ufeffWijken en buurten;Codering;Aantal inwoners (aantal);Mannen (aantal);"
        "Vrouwen (aantal);15 tot 25 jaar (aantal);25 tot 45 jaar (aantal);"
        "45 tot 65 jaar (aantal);65 jaar of ouder (aantal);OpleidingsniveauLaag_64;"
        "OpleidingsniveauMiddelbaar_65;OpleidingsniveauHoog_66;Eenpersoonshuishoudens (aantal)\n"
        "Voorbeeld;GM0001    ;100;40;60;10;20;30;40;25;25;50;.\n"
        "Wijk 01;WK000101  ;100;40;60;10;20;30;40;25;25;50;.\n",
        encoding="utf-8",
    )
    margins = import_kwb_margins(path, "GM0001", reference_year=2020, table="84799NED")
    shares = margins.shares()
    assert shares["gender"] == {"man": 0.4, "vrouw": 0.6}
    assert shares["education"] == {"laag": 0.25, "middelbaar": 0.25, "hoog": 0.5}
    assert shares["area"] == {"WK000101": 1.0}
    assert "household" not in shares
    assert margins.margins[0].source == "CBS, Kerncijfers wijken en buurten 2020 (84799NED)"


def test_import_without_the_municipality_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "85984NED.json"
    path.write_text(json.dumps(ODATA["value"]), encoding="utf-8")
    with pytest.raises(MarginError, match="no row for municipality 'GM0797'"):
        import_kwb_margins(path, "GM0797")


def test_from_shares_validates() -> None:
    with pytest.raises(MarginError, match="not between 0 and 1"):
        PopulationMargins.from_shares({"gender": {"man": 1.5, "vrouw": -0.5}})


def test_doctests() -> None:
    assert doctest.testmod(cbs).failed == 0
