# SPDX-License-Identifier: EUPL-1.2
"""The letter sample: proportional allocation, one letter per address, exclusions, seeds.

Expected allocations are worked out by hand in the comments, or (in the property test) from the
water-filling characterisation of capped proportional allocation, not from the engine's loop.
"""

from __future__ import annotations

import doctest
import hashlib
import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenspel.engines.sampling import (
    AddressFile,
    Exclusions,
    LetterError,
    LetterSample,
    codes,
    draw_letters,
    largest_remainder,
    letters,
    read_address_file,
    synthetic_address_file,
)
from samenspel.engines.sampling.letters import age_band

Person = tuple[str, int]  # surname, year of birth


def address_file(households: Sequence[tuple[str, Sequence[Person]]]) -> AddressFile:
    """One household per entry (its wijk and residents) at ``Laan <n>``, 3811 AB; a household
    without residents makes a file of addresses."""
    persons = any(residents for _, residents in households)
    lines = ["straat;huisnummer;postcode;woonplaats;wijk"]
    if persons:
        lines[0] += ";naam;geboortejaar;geslacht"
    for number, (wijk, residents) in enumerate(households, start=1):
        address = f"Laan;{number};3811AB;Amersfoort;{wijk}"
        if persons:
            lines += [f"{address};{name};{year};V" for name, year in residents]
        else:
            lines.append(address)
    result = read_address_file("\n".join(lines).encode(), reference_year=2026)
    assert isinstance(result, AddressFile), result
    return result


def addresses_in(counts: Mapping[str, int]) -> AddressFile:
    """A file of addresses: ``counts[wijk]`` addresses in each wijk."""
    return address_file([(wijk, ()) for wijk, n in counts.items() for _ in range(n)])


def wijk_counts(file: AddressFile, lines: Sequence[int]) -> dict[str, int]:
    by_line = {row.line: row.wijk for row in file.rows}
    return dict(Counter(by_line[line] for line in lines))


A, B, C = "WK030701", "WK030702", "WK030703"


def test_proportional_to_the_file() -> None:
    # Quotas 6 x 5/10 = 3, 6 x 4/10 = 2.4, 6 x 1/10 = 0.6: whole parts 3, 2, 0; the one
    # letter left goes to the largest remainder (C, 0.6).
    file = addresses_in({A: 5, B: 4, C: 1})
    sample = draw_letters(file, 6, seed=1, strata="wijk")
    assert sample.per_stratum == {A: 3, B: 2, C: 1}
    assert wijk_counts(file, sample.selected) == {A: 3, B: 2, C: 1}
    assert [(s.weight, s.quota, s.eligible) for s in sample.strata] == [
        (5.0, 3.0, 5),
        (4.0, pytest.approx(2.4), 4),
        (1.0, pytest.approx(0.6), 1),
    ]


def test_proportional_to_the_population() -> None:
    # Quotas 3.5, 2.1, 1.4: whole parts 3, 2, 1; the letter left goes to A (0.5).
    file = addresses_in({A: 5, B: 4, C: 2})
    population = {A: 0.5, B: 0.3, C: 0.2}
    sample = draw_letters(file, 7, seed=1, strata="wijk", population=population)
    assert sample.per_stratum == {A: 4, B: 2, C: 1}


def test_oversampling_with_a_full_stratum() -> None:
    # Weights 10, 8 and 2 x 3 = 6 (total 24): quotas 5, 4, 3. C has only 2 addresses, so it
    # gets both and the other 10 letters go to A and B as 10 : 8, quotas 5.56 and 4.44: 5 and
    # 4, and the letter left to A.
    file = addresses_in({A: 10, B: 8, C: 2})
    sample = draw_letters(file, 12, seed=4, strata="wijk", oversample={("wijk", C): 3.0})
    assert sample.per_stratum == {A: 6, B: 4, C: 2}
    assert [s.factor for s in sample.strata] == [1.0, 1.0, 3.0]
    # Without strata named, the factors' column is the stratum column.
    alone = draw_letters(file, 12, seed=4, oversample={("wijkcode", C): 3.0})
    assert alone.per_stratum == {A: 6, B: 4, C: 2}
    assert alone.column == "wijk"


