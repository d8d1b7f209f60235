# SPDX-License-Identifier: EUPL-1.2
"""Plain, frozen data for the decision aid: the kader (input) and the advies (output)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: Participatieladder, low to high (docs/domain.md §2.1).
RUNGS: tuple[str, ...] = ("informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen")
#: Overheidsparticipatietrap, ordered by room for society: reguleren gives least
#: (docs/domain.md §2.2).
STANCES: tuple[str, ...] = ("reguleren", "regisseren", "stimuleren", "faciliteren", "loslaten")
#: The three municipal roles (docs/domain.md §2.3).
ROLES: tuple[str, ...] = ("traditioneel", "ondersteunend", "samenwerking")
LANGUAGES: tuple[str, ...] = ("nl", "en")

QuestionType = Literal["choice", "multi", "integer"]
AnswerValue = str | int | tuple[str, ...]
Answers = dict[str, AnswerValue]
PreconditionStatus = Literal["met", "unmet", "unknown"]


@dataclass(frozen=True)
class Text:
    """A text in every supported language."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    text: Text
    #: Initiators for which the questionnaire shows this question by default.
    applies_to: tuple[str, ...]
    #: Allowed values for ``choice`` and ``multi``.
    choices: tuple[str, ...] = ()
    #: Inclusive range for ``integer``.
    min: int | None = None
    max: int | None = None
    #: "More is more room for society": raising the answer may never lower the rung or stance.
    monotone: bool = False

    def values(self) -> tuple[AnswerValue, ...]:
        """Every single value the question can take (``multi``: each choice alone)."""
        if self.type == "integer":
            assert self.min is not None and self.max is not None
            return tuple(range(self.min, self.max + 1))
        return self.choices


@dataclass(frozen=True)
class Condition:
    """Holds when the answer to ``question`` is one of ``values`` (for ``multi``: contains one
    of them), or, for an integer question, lies within ``min``..``max`` (inclusive)."""

    question: str
    values: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class FirstStep:
    priority: int
    text: Text


@dataclass(frozen=True)
class Effects:
    rung: int = 0
    stance: int = 0
    role: tuple[tuple[str, int], ...] = ()
    instruments: tuple[tuple[str, int], ...] = ()
    risks: tuple[str, ...] = ()
    max_rung: str | None = None
    max_stance: str | None = None
    first_step: FirstStep | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    text: Text
    when: tuple[Condition, ...]
    then: Effects


@dataclass(frozen=True)
class Instrument:
    id: str
    name: Text
    text: Text
    #: Rungs the instrument fits; the fit bonus is added when the advised rung is one of them.
    rungs: tuple[str, ...]
    #: Offered (or planned) by Samenspel itself; ``id`` is then the key of the instrument in the
    #: platform, which offers to attach it to the trajectory once the instrument exists there.
    platform: bool = False


@dataclass(frozen=True)
class Risk:
    id: str
    text: Text


@dataclass(frozen=True)
class Precondition:
    id: str
    text: Text
    met_when: Condition
    unmet_when: Condition


@dataclass(frozen=True)
class Ladder:
    """Turns a score into a level: the highest level whose threshold the score reaches."""

    start: int
    #: Threshold for each level after the lowest, in level order.
    thresholds: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Kader:
    """A municipality's framework: questions and rules, versioned."""

    id: str
    version: int
    title: Text
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    instruments: tuple[Instrument, ...]
    risks: tuple[Risk, ...]
    preconditions: tuple[Precondition, ...]
    rung: Ladder
    stance: Ladder
    role_start: tuple[tuple[str, int], ...]
    instrument_fit_bonus: int
    #: Content hash plus version: ``<id>@<version>:<sha256 prefix>``.
    version_id: str
    #: The kader as canonical JSON (sorted keys): what the version hash is taken of.
    canonical: str = field(repr=False, compare=False, hash=False)

    def questions_for(self, initiator: str | None) -> tuple[Question, ...]:
        """The questions the questionnaire shows by default for this initiator (all when
        the initiator is not known yet)."""
        if initiator is None:
            return self.questions
        return tuple(q for q in self.questions if initiator in q.applies_to)

    def source(self) -> dict[str, Any]:
        """A fresh copy of the kader as plain data: store it, edit it, or give it back to
        ``parse_kader``."""
        data: dict[str, Any] = json.loads(self.canonical)
        return data


