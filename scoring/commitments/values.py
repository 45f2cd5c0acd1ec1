"""The grammar of a committed value (contract-and-commitments.md §4): comparator, number, unit, period.

Bids write the same promise many ways: "≥95%", "达到95%以上", "百分之九十五", "十五分钟之内",
"每半年1次", "2次/年". This module reads those forms from one clause of text; it does not know
which indicator a value belongs to (that is `aliases.py` and `extract.py`). Numbers that are
not values (dates, phone numbers, areas, money, households, clause numbers) are blanked first
by `mask_distractors`, keeping every offset, so the source passage stays exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from scoring.commitments.schema import Comparator, Period, Unit

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
POWERS = {"十": 10, "百": 100, "千": 1000}
CN = "零〇一二两三四五六七八九十百千"
NUM = rf"(?:\d+(?:\.\d+)?|[{CN}]+(?:点[{CN}]+)?)"


def normalize(text: str) -> str:
    """Full-width ASCII to half-width, one character for one, so offsets still point into the original."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else (" " if c == "\u3000" else c)
                   for c in text)


def chinese_integer(text: str) -> int | None:
    """十五 = 15, 二十四 = 24, 一百 = 100, 两千零五 = 2005; digit strings such as 一二 read digit by digit."""
    if not text or any(c not in DIGITS and c not in POWERS for c in text):
        return None
    if all(c in DIGITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        else:
            total += (1 if digit is None else digit) * POWERS[c]
            digit = None
    return total + (digit or 0)


def to_number(text: str) -> Decimal | None:
    """Arabic, full-width or Chinese numerals (with 点 for the decimal point) as a Decimal."""
    text = normalize(text).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    whole, _, frac = text.partition("点")
    number = chinese_integer(whole)
    if number is None:
        return None
    if not frac:
        return Decimal(number)
    if any(c not in DIGITS for c in frac):
        return None
    return Decimal(f"{number}.{''.join(str(DIGITS[c]) for c in frac)}")


# Spans that hold digits but never a committed value; blanked before values are read.
DISTRACTORS = [
    r"\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?", rf"[{CN}]{{4}}年[{CN}]{{1,3}}月(?:[{CN}]{{1,3}}[日号])?",
    r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]", r"(?:19|20)\d{2}\s*年(?:度)?", r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}",
    r"\d{1,2}[:：]\d{2}(?:\s*[-~至到—]+\s*\d{1,2}[:：]\d{2})?",
    r"(?:\(?0\d{2,3}\)?[-\s]?)?\d{7,8}(?:-\d{1,4})?", r"1[3-9]\d{9}", r"[48]00[-\s]?\d{3}[-\s]?\d{4}",
    rf"{NUM}\s*(?:万|千)?\s*(?:平方米|平米|㎡|m2|m²|亩|米|公里|千米|km)",
    rf"{NUM}\s*(?:万|千|百)?\s*(?:元|块)",
    rf"{NUM}\s*(?:户|套|栋|幢|座|层|台|部|辆|个车位|个(?!工作日|小时|月)|间|处|项|条|门)",
    rf"第\s*{NUM}\s*(?:条|章|节|款|项|部分|页|号)", r"\d+(?:\.\d+){2,}",
    rf"{NUM}\s*(?:岁|周岁|年以上|年的?经验|年工作)",
    rf"\d+\s*人\s*/\s*{NUM}", r"[A-Za-z]+[-\s]?\d+", r"[×xX*]\s*100\s*%",
]
DISTRACTOR_RE = re.compile("|".join(f"(?:{p})" for p in DISTRACTORS))


def mask_distractors(text: str) -> str:
    """The same text with distractor numbers replaced by spaces of the same length."""
    return DISTRACTOR_RE.sub(lambda m: " " * len(m.group()), text)


PRE = {
    "≥": Comparator.AT_LEAST, ">=": Comparator.AT_LEAST, "不低于": Comparator.AT_LEAST,
    "不少于": Comparator.AT_LEAST, "不小于": Comparator.AT_LEAST, "至少": Comparator.AT_LEAST,
    "达到": Comparator.AT_LEAST, "达": Comparator.AT_LEAST, "大于等于": Comparator.AT_LEAST,
    "≧": Comparator.AT_LEAST, "⩾": Comparator.AT_LEAST, "≦": Comparator.AT_MOST, "⩽": Comparator.AT_MOST,
    "≤": Comparator.AT_MOST, "<=": Comparator.AT_MOST, "不超过": Comparator.AT_MOST, "不多于": Comparator.AT_MOST,
    "不大于": Comparator.AT_MOST, "不高于": Comparator.AT_MOST, "不迟于": Comparator.AT_MOST,
    "小于等于": Comparator.AT_MOST, ">": Comparator.MORE_THAN, "超过": Comparator.MORE_THAN,
    "高于": Comparator.MORE_THAN, "大于": Comparator.MORE_THAN, "<": Comparator.LESS_THAN,
    "不足": Comparator.LESS_THAN, "不满": Comparator.LESS_THAN, "低于": Comparator.LESS_THAN,
    "少于": Comparator.LESS_THAN, "小于": Comparator.LESS_THAN,
}
for _neg in ("不得", "不应", "不能", "不会", "不宜"):  # 不得少于 is 不少于, not 少于
    PRE.update({_neg + w: PRE["不" + w] for w in ("低于", "少于", "超过", "高于", "多于", "大于", "小于")})