def test_largest_remainder_hand_cases() -> None:
    w = {"a": Fraction(1), "b": Fraction(1), "c": Fraction(1)}
    caps = {"a": 10, "b": 10, "c": 10}
    # Three equal quotas of 10/3: the one left over goes to the first key of ``order``.
    assert largest_remainder(w, 10, caps, ["b", "a", "c"]) == {"a": 3, "b": 4, "c": 3}
    assert largest_remainder(w, 10, caps, ["c", "a", "b"]) == {"a": 3, "b": 3, "c": 4}
    # A zero weight gets nothing, a zero capacity nothing either: the rest is split again.
    w2 = {"a": Fraction(3), "b": Fraction(1), "z": Fraction(0)}
    assert largest_remainder(w2, 8, {"a": 10, "b": 10, "z": 5}, ["a", "b", "z"]) == {
        "a": 6,
        "b": 2,
        "z": 0,
    }
    assert largest_remainder(w2, 8, {"a": 0, "b": 10, "z": 5}, ["a", "b", "z"]) == {
        "a": 0,
        "b": 8,
        "z": 0,
    }


def test_tied_remainders_follow_the_seed_not_the_name() -> None:
    # Three strata of 1 address each and 2 letters: quotas 2/3 each, a tie. Over seeds every
    # stratum is left out sometimes, and for a seed the choice is fixed.
    file = addresses_in({A: 1, B: 1, C: 1})
    left_out = Counter[str]()
    for seed in range(60):
        counts = draw_letters(file, 2, seed=seed, strata="wijk").per_stratum
        assert sorted(counts.values()) == [0, 1, 1]
        assert draw_letters(file, 2, seed=seed, strata="wijk").per_stratum == counts
        left_out.update(v for v, n in counts.items() if n == 0)
    assert set(left_out) == {A, B, C}


def test_one_letter_per_address_and_one_resident_chosen_at_random() -> None:
    file = address_file(
        [
            (A, [("Jansen", 1980), ("Jansen", 1982), ("Jansen", 2008)]),
            (A, [("Smit", 1970), ("Smit", 1972)]),
            (B, [("Bakker", 1990)]),
            (B, [("Visser", 1960)]),
        ]
    )
    households = {row.line: row.house_number for row in file.rows}
    chosen = Counter[int]()
    for seed in range(300):
        sample = draw_letters(file, 4, seed=seed)
        assert sorted(households[line] for line in sample.selected) == [1, 2, 3, 4]
        chosen.update(sample.selected)
    # Each Jansen is the household's one letter about 1/3 of the time, each Smit about 1/2.
    assert all(70 <= chosen[line] <= 130 for line in (2, 3, 4))
    assert all(120 <= chosen[line] <= 180 for line in (5, 6))
    with pytest.raises(LetterError) as refused:
        draw_letters(file, 5, seed=1)
    assert str(refused.value) == (
        "U vraagt 5 brieven. Er mogen maar 4 adressen een brief krijgen. Het bestand heeft 7 "
        "regels: 0 daarvan hebben bezwaar gemaakt, 0 kregen kort geleden al een uitnodiging en "
        "3 wonen op een adres dat al meetelt."
    )