# ---- the advies -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentAdvice:
    id: str
    name: str
    score: int
    platform: bool
    why: tuple[str, ...]


@dataclass(frozen=True)
class PreconditionAdvice:
    id: str
    text: str
    question: str
    status: PreconditionStatus


@dataclass(frozen=True)
class RiskAdvice:
    id: str
    text: str
    #: The answers that raise the risk, as (question id, answer) pairs.
    raised_by: tuple[tuple[str, AnswerValue], ...]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class FirstStepAdvice:
    priority: int
    text: str
    rule: str


@dataclass(frozen=True)
class Step:
    """One line of the explanation trace."""

    kind: Literal["rule", "rung", "stance", "role", "cap", "precondition"]
    text: str
    rule: str | None = None
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The headline of an advice, used to compare alternatives."""

    rung: str
    stance: str
    role: str
    risks: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One answer set differently, and what the advice would then be."""

    question: str
    current: AnswerValue | None
    value: AnswerValue
    outcome: Outcome
    text: str


@dataclass(frozen=True)
class Counterfactual:
    #: The rung one step up (or down), or None when there is none.
    rung: str | None
    #: Single-answer changes that reach at least that rung; empty if none does.
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Advice:
    kader_id: str
    kader_version: int
    kader_version_id: str
    lang: str
    answers: Answers
    rung: str
    stance: str
    role: str
    rung_score: int
    stance_score: int
    role_votes: tuple[tuple[str, int], ...]
    instruments: tuple[InstrumentAdvice, ...]
    preconditions: tuple[PreconditionAdvice, ...]
    risks: tuple[RiskAdvice, ...]
    first_steps: tuple[FirstStepAdvice, ...]
    explanation: tuple[Step, ...]
    #: Unanswered questions whose answer would change the headline.
    unknowns: tuple[Change, ...]
    higher: Counterfactual
    lower: Counterfactual

    def outcome(self) -> Outcome:
        return Outcome(self.rung, self.stance, self.role, tuple(r.id for r in self.risks))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and stable: store it with the trajectory; ``advise`` with the same kader
        version and ``answers`` gives it again."""
        return {
            "format": ADVICE_FORMAT,
            "kader": {
                "id": self.kader_id,
                "version": self.kader_version,
                "version_id": self.kader_version_id,
            },
            "lang": self.lang,
            "answers": _plain(self.answers),
            "rung": self.rung,
            "stance": self.stance,
            "role": self.role,
            "scores": {
                "rung": self.rung_score,
                "stance": self.stance_score,
                "role": dict(self.role_votes),
            },
            "instruments": _plain([asdict(i) for i in self.instruments]),
            "preconditions": [asdict(p) for p in self.preconditions],
            "risks": [
                {
                    "id": r.id,
                    "text": r.text,
                    "raised_by": [{"question": q, "answer": _plain(a)} for q, a in r.raised_by],
                    "rules": list(r.rules),
                }
                for r in self.risks
            ],
            "first_steps": [asdict(s) for s in self.first_steps],
            "explanation": _plain([asdict(s) for s in self.explanation]),
            "unknowns": _plain([asdict(c) for c in self.unknowns]),
            "counterfactual": {
                "higher": _plain(asdict(self.higher)),
                "lower": _plain(asdict(self.lower)),
            },
        }


ADVICE_FORMAT = "samenspel-advies/1"


def _plain(value: Any) -> Any:
    """Tuples to lists, all the way down, so the dict equals its JSON round trip."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
