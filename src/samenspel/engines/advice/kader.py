# SPDX-License-Identifier: EUPL-1.2
"""Loading and validating a kader: from YAML text or a mapping to a frozen ``Kader``.

Validation collects every problem, each naming its place (``rules[3].when.kracht: …``), so an
ambtenaar uploading a kader sees all that is wrong at once. A valid kader is safe to advise with:
every reference resolves, every rule can fire, every weight is in range, every text has nl and en,
and rules on "more is more room" questions (``monotone``) cannot make the advice go down when the
answer goes up.

The work is bounded whatever is uploaded: the text's size, its nesting depth and the length of
each list are limited before anything else is done, YAML aliases are refused (they would let a
small text stand for a huge one), and validation stops after ``MAX_PROBLEMS`` problems.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

from .messages import InvalidKader, Problem
from .types import (
    LANGUAGES,
    ROLES,
    RUNGS,
    STANCES,
    Condition,
    Effects,
    FirstStep,
    Instrument,
    Kader,
    Ladder,
    Precondition,
    Question,
    Risk,
    Rule,
    Text,
)

WEIGHT_MIN = -5
WEIGHT_MAX = 5
QUESTION_TYPES = ("choice", "multi", "integer")
#: Most values an integer question may have: the counterfactual tries each one.
MAX_SCALE = 21
#: Dossiers where government leadership stays necessary (docs/domain.md §2.3).
LEADERSHIP_DOSSIERS = ("klimaat", "veiligheid", "vluchtelingenopvang", "arbeidsparticipatie")
TRUST_QUESTION = "vertrouwen_samenleving_overheid"
#: Most characters of a kader's text (the default kader has about 29,000).
MAX_KADER_CHARS = 256 * 1024
#: Deepest nesting of lists and mappings (the default kader nests 6 deep).
MAX_DEPTH = 16
#: Validation stops after this many problems: fix these first.
MAX_PROBLEMS = 100
#: Most items per list; they also bound the advice's what-if work (questions x values x rules).
MAX_ITEMS = {"questions": 50, "instruments": 50, "risks": 50, "preconditions": 50, "rules": 200}
#: Most names in a list such as a question's choices.
MAX_NAMES = 30
#: Stands in for a text that failed validation, so later references can still be checked.
_NO_TEXT = Text("", "")

T = TypeVar("T")


def load_kader(text: str) -> Kader:
    """Parse and validate a kader from YAML text; raises ``InvalidKader``."""
    import yaml

    if len(text) > MAX_KADER_CHARS:
        raise InvalidKader([Problem("kader", "too_large", {"most": MAX_KADER_CHARS})])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        # The event stream first: it is read without recursion, so a deep nesting is refused
        # before the loader (which recurses, in C) could exhaust the stack.
        _check_shape(yaml.parse(text, Loader=loader))
        data = yaml.load(text, Loader=loader)
    except InvalidKader:
        raise
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # ValueError and OverflowError: a date like 2024-02-30, a 5,000-digit number.
        error = str(exc).replace("\n", " ")
        raise InvalidKader([Problem("kader", "yaml", {"error": error})]) from None
    return parse_kader(data)


def _check_shape(events: Any) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` and aliases, from the YAML events."""
    import yaml

    depth = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            place = {"line": mark.line + 1, "column": mark.column + 1} if mark else {}
            raise InvalidKader([Problem("kader", "alias", place)])
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InvalidKader([Problem("kader", "too_deep", {"most": MAX_DEPTH})])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def default_kader_text() -> str:
    """The YAML of the kader that ships with Samenspel (the starting point to copy)."""
    return resources.files(__package__).joinpath("kaders/default.yaml").read_text("utf-8")


@lru_cache(maxsize=1)
def load_default_kader() -> Kader:
    return load_kader(default_kader_text())


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def parse_kader(data: Any) -> Kader:
    """Validate a kader given as plain data (as loaded from YAML or JSON)."""
    parser = _Parser()
    try:
        kader = parser.kader(data)
    except _TooManyProblems:
        kader = None
    if parser.problems or kader is None:
        raise InvalidKader(parser.problems)
    return kader


