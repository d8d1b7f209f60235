# SPDX-License-Identifier: EUPL-1.2
"""Sentences stored as data and shown in the reader's language (docs/architecture.md,
Language): the timeline and the inbox store a source sentence (English, the msgid) with its
parameters, and render it when it is read."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext, override


def label(lazy) -> dict:
    """A translatable label (a choice's label, a manifest's label) kept as its source text."""
    with override(None):
        return {"msgid": str(lazy)}


def in_languages(**texts: str) -> dict:
    """A text the caller has in each language already (the decision aid's own words)."""
    return texts


def _param(value: Any) -> Any:
    """A stored parameter as the reader sees it: a label to translate ({"msgid": …}), a text
    given in each language ({"nl": …, "en": …}), or a value as it is (a title, a reason)."""
    if isinstance(value, dict):
        if "msgid" in value:
            return gettext(value["msgid"])
        language = "en" if (get_language() or "nl").startswith("en") else "nl"
        return value.get(language, value.get("nl", ""))
    return value


def render(sentence: str, params: dict | None) -> str:
    """The sentence in the active language; ``params`` None: a sentence stored as written."""
    if params is None:
        return sentence
    return gettext(sentence) % {k: _param(v) for k, v in params.items()}
