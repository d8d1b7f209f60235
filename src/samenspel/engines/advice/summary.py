# SPDX-License-Identifier: EUPL-1.2
"""The advice in plain words, for the people it is for (issue 13, item 5).

``summarise`` turns an advice into what a reader needs: the rung on the ladder and the
government's stance with a one-line meaning, three to five instruments with one reason each,
the risks, the preconditions, and at most three lines on what would change the advice. Those
lines only use the kader's own sentences (the texts of its rules and questions) and consider
only the questions the questionnaire asked, so no id, option value or number of the kader
reaches the reader. The full rule trace stays in ``Advice.explanation`` for the administrator.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import holds
from .messages import message
from .types import (
    RUNGS,
    STANCES,
    Advice,
    Answers,
    AnswerValue,
    Change,
    Kader,
    PreconditionStatus,
    Question,
    Rule,
)

#: Recommended instruments shown: at most this many, and at least ``FEWEST`` when there are.
MOST_INSTRUMENTS = 5
FEWEST_INSTRUMENTS = 3
#: Lines on what would change the advice.
MOST_CHANGES = 3
#: Questions the questionnaire never offers as a lever: who takes the initiative decides which
#: questions are asked at all.
NOT_A_LEVER = ("initiator",)


@dataclass(frozen=True)
class Level:
    """One step of the ladder or the stance scale, as a reader sees it."""

    id: str
    label: str
    meaning: str


@dataclass(frozen=True)
class PlainInstrument:
    id: str
    name: str
    description: str
    reason: str
    platform: bool


@dataclass(frozen=True)
class PlainPrecondition:
    text: str
    status: PreconditionStatus


@dataclass(frozen=True)
class Summary:
    rung: Level
    #: Every rung, lowest first, for drawing the ladder.
    ladder: tuple[Level, ...]
    stance: Level
    stances: tuple[Level, ...]
    instruments: tuple[PlainInstrument, ...]
    risks: tuple[str, ...]
    preconditions: tuple[PlainPrecondition, ...]
    changes: tuple[str, ...]

    @property
    def rung_number(self) -> int:
        return RUNGS.index(self.rung.id) + 1


def level(kind: str, value: str, lang: str) -> Level:
    """A rung (``kind`` "rung") or stance (``kind`` "stance") with its label and meaning."""
    return Level(value, message(lang, f"{kind}_{value}"), message(lang, f"{kind}_{value}_meaning"))


def summarise(kader: Kader, advice: Advice) -> Summary:
    """The advice in plain words, in the advice's own language."""
    lang = advice.lang
    return Summary(
        rung=level("rung", advice.rung, lang),
        ladder=tuple(level("rung", r, lang) for r in RUNGS),
        stance=level("stance", advice.stance, lang),
        stances=tuple(level("stance", s, lang) for s in STANCES),
        instruments=_instruments(kader, advice),
        risks=tuple(r.text for r in advice.risks),
        preconditions=tuple(PlainPrecondition(p.text, p.status) for p in advice.preconditions),
        changes=_changes(kader, advice),
    )


def _instruments(kader: Kader, advice: Advice) -> tuple[PlainInstrument, ...]:
    lang = advice.lang
    fired = _fired(kader, advice.answers)
    by_id = {i.id: i for i in kader.instruments}
    result = []
    for item in advice.instruments[:MOST_INSTRUMENTS]:
        weights = [
            (weight, rule)
            for rule in fired
            for iid, weight in rule.then.instruments
            if iid == item.id
        ]
        best = max(weights, key=lambda t: t[0], default=None)
        reason = (
            best[1].text.get(lang)
            if best is not None and best[0] > 0
            else message(lang, "fits_rung", rung=message(lang, f"rung_{advice.rung}"))
        )
        instrument = by_id[item.id]
        result.append(
            PlainInstrument(item.id, item.name, instrument.text.get(lang), reason, item.platform)
        )
    return tuple(result)


