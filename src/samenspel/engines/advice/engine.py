# SPDX-License-Identifier: EUPL-1.2
"""The rule engine: kader + answers → advies, with its explanation and counterfactual.

How an advice is made (every step lands in the explanation):

1. Each rule whose conditions all hold *fires*. A missing answer makes no condition hold.
2. The rung score is the ladder's start plus the rung weights of the fired rules; the highest
   rung whose threshold the score reaches is the rung. The same for the stance.
3. Caps (``max_rung``, ``max_stance``) of fired rules then lower the result where needed:
   the hard rules of the documents are caps.
4. The role with the most votes wins (ties go to the first role of ``ROLES``).
5. Instruments are ranked by the weights the fired rules gave them, plus the kader's fit bonus
   when they fit the advised rung; those scoring above zero are recommended.
6. Preconditions are met, unmet or unknown from their question's answer; risks and first steps
   come from the fired rules.

The counterfactual tries every single-answer change (the engine is cheap) and reports the
nearest changes that give one rung higher or lower; ``unknowns`` tries every value of each
unanswered question and reports those that change the headline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .answers import validate_answers
from .messages import message
from .types import (
    ROLES,
    RUNGS,
    STANCES,
    Advice,
    Answers,
    AnswerValue,
    Change,
    Condition,
    Counterfactual,
    FirstStepAdvice,
    InstrumentAdvice,
    Kader,
    Ladder,
    Outcome,
    PreconditionAdvice,
    PreconditionStatus,
    Question,
    RiskAdvice,
    Rule,
    Step,
)


def advise(kader: Kader, answers: Mapping[str, Any], lang: str = "nl") -> Advice:
    """The advice for these answers under this kader, texts in ``lang`` ("nl" or "en").

    ``answers`` is checked first (``InvalidAnswers`` names each wrong field)."""
    normal = validate_answers(kader, answers)
    core = _Core(kader, normal)
    outcome = core.outcome()
    alternatives = _what_if(kader, normal)

    def make(
        question: Question, current: AnswerValue | None, value: AnswerValue, other: Outcome
    ) -> Change:
        return _change(kader, outcome, question, current, value, other, lang)

    index = RUNGS.index(outcome.rung)
    return Advice(
        kader_id=kader.id,
        kader_version=kader.version,
        kader_version_id=kader.version_id,
        lang=lang,
        answers=normal,
        rung=outcome.rung,
        stance=outcome.stance,
        role=outcome.role,
        rung_score=core.rung_score,
        stance_score=core.stance_score,
        role_votes=tuple(core.votes.items()),
        instruments=_instruments(kader, core, lang),
        preconditions=_preconditions(kader, normal, lang),
        risks=_risks(kader, core, lang),
        first_steps=_first_steps(core, lang),
        explanation=_explanation(kader, core, normal, lang),
        unknowns=tuple(make(*a) for a in alternatives if a[1] is None and a[3] != outcome),
        higher=_counterfactual(alternatives, index + 1, True, make),
        lower=_counterfactual(alternatives, index - 1, False, make),
    )


def holds(condition: Condition, answers: Answers) -> bool:
    value = answers.get(condition.question)
    if value is None:
        return False
    if condition.values:
        if isinstance(value, tuple):
            return any(v in condition.values for v in value)
        return value in condition.values
    assert isinstance(value, int) and condition.min is not None and condition.max is not None
    return condition.min <= value <= condition.max


def _level(ladder: Ladder, score: int) -> tuple[int, int | None]:
    """Index of the level the score reaches, and the threshold it reached (None: the lowest)."""
    index, reached = 0, None
    for i, (_, threshold) in enumerate(ladder.thresholds, start=1):
        if score >= threshold:
            index, reached = i, threshold
    return index, reached


@dataclass(frozen=True)
class _Capped:
    free: int
    index: int
    rule: Rule | None


def _cap(free: int, fired: list[Rule], key: str, levels: tuple[str, ...]) -> _Capped:
    index, by = free, None
    for rule in fired:
        cap = getattr(rule.then, key)
        if cap is not None and levels.index(cap) < index:
            index, by = levels.index(cap), rule
    return _Capped(free, index, by)


class _Core:
    """The decision itself, without texts: cheap enough to run for every alternative."""

    def __init__(self, kader: Kader, answers: Answers) -> None:
        self.kader = kader
        self.answers = answers
        self.fired = [r for r in kader.rules if all(holds(c, answers) for c in r.when)]
        self.rung_score = kader.rung.start + sum(r.then.rung for r in self.fired)
        self.stance_score = kader.stance.start + sum(r.then.stance for r in self.fired)
        free_rung, self.rung_reached = _level(kader.rung, self.rung_score)
        free_stance, self.stance_reached = _level(kader.stance, self.stance_score)
        self.rung = _cap(free_rung, self.fired, "max_rung", RUNGS)
        self.stance = _cap(free_stance, self.fired, "max_stance", STANCES)
        self.votes = dict(kader.role_start)
        for rule in self.fired:
            for role, weight in rule.then.role:
                self.votes[role] += weight
        self.role = max(ROLES, key=lambda r: (self.votes[r], -ROLES.index(r)))

    def risk_ids(self) -> tuple[str, ...]:
        raised = {risk for rule in self.fired for risk in rule.then.risks}
        return tuple(r.id for r in self.kader.risks if r.id in raised)

    def outcome(self) -> Outcome:
        return Outcome(
            RUNGS[self.rung.index], STANCES[self.stance.index], self.role, self.risk_ids()
        )


# ---- texts ------------------------------------------------------------------------------------


def show(value: AnswerValue | None, lang: str) -> str:
    """An answer as a reader sees it."""
    if value is None:
        return message(lang, "answer_missing")
    if isinstance(value, tuple):
        return ", ".join(value) if value else "-"
    return str(value)


def _effects_text(kader: Kader, rule: Rule, lang: str) -> str:
    then, parts = rule.then, []
    if then.rung:
        parts.append(message(lang, "does_rung", weight=then.rung))
    if then.stance:
        parts.append(message(lang, "does_stance", weight=then.stance))
    parts += [message(lang, "does_role", role=r, weight=w) for r, w in then.role]
    names = {i.id: i.name.get(lang) for i in kader.instruments}
    parts += [
        message(lang, "does_instrument", instrument=names[i], weight=w) for i, w in then.instruments
    ]
    risks = {r.id: r.text.get(lang) for r in kader.risks}
    parts += [message(lang, "does_risk", risk=risks[r]) for r in then.risks]
    if then.max_rung:
        parts.append(message(lang, "does_max_rung", level=then.max_rung))
    if then.max_stance:
        parts.append(message(lang, "does_max_stance", level=then.max_stance))
    if then.first_step:
        parts.append(message(lang, "does_first_step", text=then.first_step.text.get(lang)))
    return "; ".join(parts)


def _explanation(kader: Kader, core: _Core, answers: Answers, lang: str) -> tuple[Step, ...]:
    steps: list[Step] = []
    for rule in core.fired:
        questions = tuple(c.question for c in rule.when)
        said = message(lang, "and").join(f"{q} = {show(answers[q], lang)}" for q in questions)
        text = message(
            lang,
            "rule_fired",
            rule=rule.id,
            answers=said,
            text=rule.text.get(lang),
            effects=_effects_text(kader, rule, lang),
        )
        steps.append(Step("rule", text, rule.id, questions))
    for kind, ladder, levels, score, reached, capped in (
        ("rung", kader.rung, RUNGS, core.rung_score, core.rung_reached, core.rung),
        ("stance", kader.stance, STANCES, core.stance_score, core.stance_reached, core.stance),
    ):
        reach = "" if reached is None else message(lang, "reach", threshold=reached)
        level = levels[capped.free]
        text = message(
            lang, f"{kind}_result", score=score, start=ladder.start, level=level, reach=reach
        )
        steps.append(Step(kind, text))  # type: ignore[arg-type]
        if capped.rule is not None:
            text = message(
                lang,
                "capped",
                rule=capped.rule.id,
                what=message(lang, f"what_{kind}"),
                level=levels[capped.index],
                was=level,
            )
            questions = tuple(c.question for c in capped.rule.when)
            steps.append(Step("cap", text, capped.rule.id, questions))
    votes = ", ".join(f"{r} {v}" for r, v in core.votes.items())
    steps.append(Step("role", message(lang, "role_result", role=core.role, votes=votes)))
    for item in _preconditions(kader, answers, lang):
        status = message(lang, f"status_{item.status}")
        answer = show(answers.get(item.question), lang)
        text = message(
            lang,
            "precondition",
            text=item.text,
            status=status,
            question=item.question,
            answer=answer,
        )
        questions = (item.question,) if item.status != "unknown" else ()
        steps.append(Step("precondition", text, None, questions))
    return tuple(steps)


# ---- parts of the advice ----------------------------------------------------------------------


def _instruments(kader: Kader, core: _Core, lang: str) -> tuple[InstrumentAdvice, ...]:
    rung = RUNGS[core.rung.index]
    ranked = []
    for position, instrument in enumerate(kader.instruments):
        score, why = 0, []
        for rule in core.fired:
            for iid, weight in rule.then.instruments:
                if iid == instrument.id:
                    score += weight
                    why.append(f"{rule.text.get(lang)} ({weight:+d})")
        if rung in instrument.rungs and kader.instrument_fit_bonus:
            score += kader.instrument_fit_bonus
            why.append(
                message(lang, "instrument_fit", rung=rung, weight=kader.instrument_fit_bonus)
            )
        if score > 0:
            item = InstrumentAdvice(
                instrument.id, instrument.name.get(lang), score, instrument.platform, tuple(why)
            )
            ranked.append((-score, position, item))
    return tuple(item for _, _, item in sorted(ranked, key=lambda t: t[:2]))


def _preconditions(kader: Kader, answers: Answers, lang: str) -> tuple[PreconditionAdvice, ...]:
    result = []
    for pre in kader.preconditions:
        status: PreconditionStatus = (
            "met"
            if holds(pre.met_when, answers)
            else "unmet"
            if holds(pre.unmet_when, answers)
            else "unknown"
        )
        result.append(PreconditionAdvice(pre.id, pre.text.get(lang), pre.met_when.question, status))
    return tuple(result)


def _risks(kader: Kader, core: _Core, lang: str) -> tuple[RiskAdvice, ...]:
    result = []
    for risk in kader.risks:
        rules = [r for r in core.fired if risk.id in r.then.risks]
        if not rules:
            continue
        raised_by: dict[str, AnswerValue] = {}
        for rule in rules:
            for condition in rule.when:
                raised_by[condition.question] = core.answers[condition.question]
        result.append(
            RiskAdvice(
                risk.id, risk.text.get(lang), tuple(raised_by.items()), tuple(r.id for r in rules)
            )
        )
    return tuple(result)


def _first_steps(core: _Core, lang: str) -> tuple[FirstStepAdvice, ...]:
    steps = [
        (
            rule.then.first_step.priority,
            i,
            FirstStepAdvice(
                rule.then.first_step.priority, rule.then.first_step.text.get(lang), rule.id
            ),
        )
        for i, rule in enumerate(core.fired)
        if rule.then.first_step is not None
    ]
    return tuple(step for _, _, step in sorted(steps, key=lambda t: t[:2]))


# ---- what-if ----------------------------------------------------------------------------------


def _alternatives(question: Question, current: AnswerValue | None) -> list[AnswerValue]:
    """Single changes of one answer, nearest first for a scale."""
    if question.type == "multi":
        chosen = current if isinstance(current, tuple) else ()
        return [
            tuple(c for c in question.choices if (c in chosen) != (c == toggle))
            for toggle in question.choices
        ]
    values = [v for v in question.values() if v != current]
    if question.type == "integer" and isinstance(current, int):
        values.sort(key=lambda v: (abs(v - current), v))  # type: ignore[operator]
    return values


def _change(
    kader: Kader,
    base: Outcome,
    question: Question,
    current: AnswerValue | None,
    value: AnswerValue,
    outcome: Outcome,
    lang: str,
) -> Change:
    said = message(lang, "outcome", rung=outcome.rung, stance=outcome.stance, role=outcome.role)
    risks = {r.id: r.text.get(lang) for r in kader.risks}
    for code, ids in (
        ("risk_added", [r for r in outcome.risks if r not in base.risks]),
        ("risk_removed", [r for r in base.risks if r not in outcome.risks]),
    ):
        said += "".join(message(lang, code, risk=risks[r]) for r in ids)
    if current is None:
        text = message(
            lang, "change_unknown", question=question.id, value=show(value, lang), outcome=said
        )
    else:
        text = message(
            lang,
            "change",
            question=question.id,
            value=show(value, lang),
            current=show(current, lang),
            outcome=said,
        )
    return Change(question.id, current, value, outcome, text)


#: One single-answer change: the question, its answer now, the other value, the headline then.
_Alternative = tuple[Question, AnswerValue | None, AnswerValue, Outcome]


def _what_if(kader: Kader, answers: Answers) -> list[_Alternative]:
    """Every single-answer change and the headline it gives."""
    alternatives = []
    for question in kader.questions:
        current = answers.get(question.id)
        for value in _alternatives(question, current):
            outcome = _Core(kader, {**answers, question.id: value}).outcome()
            alternatives.append((question, current, value, outcome))
    return alternatives


def _counterfactual(
    alternatives: list[_Alternative], target: int, up: bool, make: Callable[..., Change]
) -> Counterfactual:
    """The changes that reach at least ``target`` (at most, going down); for a scale only the
    nearest value per question."""
    if not 0 <= target < len(RUNGS):
        return Counterfactual(None, ())
    found: list[Change] = []
    done: set[str] = set()
    for question, current, value, outcome in alternatives:
        index = RUNGS.index(outcome.rung)
        reaches = index >= target if up else index <= target
        if reaches and question.id not in done:
            found.append(make(question, current, value, outcome))
            if isinstance(value, int):
                done.add(question.id)
    return Counterfactual(RUNGS[target], tuple(found))