def test_opted_out_and_recently_invited_are_never_drawn() -> None:
    file = address_file(
        [
            (A, [("Jansen", 1980), ("Jansen", 1982)]),  # lines 2, 3: the address opted out
            (A, [("Smit", 1970), ("Smit", 1972)]),  # lines 4, 5: Smit 1970 opted out
            (B, [("Bakker", 1990)]),  # line 6: invited in March
            (B, [("Visser", 1960)]),  # line 7: invited last summer
            (B, [("de Wit", 1950)]),  # line 8: invited on the first day of the period
        ]
    )
    exclusions = Exclusions(
        opted_out=frozenset({"3811AB|1||", "3811AB|2|||smit|1970"}),
        last_invited={
            "3811AB|3|||bakker|1990": date(2026, 3, 1),
            "3811AB|4||": date(2025, 6, 1),
            "3811AB|5||": date(2026, 1, 1),
        },
        invited_since=date(2026, 1, 1),
    )
    sample = draw_letters(file, 2, seed=3, exclusions=exclusions)
    assert sample.selected == (5, 7)
    assert (sample.opted_out, sample.recently_invited, sample.addresses) == (3, 2, 2)
    with pytest.raises(LetterError) as refused:
        draw_letters(file, 3, seed=3, exclusions=exclusions)
    assert refused.value.params == {
        "size": 3,
        "eligible": 2,
        "rows": 7,
        "opted_out": 3,
        "recent": 2,
        "shared": 0,
    }
    # Without a period, invitations do not count.
    without_period = Exclusions(exclusions.opted_out)
    assert draw_letters(file, 3, seed=3, exclusions=without_period).addresses == 4


def test_same_seed_same_sample_whatever_the_row_order() -> None:
    households = [(A if n % 3 else B, [(f"P{n}", 1950 + n % 50)]) for n in range(60)]
    file = address_file(households)
    first = draw_letters(file, 10, seed=20261122, strata="wijk")
    assert draw_letters(file, 10, seed=20261122, strata="wijk") == first
    assert draw_letters(file, 10, seed=20261123, strata="wijk").selected != first.selected
    # The draw keys come from the rows' content: the same people, shuffled, are drawn again.
    lines = [
        f"Laan;{number};3811AB;Amersfoort;{wijk};{name};{year};V"
        for number, (wijk, residents) in enumerate(households, start=1)
        for name, year in residents
    ]
    random.Random(5).shuffle(lines)
    header = "straat;huisnummer;postcode;woonplaats;wijk;naam;geboortejaar;geslacht\n"
    shuffled = read_address_file((header + "\n".join(lines)).encode(), reference_year=2026)
    assert isinstance(shuffled, AddressFile)
    again = draw_letters(shuffled, 10, seed=20261122, strata="wijk")

    def people(f: AddressFile, selected: Sequence[int]) -> set[str | None]:
        return {row.person_key for row in f.rows if row.line in selected}

    assert people(shuffled, again.selected) == people(file, first.selected)


def test_the_documented_draw_order_can_be_recomputed() -> None:
    # A simple random sample is the addresses with the smallest SHA-256 digests of
    # "samenspel-letters:<seed>:<address key>"; address n of the file is on line n + 1.
    file = addresses_in({A: 12})
    digests = {
        number + 1: hashlib.sha256(f"samenspel-letters:42:3811AB|{number}||".encode()).digest()
        for number in range(1, 13)
    }
    expected = sorted(sorted(digests, key=digests.__getitem__)[:4])
    assert list(draw_letters(file, 4, seed=42).selected) == expected


def test_every_address_has_the_same_chance_within_its_stratum() -> None:
    file = addresses_in({A: 10})
    counts = Counter[int]()
    for seed in range(2000):
        counts.update(draw_letters(file, 3, seed=seed).selected)
    # Binomial(2000, 0.3) per address: mean 600, standard deviation 20.5.
    assert all(520 <= counts[line] <= 680 for line in range(2, 12))