# ---- what would change the advice -------------------------------------------------------------


def _fired(kader: Kader, answers: Answers) -> list[Rule]:
    return [r for r in kader.rules if all(holds(c, answers) for c in r.when)]


@dataclass(frozen=True)
class _Lever:
    #: The kader's sentence that would then hold (or no longer hold).
    rule: Rule
    holds: bool


def _lever(
    kader: Kader, answers: Answers, question: Question, value: AnswerValue, towards: int
) -> _Lever | None:
    """What one changed answer does, told by the rule that makes the difference: the rule that
    would then apply and moves the rung most towards ``towards`` (+1 up, -1 down, 0 any), or
    else the rule that would stop applying."""
    changed = {**answers, question.id: value}
    before = {r.id for r in _fired(kader, answers)}
    after = _fired(kader, changed)
    after_ids = {r.id for r in after}
    new = [r for r in after if r.id not in before and r.then.rung * towards >= 0]
    gone = [r for r in kader.rules if r.id in before and r.id not in after_ids]
    if new:
        rule = max(new, key=lambda r: (r.then.rung * towards, r.then.max_rung is not None))
        return _Lever(rule, True)
    if gone:
        rule = max(gone, key=lambda r: -r.then.rung * towards)
        return _Lever(rule, False)
    return None


def _asked(kader: Kader, answers: Answers) -> tuple[Question, ...]:
    initiator = answers.get("initiator")
    asked = kader.questions_for(initiator if isinstance(initiator, str) else None)
    return tuple(q for q in asked if q.id not in NOT_A_LEVER)


def _changes(kader: Kader, advice: Advice) -> tuple[str, ...]:
    """At most three plain lines: one rung higher, one rung lower, and an unanswered question
    whose answer matters, each about a different question."""
    lang, answers = advice.lang, advice.answers
    asked = {q.id: q for q in _asked(kader, answers)}
    used: set[str] = set()
    lines: list[str] = []
    for changes, towards, code in (
        (advice.higher.changes, 1, "plain_higher"),
        (advice.lower.changes, -1, "plain_lower"),
    ):
        # Answered questions first: a different answer there is a real choice.
        ordered = sorted(
            (c for c in changes if c.question in asked),
            key=lambda c: c.current is None,
        )
        for change in ordered:
            if change.question in used:
                continue
            lever = _lever(kader, answers, asked[change.question], change.value, towards)
            if lever is None:
                continue
            lines.append(_line(code, change, lever, lang))
            used.add(change.question)
            break
    for change in advice.unknowns:
        if change.question in used or change.question not in asked:
            continue
        lever = _lever(kader, answers, asked[change.question], change.value, 0)
        if lever is None or not lever.holds:
            continue
        what = _what(change, advice)
        if what is None:
            continue
        lines.append(
            message(
                lang,
                "plain_unknown",
                question=asked[change.question].text.get(lang),
                rule=lever.rule.text.get(lang),
                what=what,
            )
        )
        break
    return tuple(lines[:MOST_CHANGES])


def _what(change: Change, advice: Advice) -> str | None:
    """What an answer would change in the headline the reader sees (not the role alone)."""
    lang, then = advice.lang, change.outcome
    if then.rung != advice.rung:
        return message(lang, "plain_becomes_rung", rung=message(lang, f"rung_{then.rung}"))
    if then.stance != advice.stance:
        stance = message(lang, f"stance_{then.stance}")
        return message(lang, "plain_becomes_stance", stance=stance)
    if set(then.risks) - {r.id for r in advice.risks}:
        return message(lang, "plain_becomes_risk")
    return None


def _line(code: str, change: Change, lever: _Lever, lang: str) -> str:
    condition = "plain_if_holds" if lever.holds else "plain_if_not_holds"
    return message(
        lang,
        code,
        rung=message(lang, f"rung_{change.outcome.rung}"),
        condition=message(lang, condition, rule=lever.rule.text.get(lang)),
    )