def _child(path: str, key: str) -> str:
    """The place of ``key`` inside ``path``; top-level keys go without the "kader." prefix."""
    return key if path == "kader" else f"{path}.{key}"


def _type_name(value: Any) -> str:
    return type(value).__name__


class _TooManyProblems(Exception):
    pass


class _Parser:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.failed: set[str] = set()
        self.questions: dict[str, Question] = {}
        self.instruments: tuple[str, ...] = ()
        self.risks: tuple[str, ...] = ()

    # ---- primitives ---------------------------------------------------------------------------

    def fail(self, path: str, code: str, once: bool = True, **params: Any) -> None:
        """Report a problem; with ``once`` only the first one at a place (a missing field is
        not also of the wrong type)."""
        if once and path in self.failed:
            return
        self.failed.add(path)
        self.problems.append(Problem(path, code, params))
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(Problem("kader", "too_many", {"most": MAX_PROBLEMS}))
            raise _TooManyProblems

    def mapping(
        self,
        value: Any,
        path: str,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        open_keys: bool = False,
    ) -> dict[str, Any] | None:
        """A mapping with these keys; with ``open_keys`` any key (the caller checks them)."""
        if not isinstance(value, Mapping):
            self.fail(path, "type", expected="@t_object", got=_type_name(value))
            return None
        for key in value:
            if not open_keys and key not in required and key not in optional:
                self.fail(_child(path, key), "unknown_key")
        for key in required:
            if key not in value:
                self.fail(_child(path, key), "required")
        return dict(value)

    def string(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str):
            self.fail(path, "type", expected="@t_text", got=_type_name(value))
            return None
        if not value.strip():
            self.fail(path, "empty")
            return None
        return value

    def integer(
        self, value: Any, path: str, low: int | None = None, high: int | None = None
    ) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "type", expected="@t_integer", got=_type_name(value))
            return None
        if low is not None and high is not None and not low <= value <= high:
            self.fail(path, "weight_range", value=value, min=low, max=high)
            return None
        return value

    def weight(self, value: Any, path: str) -> int | None:
        return self.integer(value, path, WEIGHT_MIN, WEIGHT_MAX)

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.fail(path, "type", expected="@t_bool", got=_type_name(value))
            return False
        return value

    def listing(self, value: Any, path: str, most: int) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "type", expected="@t_list", got=_type_name(value))
            return []
        if len(value) > most:
            self.fail(path, "too_long", most=most)
            return []
        return value

    def names(
        self, value: Any, path: str, options: Any, what: str, allow_empty: bool = False
    ) -> tuple[str, ...]:
        """A list of distinct strings, each one of ``options`` when given."""
        items = self.listing(value, path, MAX_NAMES)
        if isinstance(value, list) and not items and not allow_empty:
            self.fail(path, "empty")
        result: dict[str, None] = {}
        for i, item in enumerate(items):
            name = self.string(item, f"{path}[{i}]")
            if name is None:
                continue
            if name in result:
                self.fail(f"{path}[{i}]", "duplicate_value", value=name)
            elif options is not None and name not in options:
                self.ref_problem(f"{path}[{i}]", name, what, options)
            else:
                result[name] = None
        return tuple(result)

    def ref_problem(self, path: str, value: Any, what: str, options: Any) -> None:
        self.fail(path, "unknown_ref", value=value, what=what, options=", ".join(options))

    def ref(self, value: Any, path: str, options: Any, what: str) -> str | None:
        name = self.string(value, path)
        if name is not None and name not in options:
            self.ref_problem(path, name, what, options)
            return None
        return name

    def text(self, value: Any, path: str) -> Text | None:
        if not isinstance(value, Mapping):
            self.fail(path, "type", expected="@t_object", got=_type_name(value))
            return None
        for key in value:
            if key not in LANGUAGES:
                self.fail(f"{path}.{key}", "unknown_key")
        texts = {}
        for lang in LANGUAGES:
            item = value.get(lang)
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{path}.{lang}", "missing_translation", language=lang)
            else:
                texts[lang] = item
        return Text(**texts) if len(texts) == len(LANGUAGES) else None

    def items(
        self, data: dict[str, Any], key: str, parse: Callable[[Any, str], T | None]
    ) -> tuple[T, ...]:
        """Parse the list ``data[key]``, refusing duplicate ids."""
        result: list[T] = []
        seen: set[str] = set()
        for i, raw in enumerate(self.listing(data.get(key, []), key, MAX_ITEMS[key])):
            path = f"{key}[{i}]"
            item = parse(raw, path)
            if item is None:
                continue
            item_id = item.id  # type: ignore[attr-defined]
            if item_id in seen:
                self.fail(f"{path}.id", "duplicate_id", id=item_id)
                continue
            seen.add(item_id)
            result.append(item)
        return tuple(result)

    # ---- the kader ----------------------------------------------------------------------------

    def kader(self, data: Any) -> Kader | None:
        top = self.mapping(
            data,
            "kader",
            ("id", "version", "title", "rung", "stance", "role", "questions", "rules"),
            ("instrument_fit_bonus", "instruments", "risks", "preconditions"),
        )
        if top is None:
            return None
        kader_id = self.string(top.get("id"), "id")
        version = self.integer(top.get("version"), "version")
        title = self.text(top.get("title"), "title")
        rung = self.ladder(top.get("rung"), "rung", RUNGS)
        stance = self.ladder(top.get("stance"), "stance", STANCES)
        role_start = self.role_start(top.get("role"), "role")
        fit_bonus = self.weight(top.get("instrument_fit_bonus", 0), "instrument_fit_bonus")
        questions = self.items(top, "questions", self.question)
        self.questions = {q.id: q for q in questions}
        instruments = self.items(top, "instruments", self.instrument)
        self.instruments = tuple(i.id for i in instruments)
        risks = self.items(top, "risks", self.risk)
        self.risks = tuple(r.id for r in risks)
        preconditions = self.items(top, "preconditions", self.precondition)
        rules = self.items(top, "rules", self.rule)
        self.check_hard_rules(rules)
        if self.problems:
            return None
        assert kader_id and version is not None and title and rung and stance and role_start
        assert fit_bonus is not None
        canonical = canonical_json(data)
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        return Kader(
            id=kader_id,
            version=version,
            title=title,
            questions=questions,
            rules=rules,
            instruments=instruments,
            risks=risks,
            preconditions=preconditions,
            rung=rung,
            stance=stance,
            role_start=role_start,
            instrument_fit_bonus=fit_bonus,
            version_id=f"{kader_id}@{version}:{digest[:12]}",
            canonical=canonical,
        )

    def ladder(self, value: Any, path: str, levels: tuple[str, ...]) -> Ladder | None:
        data = self.mapping(value, path, ("start", "thresholds"))
        if data is None:
            return None
        start = self.integer(data.get("start"), f"{path}.start")
        thresholds = self.mapping(data.get("thresholds"), f"{path}.thresholds", levels[1:])
        if start is None or thresholds is None:
            return None
        result: list[tuple[str, int]] = []
        previous: int | None = None
        for level in levels[1:]:
            if level not in thresholds:
                continue
            where = f"{path}.thresholds.{level}"
            threshold = self.integer(thresholds[level], where)
            if threshold is None:
                continue
            if previous is not None and threshold < previous:
                self.fail(where, "thresholds_order", previous=previous)
            previous = threshold
            result.append((level, threshold))
        return Ladder(start, tuple(result)) if len(result) == len(levels) - 1 else None

    def role_start(self, value: Any, path: str) -> tuple[tuple[str, int], ...] | None:
        data = self.mapping(value, path, ("start",))
        if data is None or "start" not in data:
            return None
        start = self.mapping(data["start"], f"{path}.start", ROLES)
        if start is None:
            return None
        votes = [(role, self.weight(start.get(role), f"{path}.start.{role}")) for role in ROLES]
        return tuple((r, v) for r, v in votes if v is not None) if len(start) == 3 else None

    def question(self, value: Any, path: str) -> Question | None:
        data = self.mapping(
            value,
            path,
            ("id", "type", "text", "applies_to"),
            ("choices", "min", "max", "monotone"),
        )
        if data is None:
            return None
        qid = self.string(data.get("id"), f"{path}.id")
        qtype = self.ref(data.get("type"), f"{path}.type", QUESTION_TYPES, "type")
        text = self.text(data.get("text"), f"{path}.text")
        initiators = self.initiators(data.get("applies_to"), f"{path}.applies_to")
        monotone = self.boolean(data.get("monotone", False), f"{path}.monotone")
        choices: tuple[str, ...] = ()
        low = high = None
        if qtype == "integer":
            if "choices" in data:
                self.fail(f"{path}.choices", "unknown_key")
            low = self.integer(data.get("min"), f"{path}.min")
            high = self.integer(data.get("max"), f"{path}.max")
            if low is not None and high is not None and not 0 < high - low < MAX_SCALE:
                self.fail(f"{path}.max", "scale_size", min=low, max=high, most=MAX_SCALE)
                return None
        elif qtype is not None:
            for key in ("min", "max", "monotone"):
                if key in data:
                    self.fail(f"{path}.{key}", "unknown_key")
            choices = self.names(data.get("choices"), f"{path}.choices", None, "")
        if None in (qid, qtype, initiators) or (qtype == "integer" and None in (low, high)):
            return None
        # A bad text is reported already; keep the question so rules on it are still checked.
        text = text or _NO_TEXT
        return Question(qid, qtype, text, initiators, choices, low, high, monotone)  # type: ignore[arg-type]

    def initiators(self, value: Any, path: str) -> tuple[str, ...] | None:
        # The initiators are the choices of the question `initiator`, which is fixed.
        return self.names(value, path, ("samenleving", "gemeente", "raad"), "initiator") or None

    def instrument(self, value: Any, path: str) -> Instrument | None:
        data = self.mapping(value, path, ("id", "name", "text", "rungs"), ("platform",))
        if data is None:
            return None
        iid = self.string(data.get("id"), f"{path}.id")
        name = self.text(data.get("name"), f"{path}.name")
        text = self.text(data.get("text"), f"{path}.text")
        rungs = self.names(data.get("rungs"), f"{path}.rungs", RUNGS, "trede")
        platform = self.boolean(data.get("platform", False), f"{path}.platform")
        if iid is None or not rungs:
            return None
        return Instrument(iid, name or _NO_TEXT, text or _NO_TEXT, rungs, platform)

    def risk(self, value: Any, path: str) -> Risk | None:
        data = self.mapping(value, path, ("id", "text"))
        if data is None:
            return None
        rid = self.string(data.get("id"), f"{path}.id")
        text = self.text(data.get("text"), f"{path}.text")
        return Risk(rid, text or _NO_TEXT) if rid else None

    def precondition(self, value: Any, path: str) -> Precondition | None:
        data = self.mapping(value, path, ("id", "text", "question", "met", "unmet"))
        if data is None:
            return None
        pid = self.string(data.get("id"), f"{path}.id")
        text = self.text(data.get("text"), f"{path}.text")
        qid = self.ref(data.get("question"), f"{path}.question", self.questions, "vraag")
        if qid is None:
            return None
        met = self.condition(qid, data.get("met"), f"{path}.met")
        unmet = self.condition(qid, data.get("unmet"), f"{path}.unmet")
        if None in (pid, text, met, unmet):
            return None
        return Precondition(pid, text, met, unmet)  # type: ignore[arg-type]

    # ---- rules --------------------------------------------------------------------------------

    def rule(self, value: Any, path: str) -> Rule | None:
        data = self.mapping(value, path, ("id", "text", "when", "then"))
        if data is None:
            return None
        rid = self.string(data.get("id"), f"{path}.id")
        text = self.text(data.get("text"), f"{path}.text")
        when = self.mapping(data.get("when"), f"{path}.when", open_keys=True)
        conditions: list[Condition] = []
        if when is not None:
            if not when:
                self.fail(f"{path}.when", "empty")
            for qid, raw in when.items():
                where = f"{path}.when.{qid}"
                if qid not in self.questions:
                    self.fail(where, "unknown_question", name=qid)
                    continue
                condition = self.condition(qid, raw, where)
                if condition is not None:
                    conditions.append(condition)
        effects = self.effects(data.get("then"), f"{path}.then")
        if None in (rid, text, when, effects) or len(conditions) != len(when or ()):
            return None
        assert effects is not None
        self.check_monotone(conditions, effects, path)
        # Mapping order carries no meaning (the version hash ignores it): keep the kader's order.
        order = list(self.questions)
        conditions.sort(key=lambda c: order.index(c.question))
        return Rule(rid, text, tuple(conditions), effects)  # type: ignore[arg-type]

    def condition(self, qid: str, raw: Any, path: str) -> Condition | None:
        question = self.questions[qid]
        if question.type == "integer":
            return self.range_condition(question, raw, path)
        values = [raw] if isinstance(raw, str) else raw
        if not isinstance(values, list):
            self.fail(path, "type", expected="@t_condition", got=_type_name(raw))
            return None
        if not values:
            self.fail(path, "empty")
            return None
        result: list[str] = []
        for i, item in enumerate(values):
            where = path if isinstance(raw, str) else f"{path}[{i}]"
            if item not in question.choices:
                options = ", ".join(question.choices)
                self.fail(where, "never_choice", value=item, question=qid, options=options)
            else:
                result.append(item)
        return Condition(qid, values=tuple(result)) if len(result) == len(values) else None

    def range_condition(self, question: Question, raw: Any, path: str) -> Condition | None:
        low: int | None
        high: int | None
        if isinstance(raw, int) and not isinstance(raw, bool):
            low = high = raw
        else:
            data = self.mapping(raw, path, optional=("min", "max"))
            if data is None:
                return None
            if not data:
                self.fail(path, "empty")
                return None
            low = self.integer(data["min"], f"{path}.min") if "min" in data else question.min
            high = self.integer(data["max"], f"{path}.max") if "max" in data else question.max
            if low is None or high is None:
                return None
        assert question.min is not None and question.max is not None
        if high < question.min or low > question.max:
            self.fail(path, "never_range", question=question.id, min=question.min, max=question.max)
            return None
        if low > high:
            self.fail(path, "never_min_max", min=low, max=high)
            return None
        # Clamp to the scale: min 1 on a 1-5 scale is "any answer".
        return Condition(question.id, min=max(low, question.min), max=min(high, question.max))

    def effects(self, value: Any, path: str) -> Effects | None:
        keys = ("rung", "stance", "role", "instruments", "risks", "max_rung", "max_stance")
        data = self.mapping(value, path, optional=(*keys, "first_step"))
        if data is None:
            return None
        if not data:
            self.fail(path, "empty")
            return None
        n = len(self.problems)
        rung = self.weight(data.get("rung", 0), f"{path}.rung")
        stance = self.weight(data.get("stance", 0), f"{path}.stance")
        role = self.weights(data.get("role", {}), f"{path}.role", ROLES, "rol")
        instruments = self.weights(
            data.get("instruments", {}), f"{path}.instruments", self.instruments, "instrument"
        )
        risks = self.names(data.get("risks", []), f"{path}.risks", self.risks, "risico", True)
        max_rung = data.get("max_rung")
        if max_rung is not None:
            max_rung = self.ref(max_rung, f"{path}.max_rung", RUNGS, "trede")
        max_stance = data.get("max_stance")
        if max_stance is not None:
            max_stance = self.ref(max_stance, f"{path}.max_stance", STANCES, "houding")
        first_step = None
        if "first_step" in data:
            first_step = self.first_step(data["first_step"], f"{path}.first_step")
        if len(self.problems) > n:
            return None
        return Effects(
            rung=rung or 0,
            stance=stance or 0,
            role=role,
            instruments=instruments,
            risks=risks,
            max_rung=max_rung,
            max_stance=max_stance,
            first_step=first_step,
        )

    def weights(
        self, value: Any, path: str, options: Any, what: str
    ) -> tuple[tuple[str, int], ...]:
        data = self.mapping(value, path, open_keys=True)
        if data is None:
            return ()
        result = []
        for key, raw in data.items():
            if key not in options:
                self.ref_problem(f"{path}.{key}", key, what, options)
                continue
            weight = self.weight(raw, f"{path}.{key}")
            if weight is not None:
                result.append((key, weight))
        return tuple(sorted(result, key=lambda pair: list(options).index(pair[0])))

    def first_step(self, value: Any, path: str) -> FirstStep | None:
        data = self.mapping(value, path, ("priority", "text"))
        if data is None:
            return None
        priority = self.integer(data.get("priority"), f"{path}.priority")
        text = self.text(data.get("text"), f"{path}.text")
        return FirstStep(priority, text) if priority is not None and text else None

    def check_monotone(self, conditions: list[Condition], effects: Effects, path: str) -> None:
        """Refuse a rule through which raising a ``monotone`` answer could lower the advice."""
        for condition in conditions:
            question = self.questions[condition.question]
            if not question.monotone:
                continue
            assert condition.min is not None and condition.max is not None
            upward = condition.max == question.max
            downward = condition.min == question.min
            if upward and downward:
                continue  # any answer: raising it changes nothing
            weights = (effects.rung, effects.stance)
            capped = effects.max_rung is not None or effects.max_stance is not None
            if upward:
                how, what = "@how_up", "@what_negative"
                wrong = min(weights) < 0 or capped
                if capped and min(weights) >= 0:
                    what = "@what_cap"
            elif downward:
                how, what = "@how_down", "@what_positive"
                wrong = max(weights) > 0
            else:
                how, what = "@how_band", "@what_any"
                wrong = any(weights) or capped
            if wrong:
                where = f"{path}.when.{question.id}"
                self.fail(where, "not_monotone", question=question.id, how=how, what=what)

    def check_hard_rules(self, rules: tuple[Rule, ...]) -> None:
        """The rules from the documents that every kader keeps (docs/domain.md §2.3, §3.3):
        government leadership on some dossiers, and trust as the ultimate precondition."""
        dossiers = self.questions.get("dossiers")
        trust = self.questions.get(TRUST_QUESTION)
        for question, choices in ((dossiers, LEADERSHIP_DOSSIERS), (trust, ("nee",))):
            if question is None or not set(choices) <= set(question.choices):
                name = "dossiers" if question is dossiers else TRUST_QUESTION
                options = ", ".join(choices)
                self.fail("questions", "hard_question", False, question=name, choices=options)
        if self.problems:
            return
        limit = STANCES.index("stimuleren")
        missing = [
            dossier
            for dossier in LEADERSHIP_DOSSIERS
            if not any(
                _only(rule, "dossiers", dossier)
                and rule.then.max_stance is not None
                and STANCES.index(rule.then.max_stance) <= limit
                for rule in rules
            )
        ]
        if missing:
            self.fail("rules", "hard_leadership", False, dossiers=", ".join(missing))
        priorities = [r.then.first_step.priority for r in rules if r.then.first_step]
        if not any(
            _only(rule, TRUST_QUESTION, "nee")
            and rule.then.max_rung is not None
            and RUNGS.index(rule.then.max_rung) <= RUNGS.index("adviseren")
            and rule.then.first_step is not None
            and priorities.count(min(priorities)) == 1
            and rule.then.first_step.priority == min(priorities)
            for rule in rules
        ):
            self.fail("rules", "hard_trust", False)


def _only(rule: Rule, question: str, value: str) -> bool:
    """The rule has no other condition than an answer to ``question`` that includes ``value``,
    so it fires whenever that value is given."""
    return all(c.question == question for c in rule.when) and all(
        value in c.values for c in rule.when
    )
