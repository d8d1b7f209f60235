# SPDX-License-Identifier: EUPL-1.2
"""Checking answers against a kader: every key a question, every value of the right kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .messages import InvalidAnswers, Problem
from .types import Answers, AnswerValue, Kader, Question


def validate_answers(kader: Kader, data: Any) -> Answers:
    """Return the answers in normal form (a ``multi`` answer as a tuple in the kader's order;
    ``None`` dropped, since it means "not answered"), or raise ``InvalidAnswers`` naming each
    wrong field as ``answers.<question id>``."""
    if not isinstance(data, Mapping):
        got = type(data).__name__
        raise InvalidAnswers([Problem("answers", "type", {"expected": "@t_object", "got": got})])
    questions = {q.id: q for q in kader.questions}
    problems: list[Problem] = []
    answers: Answers = {}
    for key, value in data.items():
        path = f"answers.{key}"
        question = questions.get(key)
        if question is None:
            problems.append(Problem(path, "unknown_question", {"name": key}))
        elif value is not None:
            normal = _check(question, value, path, problems)
            if normal is not None:
                answers[key] = normal
    if problems:
        raise InvalidAnswers(problems)
    return {q.id: answers[q.id] for q in kader.questions if q.id in answers}


def _check(
    question: Question, value: Any, path: str, problems: list[Problem]
) -> AnswerValue | None:
    def fail(code: str, **params: Any) -> None:
        problems.append(Problem(path, code, params))

    options = ", ".join(question.choices)
    if question.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            fail("type", expected="@t_integer", got=type(value).__name__)
            return None
        assert question.min is not None and question.max is not None
        if not question.min <= value <= question.max:
            fail("out_of_range", value=value, min=question.min, max=question.max)
            return None
        return value
    if question.type == "choice":
        if not isinstance(value, str):
            fail("type", expected="@t_text", got=type(value).__name__)
            return None
        if value not in question.choices:
            fail("unknown_choice", value=value, question=question.id, options=options)
            return None
        return value
    if not isinstance(value, list | tuple):
        fail("type", expected="@t_list", got=type(value).__name__)
        return None
    before = len(problems)
    for i, item in enumerate(value):
        if not isinstance(item, str) or item not in question.choices:
            problems.append(
                Problem(
                    f"{path}[{i}]",
                    "unknown_choice",
                    {"value": item, "question": question.id, "options": options},
                )
            )
        elif item in value[:i]:
            problems.append(Problem(f"{path}[{i}]", "duplicate_value", {"value": item}))
    if len(problems) > before:
        return None
    return tuple(c for c in question.choices if c in value)
