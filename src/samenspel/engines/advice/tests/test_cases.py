# SPDX-License-Identifier: EUPL-1.2
"""The seed cases (docs/domain.md §9, seeds/) with the advice they should get (issue 4,
done-when)."""

from __future__ import annotations

import json

import pytest

from samenspel.engines.advice import ADVICE_FORMAT, RUNGS, advise, load_default_kader, parse_kader

from .conftest import load_cases

CASES = load_cases()


def test_the_required_seed_cases_are_there():
    names = {case["name"] for case in CASES}
    assert {
        "Slot Zeist",
        "Buurt bestuurt Hedikhuizen",
        "Klimaatadaptatieplan",
        "Bezuinigingsdialoog Zeist",
    } <= names
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_seed_case(case, kader):
    advice = advise(kader, case["answers"])
    expect = case["expect"]
    if "rung" in expect:
        assert advice.rung == expect["rung"]
    if "rung_in" in expect:
        assert advice.rung in expect["rung_in"]
    if "stance" in expect:
        assert advice.stance == expect["stance"]
    if "stance_in" in expect:
        assert advice.stance in expect["stance_in"]
    if "role" in expect:
        assert advice.role == expect["role"]
    risks = [r.id for r in advice.risks]
    assert set(expect.get("risks_include", [])) <= set(risks)
    instruments = [i.id for i in advice.instruments]
    if "first_instrument" in expect:
        assert instruments[0] == expect["first_instrument"]
    assert set(expect.get("instruments_include", [])) <= set(instruments)
    assert not set(expect.get("instruments_exclude", [])) & set(instruments)
    if "first_step_rule" in expect:
        assert advice.first_steps[0].rule == expect["first_step_rule"]
    statuses = {p.id: p.status for p in advice.preconditions}
    for pid, status in expect.get("preconditions", {}).items():
        assert statuses[pid] == status
    if "capped_by" in expect:
        assert any(s.kind == "cap" and s.rule == expect["capped_by"] for s in advice.explanation)


def test_bezuinigingsdialoog_names_the_missing_interests_risk(kader):
    case = next(c for c in CASES if c["name"] == "Bezuinigingsdialoog Zeist")
    risk = next(r for r in advise(kader, case["answers"]).risks if r.id == "ontbrekende_belangen")
    assert risk.text.startswith("Ontbrekende belangen: vul de groep aan")
    assert ("tegengestelde_belangen", 4) in risk.raised_by
    english = next(r for r in advise(kader, case["answers"], lang="en").risks if r.id == risk.id)
    assert english.text.startswith("Missing interests: complete the group")


def test_trust_is_named_first_and_the_counterfactual_points_at_it(kader):
    case = next(c for c in CASES if c["name"] == "Woonvisie zonder vertrouwen")
    advice = advise(kader, case["answers"])
    assert "vertrouwen" in advice.first_steps[0].text.lower()
    higher = advice.higher
    assert higher.rung == "coproduceren"
    assert any(
        c.question == "vertrouwen_samenleving_overheid" and c.value == "ja" for c in higher.changes
    )


def test_counterfactual_changes_reach_the_next_rung(kader):
    for case in CASES:
        advice = advise(kader, case["answers"])
        index = RUNGS.index(advice.rung)
        for counterfactual, up in ((advice.higher, True), (advice.lower, False)):
            for change in counterfactual.changes:
                again = advise(kader, {**case["answers"], change.question: change.value})
                assert again.rung == change.outcome.rung
                assert (
                    (RUNGS.index(again.rung) > index) if up else (RUNGS.index(again.rung) < index)
                )


def test_unknowns_say_what_a_missing_answer_would_change(kader):
    case = next(c for c in CASES if c["name"] == "Slot Zeist")
    advice = advise(kader, case["answers"])
    by_question = {c.question for c in advice.unknowns}
    assert "urgentie" in by_question  # urgentie = ja would lift the rung to meebeslissen
    assert all(c.current is None for c in advice.unknowns)


def test_cases_hold_in_english_too():
    kader = load_default_kader()
    for case in CASES:
        nl = advise(kader, case["answers"], lang="nl")
        en = advise(kader, case["answers"], lang="en")
        assert nl.outcome() == en.outcome()


def test_a_stored_advice_is_reproduced_from_the_stored_kader_and_answers(kader):
    case = next(c for c in CASES if c["name"] == "Slot Zeist")
    stored = json.dumps(
        {"kader": kader.source(), "advice": advise(kader, case["answers"]).to_dict()}
    )
    later = json.loads(stored)
    again = parse_kader(later["kader"])
    assert again.version_id == later["advice"]["kader"]["version_id"]
    redone = advise(again, later["advice"]["answers"], lang=later["advice"]["lang"])
    assert redone.to_dict() == later["advice"]
    assert later["advice"]["format"] == ADVICE_FORMAT
