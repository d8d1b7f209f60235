"""AVG (GDPR) hooks: every app that holds personal data registers how to export and erase it.

``export(user)`` returns JSON-serialisable data (article 15/20); ``erase(user)`` removes or
anonymises the data and returns how many records it touched (article 17).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataHook:
    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], int]


_hooks: dict[str, PersonalDataHook] = {}


def register(hook: PersonalDataHook) -> None:
    _hooks[hook.key] = hook


def hooks() -> list[PersonalDataHook]:
    return [_hooks[key] for key in sorted(_hooks)]
