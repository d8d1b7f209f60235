# SPDX-License-Identifier: EUPL-1.2
"""Passende samenwerking: the decision aid that advises how municipality and society work
together on a trajectory (docs/domain.md §2, §3, §5; issue 4).

A *kader* (the municipality's framework: questions and weighted rules, versioned) and a set of
answers keyed by question id give an *advies*: the rung on the participatieladder, the
government's stance, the municipal role, ranked instruments, preconditions, risks, first steps,
an explanation trace of every rule that fired, and a counterfactual (one rung higher or lower).

Pure Python: no Django, no clock, no randomness; the same kader and answers always give the same
advice. The public API::

    kader = load_default_kader()                 # or load_kader(yaml_text) / parse_kader(data)
    kader.questions_for("samenleving")           # the questionnaire for an initiator
    answers = validate_answers(kader, raw)       # InvalidAnswers names each wrong field
    advice = advise(kader, raw, lang="nl")       # validates too
    advice.to_dict()                             # store with kader.version_id and answers
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .answers import validate_answers
    from .engine import advise
    from .kader import (
        MAX_KADER_CHARS,
        default_kader_text,
        load_default_kader,
        load_kader,
        parse_kader,
    )
    from .messages import InvalidAnswers, InvalidInput, InvalidKader, Problem
    from .summary import Level, PlainInstrument, PlainPrecondition, Summary, level, summarise
    from .types import (
        ADVICE_FORMAT,
        ROLES,
        RUNGS,
        STANCES,
        Advice,
        Answers,
        Change,
        Counterfactual,
        FirstStepAdvice,
        InstrumentAdvice,
        Kader,
        Outcome,
        PreconditionAdvice,
        Question,
        RiskAdvice,
        Step,
        Text,
    )


__all__ = [
    "ADVICE_FORMAT",
    "MAX_KADER_CHARS",
    "ROLES",
    "RUNGS",
    "STANCES",
    "Advice",
    "Answers",
    "Change",
    "Counterfactual",
    "FirstStepAdvice",
    "InstrumentAdvice",
    "InvalidAnswers",
    "InvalidInput",
    "InvalidKader",
    "Kader",
    "Level",
    "Outcome",
    "PlainInstrument",
    "PlainPrecondition",
    "PreconditionAdvice",
    "Problem",
    "Question",
    "RiskAdvice",
    "Step",
    "Summary",
    "Text",
    "advise",
    "default_kader_text",
    "load_default_kader",
    "level",
    "load_kader",
    "parse_kader",
    "summarise",
    "validate_answers",
]
_MODULES = ("types", "messages", "answers", "kader", "engine", "summary")


def __getattr__(name: str) -> Any:
    """Load the public names on first use, so that ``samenspel`` (which imports every
    engine's ``cli``) starts fast."""
    if name in __all__:
        for module in _MODULES:
            found = importlib.import_module(f"{__name__}.{module}").__dict__.get(name)
            if found is not None:
                globals()[name] = found
                return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
