# SPDX-License-Identifier: EUPL-1.2
"""Property tests (hypothesis) for the advice on the default kader (issue 4, done-when)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from samenspel.engines.advice import (
    RUNGS,
    STANCES,
    InvalidKader,
    Question,
    advise,
    load_default_kader,
    parse_kader,
)

KADER = load_default_kader()
#: The same kader after a round trip through storage (canonical JSON, sorted keys).
STORED = parse_kader(KADER.source())
LEADERSHIP = {"klimaat", "veiligheid", "vluchtelingenopvang", "arbeidsparticipatie"}
# Few examples, no deadline and no speed checks: the suite must stay well inside a minute, also
# on a busy CI machine.
FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def value_of(question: Question) -> st.SearchStrategy:
    if question.type == "integer":
        return st.integers(question.min, question.max)
    if question.type == "choice":
        return st.sampled_from(question.choices)
    return st.lists(st.sampled_from(question.choices), unique=True).map(
        lambda chosen: [c for c in question.choices if c in chosen]
    )


def answers_for(kader) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional={q.id: value_of(q) for q in kader.questions})


ANSWERS = answers_for(KADER)


def decision(advice) -> dict:
    """The result itself: what the explanation has to account for."""
    data = advice.to_dict()
    for key in ("answers", "explanation", "unknowns", "counterfactual"):
        del data[key]
    return data


@FAST
@given(ANSWERS)
def test_same_input_gives_the_same_advice(answers):
    first = advise(KADER, answers).to_dict()
    assert advise(load_default_kader(), dict(reversed(answers.items()))).to_dict() == first
    assert advise(STORED, answers).to_dict() == first
    assert json.loads(json.dumps(first)) == first


@FAST
@given(ANSWERS, st.sampled_from([q for q in KADER.questions if q.monotone]), st.data())
def test_raising_a_monotone_answer_never_lowers_the_rung(answers, question, data):
    assert {"draagvlak", "kracht", "zelf_uitvoeren"} <= {
        q.id for q in KADER.questions if q.monotone
    }
    low = data.draw(st.integers(question.min, question.max - 1), label="low")
    high = data.draw(st.integers(low + 1, question.max), label="high")
    before = advise(KADER, {**answers, question.id: low})
    after = advise(KADER, {**answers, question.id: high})
    assert RUNGS.index(after.rung) >= RUNGS.index(before.rung)
    assert STANCES.index(after.stance) >= STANCES.index(before.stance)


@FAST
@given(ANSWERS, st.data())
def test_every_effect_on_the_result_is_in_the_explanation(answers, data):
    advice = advise(KADER, answers)
    steps = advice.explanation
    mentioned = {q for step in steps for q in step.questions}
    fired = {step.rule for step in steps if step.kind == "rule"}
    # every rule whose conditions hold is in the trace, and nothing else
    rules = {rule.id: rule for rule in KADER.rules}
    holding = {
        rule.id
        for rule in KADER.rules
        if all(
            c.question in advice.answers
            and (
                (set(c.values) & set(_as_list(advice.answers[c.question])))
                if c.values
                else c.min <= advice.answers[c.question] <= c.max
            )
            for c in rule.when
        )
    }
    assert fired == holding
    # the traced weights add up to the scores
    assert advice.rung_score == KADER.rung.start + sum(rules[r].then.rung for r in fired)
    assert advice.stance_score == KADER.stance.start + sum(rules[r].then.stance for r in fired)
    # every risk and first step comes from a traced rule
    assert all(set(risk.rules) <= fired for risk in advice.risks)
    assert all(step.rule in fired for step in advice.first_steps)
    # answers the explanation does not mention change nothing when left out
    silent = sorted(set(advice.answers) - mentioned)
    if silent:
        one = data.draw(st.sampled_from(silent))
        without_one = {k: v for k, v in answers.items() if k != one}
        assert decision(advise(KADER, without_one)) == decision(advice)
        without_all = {k: v for k, v in answers.items() if k not in silent}
        assert decision(advise(KADER, without_all)) == decision(advice)


def _as_list(value) -> list:
    return list(value) if isinstance(value, tuple) else [value]


@FAST
@given(ANSWERS, st.sampled_from(sorted(LEADERSHIP)))
def test_leadership_dossiers_never_get_faciliteren_or_loslaten(answers, dossier):
    dossiers = sorted(set(answers.get("dossiers", [])) | {dossier})
    advice = advise(KADER, {**answers, "dossiers": dossiers})
    assert advice.stance not in ("faciliteren", "loslaten")


@FAST
@given(ANSWERS)
def test_without_trust_no_higher_than_adviseren_and_trust_comes_first(answers):
    advice = advise(KADER, {**answers, "vertrouwen_samenleving_overheid": "nee"})
    assert RUNGS.index(advice.rung) <= RUNGS.index("adviseren")
    assert advice.first_steps[0].rule == "geen_vertrouwen"
    assert "vertrouwen" in advice.first_steps[0].text


# ---- any kader that passes validation keeps the monotone promise ------------------------------

CONDITION_QUESTIONS = ("kracht", "draagvlak", "tegengestelde_belangen")
bounds = st.tuples(st.integers(1, 5), st.integers(1, 5)).map(sorted)
random_rule = st.fixed_dictionaries(
    {
        "when": st.dictionaries(
            st.sampled_from(CONDITION_QUESTIONS),
            bounds.map(lambda b: {"min": b[0], "max": b[1]}),
            min_size=1,
            max_size=2,
        ),
        "then": st.fixed_dictionaries(
            {"rung": st.integers(-5, 5)},
            optional={"max_rung": st.sampled_from(RUNGS), "stance": st.integers(-5, 5)},
        ),
    }
)


@FAST
@given(st.lists(random_rule, min_size=1, max_size=6), ANSWERS, st.data())
def test_a_valid_kader_cannot_lower_the_rung_when_a_monotone_answer_rises(rules, answers, data):
    source = KADER.source()
    text = {"nl": "Proefregel.", "en": "Test rule."}
    hard = [
        r for r in source["rules"] if r["id"] in ("geen_vertrouwen", "overheid_blijft_regisseur")
    ]
    source["rules"] = hard + [{"id": f"r{i}", "text": text, **rule} for i, rule in enumerate(rules)]
    try:
        kader = parse_kader(source)
    except InvalidKader:
        assume(False)
    low = data.draw(st.integers(1, 4))
    high = data.draw(st.integers(low + 1, 5))
    for qid in ("kracht", "draagvlak"):
        before = advise(kader, {**answers, qid: low})
        after = advise(kader, {**answers, qid: high})
        assert RUNGS.index(after.rung) >= RUNGS.index(before.rung)
