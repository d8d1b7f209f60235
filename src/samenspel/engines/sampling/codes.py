# SPDX-License-Identifier: EUPL-1.2
"""Personal codes for letters: random, easy to type, with a check character, stored as a hash.

Alphabet
    :data:`ALPHABET` has the 32 characters ``23456789ABCDEFGHJKLMNPQRSTUVWXYZ``: the digits
    without 0 and 1 and the capitals without I and O, so no code holds a character that is read
    as another (0/O, 1/I/l). Codes are printed in capitals, in groups of four
    (``XXXX-XXXX-XXXX``); :func:`normalise_code` accepts what people type (lower case, spaces,
    dashes).

Check character (a Damm check over GF(32))
    Each character stands for its index in :data:`ALPHABET`, read as an element of the field
    GF(2⁵) (polynomials over GF(2) modulo the primitive polynomial x⁵ + x² + 1). The operation
    ``a ∘ b = 2·a + b`` (field product and sum; the sum of GF(2⁵) is bitwise XOR, ``2`` is the
    polynomial x) is a totally anti-symmetric quasigroup (Damm 2004, "Total anti-symmetrische
    Quasigruppen", dissertation, Philipps-Universität Marburg; Damm 2007, *Discrete
    Mathematics* 307): for fixed ``a`` or ``b`` it is a bijection, so changing one character
    always changes the result, and ``(c ∘ x) ∘ y = (c ∘ y) ∘ x`` only when ``x = y``, since
    their difference is ``(2 + 1)·(x + y)``, so swapping two different neighbours always changes
    it. The check character ``k`` makes the whole code fold to zero: starting from 0, fold the
    characters with ``∘``, then ``k = 2·r`` for the result ``r``, since ``2·r + k = 0`` in
    characteristic 2. Every single wrong character and every swap of two adjacent different
    characters, the check character included, is caught (tested exhaustively on short codes).

Storage
    Only :func:`hash_code` is stored: HMAC-SHA256 (RFC 2104) of the normalised code under a key
    the caller keeps secret, so a leaked table gives no codes and cannot be searched without
    the key.

Drawing
    :func:`draw_codes` uses :class:`secrets.SystemRandom` unless a generator is passed in (tests
    pass a seeded :class:`random.Random`; production never does). With 11 random characters a
    code has 55 bits of chance: guessing one of 100,000 valid codes takes about 3.6 · 10¹¹
    tries on average, which the rate limit of the code page makes impossible.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import secrets
from collections.abc import Container

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
#: Random characters in a code; one check character follows.
RANDOM_LENGTH = 11
CODE_LENGTH = RANDOM_LENGTH + 1
#: The most codes :func:`draw_codes` draws in one call.
MAX_CODES = 1_000_000

_INDEX = {character: index for index, character in enumerate(ALPHABET)}
_MODULUS = 0b100101  # x^5 + x^2 + 1
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")


def _double(value: int) -> int:
    """``2·value`` in GF(32): shift left, reduce by the modulus when x⁵ appears."""
    value <<= 1
    return value ^ _MODULUS if value & 0b100000 else value


def _fold(characters: str) -> int:
    """Fold ``characters`` with ``a ∘ b = 2·a + b`` from 0."""
    result = 0
    for character in characters:
        result = _double(result) ^ _INDEX[character]
    return result


def check_character(body: str) -> str:
    """The character that completes ``body`` (characters of :data:`ALPHABET`) to a valid code.

    >>> check_character("22"), check_character("3"), check_character("33")
    ('2', '4', '8')
    """
    return ALPHABET[_double(_fold(body))]


def is_valid(code: str, length: int = CODE_LENGTH) -> bool:
    """Whether ``code`` (normalised) has ``length`` characters of the alphabet and a correct
    check character."""
    return len(code) == length and all(c in _INDEX for c in code) and _fold(code) == 0


def normalise_code(text: str) -> str:
    """What someone typed, as a code is written: capitals, no spaces or dashes. Characters
    outside the alphabet are kept (:func:`is_valid` then says no)."""
    return _SEPARATORS.sub("", text).upper()


def format_code(code: str, group: int = 4) -> str:
    """A code as printed: groups of ``group`` characters joined by dashes."""
    return "-".join(code[i : i + group] for i in range(0, len(code), group))


def hash_code(code: str, key: bytes) -> str:
    """The stored form of ``code``: HMAC-SHA256 under ``key`` of the normalised code, in hex."""
    if len(key) < 16:
        raise ValueError("the key for code hashes needs at least 16 bytes")
    return hmac.new(key, normalise_code(code).encode("ascii"), hashlib.sha256).hexdigest()


def draw_codes(
    count: int,
    *,
    source: random.Random | None = None,
    taken: Container[str] = frozenset(),
    random_length: int = RANDOM_LENGTH,
) -> tuple[str, ...]:
    """``count`` distinct codes, none in ``taken``, each ``random_length`` random characters and
    a check character. ``source`` defaults to :class:`secrets.SystemRandom` (the only source
    for real letters); a seeded :class:`random.Random` makes tests reproducible."""
    if not 0 <= count <= MAX_CODES:
        raise ValueError(f"draw between 0 and {MAX_CODES:,} codes at a time, not {count}")
    if random_length < 8:
        raise ValueError(f"a code needs at least 8 random characters, not {random_length}")
    generator = source if source is not None else secrets.SystemRandom()
    codes: dict[str, None] = {}
    while len(codes) < count:
        body = "".join(generator.choice(ALPHABET) for _ in range(random_length))
        code = body + check_character(body)
        if code not in taken:
            codes[code] = None
    return tuple(codes)
