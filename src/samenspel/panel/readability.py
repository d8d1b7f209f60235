# SPDX-License-Identifier: EUPL-1.2
"""How easy a Dutch question is to read: Douma's adaptation of the Flesch reading ease.

Douma (1960) fitted Flesch's formula to Dutch, whose words are longer:

    score = 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word)

Higher is easier. Texts at language level B1 score about 60 or more; below that the builder
warns. Syllables are counted as groups of vowels (``aa``, ``ij``, ``oei`` count once), which is
close enough for a warning, not a verdict: the score cannot see unusual words or jargon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Scores below this get a warning: probably harder than B1.
B1_THRESHOLD = 60.0

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’-][A-Za-zÀ-ÿ]+)*")
_VOWELS = re.compile(r"(?:ij|[aeiouyàáâäèéêëìíîïòóôöùúûü])+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]+")


@dataclass(frozen=True)
class Readability:
    score: float
    words: int
    sentences: int
    syllables: int

    @property
    def above_b1(self) -> bool:
        """Probably harder than language level B1."""
        return self.score < B1_THRESHOLD


def syllables(word: str) -> int:
    """Groups of vowels in ``word``, at least one."""
    return max(1, len(_VOWELS.findall(word)))


def douma(text: str) -> Readability:
    """Douma's reading ease of ``text`` (100 for an empty text)."""
    words = _WORD.findall(text)
    if not words:
        return Readability(100.0, 0, 0, 0)
    sentences = max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))
    count = sum(syllables(w) for w in words)
    score = 206.835 - 0.93 * (len(words) / sentences) - 77 * (count / len(words))
    return Readability(round(score, 1), len(words), sentences, count)
