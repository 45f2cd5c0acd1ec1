"""GB 32100-2015 and GB 11643-1999 check characters: generated valid codes pass, every single-character
corruption is caught."""
from __future__ import annotations

import random

import pytest

from scoring.collusion.validators import (
    USCC_CHARS,
    credit_code_error,
    id_check_char,
    id_number_error,
    is_valid_credit_code,
    is_valid_id_number,
    uscc_check_char,
)

ID_CHARS = "0123456789X"


def make_credit_code(rng: random.Random) -> str:
    body = rng.choice("159Y") + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6))
    body += "".join(rng.choice(USCC_CHARS) for _ in range(9))
    return body + uscc_check_char(body)


def make_id_number(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(6))
    body += f"{rng.randint(1940, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body += "".join(rng.choice("0123456789") for _ in range(3))
    return body + id_check_char(body)


def test_published_examples_are_valid():
    assert is_valid_credit_code("91350100M000100Y43")
    assert is_valid_id_number("11010519491231002X")
    assert is_valid_id_number("11010519491231002x")  # lower-case x is accepted and normalised
    assert is_valid_credit_code(" 91350100M000100Y43 ")


@pytest.mark.parametrize("make, error, alphabet", [(make_credit_code, credit_code_error, USCC_CHARS),
                                                  (make_id_number, id_number_error, ID_CHARS)],
                         ids=["GB 32100 credit code", "GB 11643 ID number"])
@pytest.mark.parametrize("seed", range(20))
def test_every_single_substitution_is_caught(make, error, alphabet, seed):
    code = make(random.Random(seed))
    assert error(code) is None
    for position in range(18):
        for char in alphabet:
            if char != code[position]:
                corrupted = code[:position] + char + code[position + 1:]
                assert error(corrupted) is not None, corrupted


def test_messages_name_the_check_and_the_standard():
    code = "91350100M000100Y44"
    assert "校验位错误" in credit_code_error(code) and "GB 32100" in credit_code_error(code)
    assert "GB 11643" in id_number_error("110105194912310021")


@pytest.mark.parametrize("code, fragment", [
    ("9135010", "18 位"),
    ("91350100M000100I43", "不允许的字符"),
    ("91A50100M000100Y43", "行政区划码"),
])
def test_credit_code_shape_errors(code, fragment):
    assert fragment in credit_code_error(code)


@pytest.mark.parametrize("number, fragment", [
    ("110105491231002", "18 位"),  # old 15-digit numbers are not accepted
    ("11010519491331002X", "出生日期"),
    ("1101051949123100X2", "最后一位"),
])
def test_id_number_shape_errors(number, fragment):
    assert fragment in id_number_error(number)


def test_full_width_input_is_folded():
    assert is_valid_credit_code("９１３５０１００Ｍ０００１００Ｙ４３")