POST = {"以上": Comparator.AT_LEAST, "及以上": Comparator.AT_LEAST, "以下": Comparator.AT_MOST,
        "及以下": Comparator.AT_MOST, "之内": Comparator.AT_MOST, "以内": Comparator.AT_MOST,
        "内": Comparator.AT_MOST}
UNITS = {"%": Unit.PERCENT, "分钟": Unit.MINUTE, "小时": Unit.HOUR, "个小时": Unit.HOUR, "个工作日": Unit.WORKDAY,
         "工作日": Unit.WORKDAY, "天": Unit.DAY, "日": Unit.DAY, "次": Unit.TIMES, "人": Unit.PERSON,
         "名": Unit.PERSON, "分": Unit.POINTS}
PERIODS = {"日": Period.DAY, "天": Period.DAY, "周": Period.WEEK, "星期": Period.WEEK, "月": Period.MONTH,
           "季": Period.QUARTER, "季度": Period.QUARTER, "半年": Period.HALF_YEAR, "年": Period.YEAR,
           "年度": Period.YEAR, "月度": Period.MONTH}


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


PERIOD_WORDS = _alt(PERIODS)
VALUE_RE = re.compile(
    rf"(?P<pre>{_alt(PRE)})?\s*(?:百分之(?P<pct>{NUM})|(?P<num>{NUM})(?:\s*[-~至到—]\s*(?P<num2>{NUM}))?\s*"
    rf"(?P<unit>%|{_alt(u for u in UNITS if u != '%')}(?!钟)))"
    rf"(?:\s*/\s*(?:每)?(?P<per>{PERIOD_WORDS}))?\s*(?P<post>{_alt(POST)})?")
EVERY_RE = re.compile(rf"(?:每|一)\s*(?:个)?(?P<per>{PERIOD_WORDS})(?!内|以内|之内)|(?P<per2>年度|月度|季度)")
INTERVAL_RE = re.compile(rf"每\s*{NUM}\s*(?:个)?(?:小时|分钟|天|日|周|个月|月)")
DEADLINE_RE = re.compile(rf"(?:{NUM}\s*(?:年|个月)(?:之内|以内|内)|第\s*{NUM}\s*年(?:起|内|末|底)?)")


@dataclass(frozen=True)
class Value:
    """One value read from text: where it is (offsets in the clause) and what it says."""

    start: int
    end: int
    comparator: Comparator
    value: Decimal
    unit: Unit
    period: Period | None = None


def _comparator(pre: str | None, post: str | None) -> Comparator:
    if pre and PRE[pre] is not Comparator.AT_LEAST or not post:
        return PRE[pre] if pre else Comparator.EQUAL
    return POST[post]


def _pick(low: Decimal, high: Decimal | None, comparator: Comparator, unit: Unit) -> Decimal:
    """A range keeps the bound the promise turns on: the upper one for times, else the lower one."""
    if high is None:
        return low
    if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return high
    return high if unit in (Unit.MINUTE, Unit.HOUR, Unit.DAY, Unit.WORKDAY) else low


def find_values(clause: str) -> list[Value]:
    """Every value in one clause (already normalised and masked), left to right."""
    found = []
    for m in VALUE_RE.finditer(clause):
        unit = Unit.PERCENT if m["pct"] else UNITS[m["unit"]]
        low = to_number(m["pct"] or m["num"])
        high = to_number(m["num2"]) if m["num2"] else None
        if low is None or (m["num2"] and high is None):
            continue
        if m["unit"] == "分" and clause[m.end("unit"):m.end("unit") + 1] in ("钟", "之", "别", "析", "配", "工"):
            continue
        comparator = _comparator(m["pre"], m["post"])
        if m["post"] == "内" and unit in (Unit.PERCENT, Unit.PERSON, Unit.POINTS):
            comparator = _comparator(m["pre"], None)
        found.append(Value(m.start(), m.end(), comparator, _pick(low, high, comparator, unit), unit,
                           PERIODS[m["per"]] if m["per"] else None))
    return found


def period_of(every: re.Match) -> Period:
    """The period an EVERY_RE match names."""
    return PERIODS[every["per"] or every["per2"]]


def deadlines(clause: str) -> list[tuple[int, str]]:
    """(offset, words) of each phasing such as 两年内 or 第三年."""
    return [(m.start(), m.group().replace(" ", "")) for m in DEADLINE_RE.finditer(clause)]