def test_age_bands_of_persons() -> None:
    # Reference year 2026: born 2002 is 24 (15-24), 2001 is 25 (25-44), 2012 is 14 (overig).
    file = address_file(
        [(A, [("a", 2002)]), (A, [("b", 2001)]), (A, [("c", 2012)]), (A, [("d", 1961)])]
    )
    sample = draw_letters(file, 4, seed=1, strata="leeftijdsgroep")
    assert sample.per_stratum == {"15-24": 1, "25-44": 1, "65+": 1, "overig": 1}
    assert [age_band(a, ("15-24", "25-44", "45-64", "65+")) for a in (14, 15, 44, 45, 99)] == [
        "overig",
        "15-24",
        "25-44",
        "45-64",
        "65+",
    ]
    population = {"15-24": 0.5, "25-44": 0.5}
    by_population = draw_letters(file, 2, seed=1, strata="age band", population=population)
    assert by_population.per_stratum == {"15-24": 1, "25-44": 1, "65+": 0, "overig": 0}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"size": 0}, "De steekproef moet minstens 1 brief zijn, niet 0."),
        (
            {"strata": "buurt"},
            "Het bestand heeft geen kolom 'buurt'. U kunt kiezen uit: straat, huisnummer, "
            "postcode, woonplaats, wijk.",
        ),
        (
            {"strata": "wijk", "oversample": {("wijk", A): 0.0}},
            f"De factor voor wijk = {A} moet groter dan 0 zijn, niet 0.0.",
        ),
        (
            {"strata": "wijk", "oversample": {("wijk", A): -1.0}},
            f"De factor voor wijk = {A} moet groter dan 0 zijn, niet -1.0.",
        ),
        (
            {"strata": "wijk", "oversample": {("wijk", A): math.nan}},
            f"De factor voor wijk = {A} moet groter dan 0 zijn, niet nan.",
        ),
        (
            {"strata": "postcode", "oversample": {("wijk", A): 2.0}},
            f"De factor voor wijk = {A} kan alleen als u de steekproef verdeelt naar 'wijk'. "
            "Nu verdeelt u naar 'postcode'.",
        ),
        (
            {"oversample": {("wijk", A): 2.0, ("postcode", "3811 AB"): 2.0}},
            "Factoren kunnen maar voor één kolom tegelijk: die waarnaar u de steekproef verdeelt.",
        ),
        (
            {"strata": "wijk", "oversample": {("wijk", "WK999999"): 2.0}},
            "Geen enkele regel heeft wijk = WK999999.",
        ),
        (
            {"strata": "wijk", "population": {A: -0.1, B: 1.1}},
            f"De aandelen in de bevolking mogen niet negatief zijn ({A}: -0.1).",
        ),
        (
            {"strata": "wijk", "population": {"WK999999": 1.0}},
            "U vraagt 3 brieven. In de groepen met een aandeel in de bevolking mogen maar 0 "
            "adressen een brief krijgen.",
        ),
        (
            {"strata": "wijk", "population": {A: 0.0, B: 0.0}},
            "Geen enkele waarde van 'wijk' in het bestand heeft een aandeel in de bevolking.",
        ),
        (
            {"strata": "wijk", "population": {A: 0.5, "WK999999": 0.5}, "size": 4},
            "U vraagt 4 brieven. In de groepen met een aandeel in de bevolking mogen maar 3 "
            "adressen een brief krijgen.",
        ),
        (
            {"population": {A: 1.0}},
            "Bevolkingsaandelen kunnen alleen met een kolom om de steekproef naar te verdelen.",
        ),
    ],
)
def test_refusals_name_the_cause(kwargs: dict[str, object], message: str) -> None:
    file = addresses_in({A: 3, B: 2})
    size = kwargs.pop("size", 3)
    with pytest.raises(LetterError) as refused:
        draw_letters(file, size, seed=1, **kwargs)  # type: ignore[arg-type]
    assert str(refused.value) == message


def test_a_row_without_a_stratum_value_is_refused() -> None:
    file = address_file([(A, ()), ("", ())])
    with pytest.raises(LetterError) as refused:
        draw_letters(file, 1, seed=1, strata="wijk")
    assert refused.value.message("en") == "Line 3 has no value in the column 'wijk'."


