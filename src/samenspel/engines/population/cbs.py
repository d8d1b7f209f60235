# SPDX-License-Identifier: EUPL-1.2
"""Population margins from CBS *Kerncijfers wijken en buurten* (Bron: CBS).

Two ways in, one way out:

- :func:`demo_tallies` reads the excerpt for the six demo municipalities that ships with this
  package (``data/cbs``; see its README): totals and wijken from 1 January 2024, age bands,
  household types and education from the 2020 edition.
- :func:`kwb_tallies` reads the rows of the full table as CBS's open-data portal exports it
  (85984NED for 2024, or an earlier edition): OData ``TypedDataSet`` JSON, or CSV with either
  the OData keys (``AantalInwoners_5``, ``k_65JaarOfOuder_12``, ``BasisonderwijsVmboMbo1_75``…)
  or StatLine's column titles (``Aantal inwoners (aantal)``…). Columns are matched by name
  without CBS's position suffix, so the importer does not depend on an edition's numbering.

Both give :class:`Tally` objects (counts per value, with source and reference year), and
:func:`margins_from_tallies` divides them into shares. Attributes and their values:

============  ======================================================  =========================
attribute     values                                                   population counted
============  ======================================================  =========================
gender        ``man``, ``vrouw``                                       all residents
age_band      ``15-24``, ``25-44``, ``45-64``, ``65+``                 residents aged 15 and over
area          wijk code (``WK079701``…)                                residents per wijk
education     ``laag``, ``middelbaar``, ``hoog``                       persons aged 15 to 75
household     ``eenpersoons``, ``zonder_kinderen``, ``met_kinderen``   private households
============  ======================================================  =========================

The household margin counts households, not residents, because that is what CBS publishes; the
note on each margin says so.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from samenspel.engines.population.margins import Margin, MarginError, PopulationMargins

#: The demo municipalities of docs/domain.md §9 whose figures are in the excerpt.
DEMO_MUNICIPALITIES = {
    "GM0797": "Heusden",
    "GM0355": "Zeist",
    "GM0307": "Amersfoort",
    "GM1911": "Hollands Kroon",
    "GM0262": "Lochem",
    "GM1652": "Gemert-Bakel",
}

_SOURCES = {
    "S1": "CBS, Kerncijfers wijken en buurten 2024 (85984NED)",
    "S3": "CBS, Kerncijfers wijken en buurten 2020 (Wijk- en buurtkaart 2020)",
}
_WIJK_NOTE = "wijk counts rounded to 5 by CBS; share of the sum over the wijken"
_AGE_NOTE = "residents aged 15 and over"
_EDUCATION_NOTE = "persons aged 15 to 75 by highest education level"
_HOUSEHOLD_NOTE = "share of private households, not of residents"

AGE_BANDS = ("15-24", "25-44", "45-64", "65+")
EDUCATION_LEVELS = ("laag", "middelbaar", "hoog")
HOUSEHOLD_TYPES = ("eenpersoons", "zonder_kinderen", "met_kinderen")


@dataclass(frozen=True)
class Tally:
    """Counts (or relative figures) per value of one attribute, with their provenance."""

    attribute: str
    counts: tuple[tuple[str, float], ...]
    reference_year: int | None
    source: str
    note: str = ""
    value_notes: Mapping[str, str] = field(default_factory=dict)


def margins_from_tallies(tallies: Iterable[Tally]) -> PopulationMargins:
    """Divide each tally by its total; values with a zero count are left out.

    >>> tally = Tally("gender", (("man", 30.0), ("vrouw", 70.0)), 2024, "CBS")
    >>> [(m.value, m.share) for m in margins_from_tallies([tally]).margins]
    [('man', 0.3), ('vrouw', 0.7)]
    """
    margins = []
    for tally in tallies:
        total = sum(count for _, count in tally.counts)
        if total <= 0:
            raise MarginError(f"attribute {tally.attribute!r} has no population counted")
        for value, count in tally.counts:
            if count > 0:
                note = "; ".join(n for n in (tally.value_notes.get(value, ""), tally.note) if n)
                margins.append(
                    Margin(
                        tally.attribute,
                        value,
                        count / total,
                        tally.reference_year,
                        tally.source,
                        note,
                    )
                )
    return PopulationMargins(tuple(margins))


# --- the demo excerpt ------------------------------------------------------------------------


#: The CBS excerpt for the demo municipalities, package data (Bron: CBS; see its README).
EXCERPT_DIR = Path(__file__).resolve().parent / "data" / "cbs"


def read_excerpt(name: str) -> list[dict[str, str]]:
    """The rows of one file of the excerpt (``gemeenten_2024.csv``, ``wijken_2024.csv``…)."""
    with open(EXCERPT_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _read_rows(name: str, gm_code: str) -> list[dict[str, str]]:
    return [row for row in read_excerpt(name) if row["gm_code"] == gm_code]


def _year(row: Mapping[str, str]) -> int:
    return int(row["ref_date"][:4])


def demo_tallies(gm_code: str) -> tuple[Tally, ...]:
    """The tallies of one demo municipality from the CBS excerpt."""
    if gm_code not in DEMO_MUNICIPALITIES:
        raise MarginError(
            f"no CBS excerpt for municipality {gm_code!r}; "
            f"known: {', '.join(sorted(DEMO_MUNICIPALITIES))}"
        )
    (totals,) = _read_rows("gemeenten_2024.csv", gm_code)
    wijken = _read_rows("wijken_2024.csv", gm_code)
    (old,) = _read_rows("gemeenten_2020_leeftijd_huishoudens.csv", gm_code)
    (education,) = _read_rows("gemeenten_opleiding.csv", gm_code)
    rounded = "; CBS whole percentages"
    return (
        Tally(
            "gender",
            (("man", float(totals["mannen"])), ("vrouw", float(totals["vrouwen"]))),
            _year(totals),
            _SOURCES[totals["source"]],
            "all residents",
        ),
        Tally(
            "age_band",
            tuple(
                zip(
                    AGE_BANDS,
                    (float(old[c]) for c in ("pct_15_25", "pct_25_45", "pct_45_65", "pct_65plus")),
                    strict=True,
                )
            ),
            _year(old),
            _SOURCES[old["source"]],
            _AGE_NOTE + rounded,
        ),
        Tally(
            "area",
            tuple((w["wk_code"], float(w["inwoners_2024"])) for w in wijken),
            2024,
            _SOURCES["S1"],
            _WIJK_NOTE,
            {w["wk_code"]: w["wijknaam_cbs"] for w in wijken},
        ),
        Tally(
            "education",
            tuple(
                zip(
                    EDUCATION_LEVELS,
                    (float(education[f"opl_{level}"]) for level in EDUCATION_LEVELS),
                    strict=True,
                )
            ),
            2020,
            _SOURCES[education["source"]],
            _EDUCATION_NOTE
            + "; counts rounded to 10 by CBS; reference year not recorded in the copy "
            "(probably 2020)",
        ),
        Tally(
            "household",
            tuple(
                zip(
                    HOUSEHOLD_TYPES,
                    (
                        float(old[c])
                        for c in ("pct_eenpersoons", "pct_zonder_kinderen", "pct_met_kinderen")
                    ),
                    strict=True,
                )
            ),
            _year(old),
            _SOURCES[old["source"]],
            _HOUSEHOLD_NOTE + rounded,
        ),
    )


def demo_margins(gm_code: str) -> PopulationMargins:
    """The population margins of one demo municipality (see :func:`demo_tallies`)."""
    return margins_from_tallies(demo_tallies(gm_code))


# --- the full table from CBS's open-data portal ----------------------------------------------

#: Our name for each CBS column we use, keyed by the normalised CBS key or title
#: (see :func:`_normalise`); older editions' education columns are listed too.
_KWB_COLUMNS = {
    "wijkenenbuurten": "region",
    "codering": "code",
    "aantalinwoners": "inhabitants",
    "mannen": "man",
    "vrouwen": "vrouw",
    "15tot25jaar": "15-24",
    "25tot45jaar": "25-44",
    "45tot65jaar": "45-64",
    "65jaarofouder": "65+",
    "basisonderwijsvmbombo1": "laag",
    "havovwombo24": "middelbaar",
    "hbowo": "hoog",
    "opleidingsniveaulaag": "laag",
    "opleidingsniveaumiddelbaar": "middelbaar",
    "opleidingsniveauhoog": "hoog",
    "eenpersoonshuishoudens": "eenpersoons",
    "huishoudenszonderkinderen": "zonder_kinderen",
    "huishoudensmetkinderen": "met_kinderen",
}


def _normalise(column: str) -> str:
    """``k_65JaarOfOuder_12`` and ``65 jaar of ouder (aantal)`` both become ``65jaarofouder``."""
    name = re.sub(r"_\d+$", "", column.strip().lstrip("\ufeff"))
    name = re.sub(r"\s*\([^)]*\)$", "", name).lower()
    name = name.removeprefix("k_")
    return re.sub(r"[^0-9a-z]", "", name)


def read_kwb_table(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CBS table file: OData JSON (``{"value": [...]}`` or a list) or CSV
    (``;`` or ``,`` separated, as the portal and StatLine export it)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if text.lstrip().startswith(("{", "[")):
        data = json.loads(text)
        rows = data["value"] if isinstance(data, dict) else data
        return [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _number(text: str | None) -> float | None:
    """CBS writes missing figures as ``.`` (CSV) or null (JSON)."""
    text = (text or "").strip()
    if text in ("", ".", "-", "x"):
        return None
    return float(text.replace(",", "."))


def kwb_tallies(
    rows: Iterable[Mapping[str, str]],
    gm_code: str,
    reference_year: int = 2024,
    table: str = "85984NED",
) -> tuple[Tally, ...]:
    """The tallies of one municipality from the rows of a *Kerncijfers wijken en buurten* table.

    Attributes whose figures CBS left out (secrecy, or not in that edition) are omitted; the
    caller sees which attributes came back. ``reference_year`` is the year of the table's
    1 January figures (2024 for 85984NED); CBS measures education on 1 October.
    """
    source = f"CBS, Kerncijfers wijken en buurten {reference_year} ({table})"
    wijk_prefix = "WK" + gm_code.removeprefix("GM")
    municipality: dict[str, float | None] | None = None
    wijken: list[tuple[str, float]] = []
    for raw in rows:
        row: dict[str, str] = {}
        for key, value in raw.items():
            name = _KWB_COLUMNS.get(_normalise(key))
            if name is not None and name not in row:
                row[name] = value
        codes = {(row.get("region") or "").strip(), (row.get("code") or "").strip()}
        figures = {k: _number(v) for k, v in row.items() if k not in ("region", "code")}
        if gm_code in codes:
            municipality = figures
        elif any(code.startswith(wijk_prefix) for code in codes):
            (code,) = (c for c in codes if c.startswith(wijk_prefix))
            inhabitants = figures.get("inhabitants")
            if inhabitants:
                wijken.append((code, inhabitants))
    if municipality is None:
        raise MarginError(f"the CBS table has no row for municipality {gm_code!r}")

    def tally(attribute: str, values: Iterable[str], note: str = "") -> list[Tally]:
        counts = tuple((v, municipality.get(v)) for v in values)
        if any(c is None for _, c in counts):
            return []
        return [Tally(attribute, counts, reference_year, source, note)]  # type: ignore[arg-type]

    tallies = [
        *tally("gender", ("man", "vrouw"), "all residents"),
        *tally("age_band", AGE_BANDS, _AGE_NOTE),
    ]
    if wijken:
        tallies.append(Tally("area", tuple(sorted(wijken)), reference_year, source, _WIJK_NOTE))
    tallies += tally("education", EDUCATION_LEVELS, _EDUCATION_NOTE + " (CBS: on 1 October)")
    tallies += tally("household", HOUSEHOLD_TYPES, _HOUSEHOLD_NOTE)
    return tuple(tallies)


def import_kwb_margins(
    path: str | Path, gm_code: str, reference_year: int = 2024, table: str = "85984NED"
) -> PopulationMargins:
    """Population margins of one municipality from a CBS table file (see :func:`kwb_tallies`)."""
    return margins_from_tallies(kwb_tallies(read_kwb_table(path), gm_code, reference_year, table))
