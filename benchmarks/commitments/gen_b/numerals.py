"""How generator B writes a number: Arabic, full-width (１５, ９８％) or Chinese (十五, 百分之九十五).

Bids mix all three, often in one section; the extractor must read each back to the same Decimal.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = "零一二三四五六七八九"
FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def chinese(n: int, liang: bool = False) -> str:
    """0..9999 in Chinese numerals; 10..19 as 十X (the spoken form); `liang` writes a lone 2 as 两."""
    if n == 2 and liang:
        return "两"
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, size)
        if digit:
            out += ("零" if zero and out else "") + DIGITS[digit] + unit
            zero = False
        else:
            zero = bool(out)
    return out


def number(value: Decimal, style: str, liang: bool = False) -> str:
    """`style` is arabic, full or chinese; decimals are always written in Arabic digits, as bids do."""
    text = format(value.normalize(), "f")
    if style == "full":
        return text.translate(FULL)
    if style == "chinese" and value == value.to_integral_value():
        return chinese(int(value), liang)
    return text


def percent(value: Decimal, style: str) -> str:
    """98% / ９８％ / 百分之九十八 (百分之百 for 100)."""
    if style == "chinese" and value == value.to_integral_value():
        return "百分之百" if value == 100 else "百分之" + chinese(int(value))
    return number(value, style if style != "chinese" else "arabic") + ("％" if style == "full" else "%")
