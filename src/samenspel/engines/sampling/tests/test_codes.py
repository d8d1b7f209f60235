# SPDX-License-Identifier: EUPL-1.2
"""Personal codes: the alphabet, the check character (exhaustively), normalising, hashing."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import random

import pytest

from samenspel.engines.sampling import codes as c
from samenspel.engines.sampling.codes import ALPHABET, CODE_LENGTH

KEY = b"a test key of 32 bytes, not real"


def test_alphabet_has_no_look_alikes() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set(ALPHABET) & set("0O1Il")
    assert ALPHABET.isupper() and ALPHABET.isalnum()


def test_check_characters_worked_by_hand() -> None:
    # Values: '2' = 0, '3' = 1, '4' = 2, '8' = 6, 'A' = 8, 'J' = 16, 'V' = 27, 'Z' = 31.
    # "22": fold 0 -> 0 -> 0; check 2*0 = 0 = '2'.
    # "3": fold 2*0 + 1 = 1; check 2*1 = 2 = '4'.  "33": 2*1 + 1 = 3; check 2*3 = 6 = '8'.
    # "A": fold 8; check 2*8 = 16 = 'J'.
    # "Z": fold 31; 2*31 = 0b111110 has x^5, so subtract x^5 + x^2 + 1 = 0b100101: 0b011011 = 27
    # = 'V'.
    assert [c.check_character(body) for body in ("22", "3", "33", "A", "Z")] == [
        "2",
        "4",
        "8",
        "J",
        "V",
    ]
    assert all(c.is_valid(code, 2) for code in ("34", "AJ", "ZV"))
    assert c.is_valid("228", 3) is False


def test_every_single_wrong_character_is_caught() -> None:
    # All 1,024 codes of two random characters and a check character; every position, every
    # other character.
    for body in itertools.product(ALPHABET, repeat=2):
        code = "".join(body) + c.check_character("".join(body))
        assert c.is_valid(code, 3)
        for position, wrong in itertools.product(range(3), ALPHABET):
            if wrong != code[position]:
                typo = code[:position] + wrong + code[position + 1 :]
                assert not c.is_valid(typo, 3), (code, typo)


def test_every_swap_of_neighbours_is_caught() -> None:
    # All 32,768 codes of three random characters and a check character, each pair of
    # neighbours (the check character included) swapped when they differ.
    for body in itertools.product(ALPHABET, repeat=3):
        code = "".join(body) + c.check_character("".join(body))
        for i in range(3):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                assert not c.is_valid(swapped, 4), (code, swapped)


def test_full_length_codes_catch_typos_and_swaps() -> None:
    for code in c.draw_codes(100, source=random.Random(12)):
        assert len(code) == CODE_LENGTH and c.is_valid(code)
        for position in range(CODE_LENGTH):
            for wrong in ALPHABET.replace(code[position], ""):
                assert not c.is_valid(code[:position] + wrong + code[position + 1 :])
            if position + 1 < CODE_LENGTH and code[position] != code[position + 1]:
                swapped = (
                    code[:position] + code[position + 1] + code[position] + code[position + 2 :]
                )
                assert not c.is_valid(swapped)


def test_what_people_type_is_normalised() -> None:
    assert c.normalise_code(" abcd-efgh jkmn ") == "ABCDEFGHJKMN"
    assert c.normalise_code("abcd–efgh—jkmn") == "ABCDEFGHJKMN"  # en and em dashes
    assert c.normalise_code("ab.cd_ef\tgh") == "ABCDEFGH"
    code = c.draw_codes(1, source=random.Random(3))[0]
    typed = c.format_code(code).lower().replace("-", " ")
    assert c.is_valid(c.normalise_code(typed))
    # Look-alikes stay what they are and are refused.
    assert not c.is_valid(c.normalise_code("0" + code[1:]))
    assert not c.is_valid(c.normalise_code("I" + code[1:]))
    assert not c.is_valid(code[:-1])


def test_format_code() -> None:
    assert c.format_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    assert c.format_code("ABCDEF", group=3) == "ABC-DEF"


def test_hash_is_hmac_sha256_of_the_normalised_code() -> None:
    code = "ABCD-EFGH-JKMN"
    expected = hmac.new(KEY, b"ABCDEFGHJKMN", hashlib.sha256).hexdigest()
    assert c.hash_code(code, KEY) == expected
    assert c.hash_code("abcd efgh jkmn", KEY) == expected
    assert c.hash_code(code, KEY[::-1]) != expected
    with pytest.raises(ValueError, match="at least 16 bytes"):
        c.hash_code(code, b"short")


def test_drawn_codes_are_distinct_valid_and_reproducible_with_a_seed() -> None:
    codes = c.draw_codes(2000, source=random.Random(7))
    assert len(set(codes)) == 2000
    assert all(c.is_valid(code) for code in codes)
    assert c.draw_codes(2000, source=random.Random(7)) == codes
    # Codes already in use are never drawn again.
    again = c.draw_codes(10, source=random.Random(7), taken=set(codes[:5]))
    assert not set(again) & set(codes[:5])
    assert again[:5] == codes[5:10]
    # Without a source the codes come from the operating system (secrets).
    fresh = c.draw_codes(5)
    assert all(c.is_valid(code) for code in fresh)
    assert fresh != c.draw_codes(5)


def test_draw_bounds() -> None:
    assert c.draw_codes(0) == ()
    with pytest.raises(ValueError, match="between 0 and 1,000,000"):
        c.draw_codes(-1)
    with pytest.raises(ValueError, match="at least 8 random characters"):
        c.draw_codes(1, random_length=4)
