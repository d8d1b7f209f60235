# SPDX-License-Identifier: EUPL-1.2
"""Reading both CSV formats, refusing bad input, and naming infeasible quotas."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenspel.cli import main
from samenspel.engines.sortition import (
    InfeasibleQuotas,
    InputError,
    Instance,
    Quota,
    compute,
    read_instance,
)
from samenspel.engines.sortition.feasibility import smallest_relaxation
from samenspel.engines.sortition.typespace import build_types

from .conftest import DATA


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_sortition_algorithms_format() -> None:
    folder = DATA / "sortition-algorithms-fixtures"
    pool = read_instance(folder / "candidates.csv", folder / "features.csv", 22)
    assert pool.n == 150 and pool.ids[0] == "p0"
    assert pool.categories == ("Gender", "age_bracket", "edu_level", "geo_bucket")
    assert Quota("Gender", "Female", 11, 12) in pool.quotas


def test_reads_replication_format_with_row_numbers() -> None:
    folder = DATA / "citizensassemblies-replication" / "data" / "example_small_20"
    pool = read_instance(folder / "respondents.csv", folder / "categories.csv", 20)
    assert pool.n == 200 and pool.ids[:3] == ("1", "2", "3")
    assert pool.categories == ("gender", "leaning")


QUOTAS = "feature,value,min,max\ngender,f,1,2\ngender,m,1,2\n"


@pytest.mark.parametrize(
    ("people", "quotas", "k", "message"),
    [
        ("nationbuilder_id,age\na,old\n", QUOTAS, 2, "missing column(s) gender"),
        ("nationbuilder_id,gender\na,f\nb,x\n", QUOTAS, 2, "pool row 2 (id 'b'): gender='x'"),
        ("nationbuilder_id,gender\na,f\na,m\n", QUOTAS, 2, "duplicate id 'a': pool rows 1 and 2"),
        (
            "nationbuilder_id,gender\na,f\nb,m\nc,m\n",
            "feature,value,min,max\ngender,f,2,2\ngender,m,2,2\n",
            3,
            "minimums sum to 4, above the panel size 3",
        ),
        ("nationbuilder_id,gender\na,f\nb,m\n", QUOTAS, 3, "panel size 3 must be between 1"),
        (
            "nationbuilder_id,gender\na,f\nb,m\n",
            "feature,value,min,max\ngender,f,one,2\n",
            2,
            "line 2: min and max must be whole numbers",
        ),
    ],
)
def test_bad_input_is_refused_with_its_row_or_quota(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    people: str,
    quotas: str,
    k: int,
    message: str,
) -> None:
    people_file = write(tmp_path / "people.csv", people)
    quota_file = write(tmp_path / "quotas.csv", quotas)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_instance(people_file, quota_file, k)
    code = main(
        [
            "sortition",
            "select",
            "--people",
            str(people_file),
            "--categories",
            str(quota_file),
            "--size",
            str(k),
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and message in captured.err


def conflicting() -> Instance:
    """Hand-made: all women are young, yet >= 2 women and <= 1 young person are asked for."""
    features = [("f", "young")] * 3 + [("m", "old")] * 3
    return Instance(
        ids=tuple("abcdef"),
        categories=("gender", "age"),
        features=tuple(features),
        quotas=(
            Quota("gender", "f", 2, 4),
            Quota("gender", "m", 0, 4),
            Quota("age", "young", 0, 1),
            Quota("age", "old", 0, 4),
        ),
        k=4,
    )


def test_infeasible_quotas_name_the_conflict_and_smallest_relaxation() -> None:
    pool = conflicting()
    with pytest.raises(InfeasibleQuotas) as caught:
        compute(pool)
    (relaxation,) = caught.value.relaxations
    # Either one woman fewer or one young person more: one person in total, either way.
    assert relaxation.people == 1
    assert relaxation.quota in (pool.quotas[0], pool.quotas[2])
    assert "gender=f" in str(caught.value) or "age=young" in str(caught.value)
    fixed = tuple(
        Quota(q.category, q.value, relaxation.new_min, relaxation.new_max)
        if q == relaxation.quota
        else q
        for q in pool.quotas
    )
    relaxed = Instance(pool.ids, pool.categories, pool.features, fixed, pool.k)
    assert smallest_relaxation(relaxed, build_types(relaxed)) == ()
    assert compute(relaxed).min_probability > 0


def test_households_can_make_quotas_infeasible() -> None:
    pool = conflicting()
    crowded = Instance(
        pool.ids,
        pool.categories,
        pool.features,
        pool.quotas[:2] + (Quota("age", "young", 0, 4), pool.quotas[3]),
        4,
        households=("h",) * 3 + (None,) * 3,
    )
    with pytest.raises(InfeasibleQuotas) as caught:
        compute(crowded)
    assert caught.value.relaxations[0].quota == pool.quotas[0]
