# SPDX-License-Identifier: EUPL-1.2
"""Typed settings of an instrument use: a dataclass, stored as JSON and read back as it.

Each field of a settings dataclass is a ``bool``, ``int``, ``str``, ``datetime.date`` or a
Django ``Choices`` enum, optionally ``| None``, declared with ``manifest.setting`` (label, help
text, limits). Reading is forgiving: keys the dataclass no longer has are dropped, missing keys
and stored values that no longer fit take the field's default, so a stored use survives a new
version of its instrument. Writing is strict: ``dump`` refuses a value outside its limits.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import logging
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.db.models import Choices

logger = logging.getLogger(__name__)


class SettingsError(ValueError):
    """Settings that break their dataclass's types or limits; ``problems`` maps field → text."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


@dataclass(frozen=True)
class SettingField:
    name: str
    kind: str  # "bool", "int", "str", "date" or "enum"
    optional: bool
    default: Any
    label: Any
    help_text: Any
    min_value: int | None
    max_value: int | None
    max_length: int
    choices: tuple[tuple[str, Any], ...]
    enum: type[Choices] | None = None


def is_settings_class(value: Any) -> bool:
    return isinstance(value, type) and dataclasses.is_dataclass(value)


_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "bool"),  # before int: a bool is an int in Python
    (int, "int"),
    (str, "str"),
    (datetime.date, "date"),
)


def _kind(annotation: Any) -> tuple[str, type[Choices] | None]:
    if isinstance(annotation, type):
        if issubclass(annotation, datetime.datetime):
            raise TypeError("use datetime.date; a moment in time is not a setting")
        if issubclass(annotation, Enum):
            if not issubclass(annotation, Choices):
                raise TypeError(f"{annotation.__name__} must be a Django Choices (for its labels)")
            return "enum", annotation
        for python_type, kind in _KINDS:
            if issubclass(annotation, python_type):
                return kind, None
    raise TypeError(f"unsupported type {annotation!r}")


@functools.cache
def fields_of(cls: type) -> tuple[SettingField, ...]:
    """The settings of a dataclass, with their kind and limits; raises TypeError when a field
    has a type, default or label the contract does not allow."""
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        annotation = hints[f.name]
        optional = False
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(rest) != 1:
                raise TypeError(f"{f.name}: only 'X | None' unions are supported")
            annotation, optional = rest[0], True
        try:
            kind, enum = _kind(annotation)
        except TypeError as exc:
            raise TypeError(f"{f.name}: {exc}") from None
        if f.default is dataclasses.MISSING:
            raise TypeError(f"{f.name}: needs a default")
        if not f.metadata.get("label"):
            raise TypeError(f"{f.name}: needs a label (declare it with setting())")
        meta = f.metadata
        field = SettingField(
            name=f.name,
            kind=kind,
            optional=optional,
            default=f.default,
            label=meta["label"],
            help_text=meta.get("help_text", ""),
            min_value=meta.get("min_value"),
            max_value=meta.get("max_value"),
            max_length=meta.get("max_length", 200),
            choices=tuple(meta.get("choices", ())),
            enum=enum,
        )
        try:
            check(field, field.default)
        except ValueError as exc:
            raise TypeError(f"{f.name}: the default {exc}") from None
        result.append(field)
    return tuple(result)


def check(field: SettingField, value: Any) -> Any:
    """The value as the field's type (from its JSON form too); ValueError if it does not fit."""
    if value is None:
        if field.optional:
            return None
        raise ValueError("a value is required")
    if field.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if field.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        if field.min_value is not None and value < field.min_value:
            raise ValueError(f"must be at least {field.min_value}")
        if field.max_value is not None and value > field.max_value:
            raise ValueError(f"must be at most {field.max_value}")
        return value
    if field.kind == "str":
        if not isinstance(value, str):
            raise ValueError("must be text")
        if len(value) > field.max_length:
            raise ValueError(f"must be at most {field.max_length} characters")
        if field.choices and value not in {c for c, _label in field.choices}:
            raise ValueError("must be one of the choices")
        return value
    if field.kind == "date":
        if isinstance(value, str):
            return datetime.date.fromisoformat(value)
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            raise ValueError("must be a date")
        return value
    assert field.enum is not None
    return field.enum(value)


def read(cls: type, stored: Mapping[str, Any] | None) -> Any:
    """The stored settings as the dataclass; old keys are dropped, missing or no longer valid
    values take their default."""
    stored = stored or {}
    values = {}
    for field in fields_of(cls):
        if field.name not in stored:
            continue
        try:
            values[field.name] = check(field, stored[field.name])
        except ValueError:
            logger.warning(
                "Stored setting %s.%s=%r no longer fits; using the default.",
                cls.__name__,
                field.name,
                stored[field.name],
            )
    return cls(**values)


def dump(settings: Any) -> dict[str, Any]:
    """The settings as JSON-ready data; raises SettingsError naming every value that breaks
    its type or limits."""
    data, problems = {}, {}
    for field in fields_of(settings.__class__):
        value = getattr(settings, field.name)
        try:
            value = check(field, value)
        except ValueError as exc:
            problems[field.name] = str(exc)
            continue
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, Enum):
            value = value.value
        data[field.name] = value
    if problems:
        raise SettingsError(problems)
    return data