def test_synthetic_address_files_follow_the_shares() -> None:
    data = synthetic_address_file({A: 0.75, B: 0.25}, 4000, seed=2)
    file = read_address_file(data, reference_year=None)
    # The reader accepts it: valid postcodes and codes, no address twice, one street per
    # postcode and number.
    assert isinstance(file, AddressFile)
    assert len(file.rows) == 4000
    # Binomial(4000, 0.25) addresses in B: mean 1000, standard deviation 27.4.
    assert 900 <= Counter(row.wijk for row in file.rows)[B] <= 1100
    assert all(row.buurt.startswith(f"BU{row.wijk[2:]}") for row in file.rows)
    assert synthetic_address_file({A: 0.75, B: 0.25}, 4000, seed=2) == data


def test_doctests() -> None:
    assert doctest.testmod(letters).failed == 0
    assert doctest.testmod(codes).failed == 0


# --- the property test ---------------------------------------------------------------------


def water_filling(
    weights: Mapping[str, Fraction], size: int, capacities: Mapping[str, int]
) -> dict[str, Fraction]:
    """Each stratum's exact share of ``size``: ``min(capacity, level × weight)`` with the one
    water level at which they sum to ``size`` (found from the sorted break points)."""
    positive = sorted(
        (v for v in weights if weights[v] > 0 and capacities[v] > 0),
        key=lambda v: Fraction(capacities[v]) / weights[v],
    )
    for k in range(len(positive) + 1):
        full, rest = positive[:k], positive[k:]
        left = size - sum(capacities[v] for v in full)
        if not rest:
            assert left == 0
            level = Fraction(0)
        else:
            level = Fraction(left) / sum(weights[v] for v in rest)
        if all(level * weights[v] < capacities[v] for v in rest):
            shares = {v: Fraction(0) for v in weights}
            shares.update({v: Fraction(capacities[v]) for v in full})
            shares.update({v: level * weights[v] for v in rest})
            return shares
    raise AssertionError("no water level")


def assert_largest_remainder(
    counts: Mapping[str, int], shares: Mapping[str, Fraction], size: int
) -> None:
    assert sum(counts.values()) == size
    whole = {v: math.floor(s) for v, s in shares.items()}
    extra = {v for v in shares if counts[v] == whole[v] + 1}
    assert all(counts[v] in (whole[v], whole[v] + 1) for v in shares), (counts, shares)
    assert all(shares[v] > whole[v] for v in extra)  # only fractions are rounded up
    if extra and len(extra) < len(shares):
        lowest_up = min(shares[v] - whole[v] for v in extra)
        highest_down = max(shares[v] - whole[v] for v in shares if v not in extra)
        assert lowest_up >= highest_down


WIJKEN = ("WK000101", "WK000102", "WK000103", "WK000104")
SINCE = date(2026, 1, 1)


@dataclass(frozen=True)
class Request:
    households: list[tuple[str, list[Person]]]
    exclusions: Exclusions
    strata: str | None
    population: dict[str, float] | None
    oversample: dict[tuple[str, str], float]
    seed: int
    fraction: float


def person_key(number: int, name: str, year: int) -> str:
    """The documented key of a person at ``Laan <number>``, 3811 AB."""
    return f"3811AB|{number}|||{name.replace(' ', '').lower()}|{year}"


