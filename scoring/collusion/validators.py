"""Check characters of Chinese identifiers. Pure functions: no Flask, no database.

A typo in a credit code or ID number would silently break the related-bidder
checks (which compare these numbers), so both are verified on entry.
"""
from __future__ import annotations

from datetime import date

# GB 32100-2015 §4.2: 31 characters, the letters I, O, S, V and Z are never used.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11643-1999 §8.2: weight of position i (1-based from the left) is 2^(18-i) mod 11.
ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
ID_CHECK = "10X98765432"


def normalise(code: str | None) -> str:
    """Upper case, no spaces, full-width digits and letters folded to ASCII."""
    if not code:
        return ""
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in code)
    return "".join(folded.split()).upper()


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码: 31 − (Σ value×weight mod 31), 31 read as 0."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def credit_code_error(code: str) -> str | None:
    """None if `code` is a well-formed 统一社会信用代码, else the Chinese reason."""
    code = normalise(code)
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，当前为 {len(code)} 位。"
    bad = sorted({c for c in code if c not in USCC_CHARS})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z）。"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为登记管理机关行政区划码（数字）。"
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位错误（按 GB 32100-2015 校验不通过），请核对后重新输入。"
    return None


def id_check_char(first17: str) -> str:
    """The 18th character of a 居民身份证号码: ISO 7064 MOD 11-2."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def id_number_error(number: str) -> str | None:
    """None if `number` is a valid 18-digit 居民身份证号码, else the Chinese reason."""
    number = normalise(number)
    if len(number) != 18:
        return f"身份证号码应为 18 位，当前为 {len(number)} 位。"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "身份证号码前 17 位应为数字，最后一位为数字或 X。"
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号码中的出生日期无效。"
    if id_check_char(number[:17]) != number[17]:
        return "身份证号码校验码错误（按 GB 11643-1999 校验不通过），请核对后重新输入。"
    return None


def is_valid_credit_code(code: str) -> bool:
    return credit_code_error(code) is None


def is_valid_id_number(number: str) -> bool:
    return id_number_error(number) is None