@st.composite
def requests(draw: st.DrawFn) -> Request:
    resident = st.tuples(st.sampled_from(["Jansen", "Smit", "de Vries"]), st.integers(1930, 2010))
    households = draw(
        st.lists(
            st.tuples(st.sampled_from(WIJKEN), st.lists(resident, min_size=1, max_size=3)),
            min_size=1,
            max_size=25,
        )
    )
    keys = [f"3811AB|{n}||" for n in range(1, len(households) + 1)]
    keys += [
        person_key(n, name, year)
        for n, (_, residents) in enumerate(households, start=1)
        for name, year in residents
    ]
    opted_out = draw(st.sets(st.sampled_from(keys), max_size=6))
    dates = st.sampled_from([date(2025, 12, 31), SINCE, date(2026, 5, 1)])
    invited = draw(st.dictionaries(st.sampled_from(keys), dates, max_size=6))
    strata = draw(st.sampled_from([None, "wijk"]))
    population = None
    factors: dict[tuple[str, str], float] = {}
    if strata:
        if draw(st.booleans()):
            tenths = draw(st.lists(st.integers(0, 5), min_size=4, max_size=4))
            population = {w: n / 10 for w, n in zip(WIJKEN, tenths, strict=True)}
        present = sorted({w for w, _ in households})
        factors = draw(
            st.dictionaries(
                st.sampled_from(present).map(lambda w: ("wijk", w)),
                st.sampled_from([0.5, 1.5, 3.0]),
                max_size=2,
            )
        )
    return Request(
        households=households,
        exclusions=Exclusions(frozenset(opted_out), invited, SINCE),
        strata=strata,
        population=population,
        oversample=factors,
        seed=draw(st.integers(0, 2**32 - 1)),
        fraction=draw(st.floats(0.01, 1.0)),
    )


def is_excluded(keys: Sequence[str], exclusions: Exclusions) -> bool:
    """The exclusion rule, written out from the request."""
    return any(
        key in exclusions.opted_out
        or (key in exclusions.last_invited and exclusions.last_invited[key] >= SINCE)
        for key in keys
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_property_allocation_seed_households_and_exclusions(request: Request) -> None:
    file = address_file(request.households)
    eligible_lines: set[int] = set()
    eligible_households: dict[int, str] = {}
    line = 2
    for number, (wijk, residents) in enumerate(request.households, start=1):
        for name, year in residents:
            keys = [f"3811AB|{number}||", person_key(number, name, year)]
            if not is_excluded(keys, request.exclusions):
                eligible_lines.add(line)
                eligible_households[number] = wijk
            line += 1

    def draw(size: int) -> LetterSample:
        return draw_letters(
            file,
            size,
            seed=request.seed,
            strata=request.strata,
            population=request.population,
            oversample=request.oversample,
            exclusions=request.exclusions,
        )

    if not eligible_households:
        with pytest.raises(LetterError):
            draw(1)
        return
    size = max(1, round(request.fraction * len(eligible_households)))
    try:
        sample = draw(size)
    except LetterError as refused:
        # Only a population without shares where the file has eligible addresses refuses here.
        assert refused.key in ("no_weight", "population_short")
        assert request.population is not None
        return

    number_of = {row.line: row.house_number for row in file.rows}
    # 1. Never two letters for one address; never an excluded row.
    assert len({number_of[line] for line in sample.selected}) == len(sample.selected) == size
    assert set(sample.selected) <= eligible_lines
    # 2. The same seed gives the same sample.
    assert draw(size) == sample
    # 3. Largest remainder over the water-filled quotas, summing to the size.
    if request.strata:
        in_file = Counter(w for w, residents in request.households for _ in residents)
        if request.population is None:
            base = {w: Fraction(n) for w, n in in_file.items()}
        else:
            base = {w: Fraction(0) for w in in_file}
            base.update({w: Fraction(share) for w, share in request.population.items()})
        factors = {w: Fraction(f) for (_, w), f in request.oversample.items()}
        weights = {w: b * factors.get(w, Fraction(1)) for w, b in base.items()}
        capacities = Counter(eligible_households.values())
        shares = water_filling(weights, size, {w: capacities[w] for w in weights})
        assert_largest_remainder(sample.per_stratum, shares, size)
        drawn = {w: n for w, n in sample.per_stratum.items() if n}
        assert wijk_counts(file, sample.selected) == drawn
