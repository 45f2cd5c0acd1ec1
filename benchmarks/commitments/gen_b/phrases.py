"""Value phrases and the commitments they plant: each function returns (text, [Commitment]).

Conventions (the extractor must agree): 以上/达到/达/不低于/不少于/至少/≥ are AT_LEAST; a bare figure
or 为 + figure is EQUAL (also for 100%); 内/之内/以内/不超过/≤ are AT_MOST; 超过 is MORE_THAN; a range
"5~15分钟之内" plants one AT_MOST at its upper bound; 每X + N次 plants unit 次 with period X; 名 is 人.
"""

from __future__ import annotations

from decimal import Decimal
from random import Random

from scoring.commitments.schema import Commitment
from scoring.commitments.schema import Comparator as C
from scoring.commitments.schema import Unit as U

from .catalogue import PERIOD_WORDS, UNIT_WORDS, Spec
from .numerals import number, percent

GE, LE, EQ, GT = C.AT_LEAST, C.AT_MOST, C.EQUAL, C.MORE_THAN
RATE_FORMS = (
    ("≥{p}", GE),
    ("{p}以上", GE),
    ("达到{p}以上", GE),
    ("不低于{p}", GE),
    ("达到{p}", GE),
    ("达{p}", GE),
    ("{p}", EQ),
    ("为{p}", EQ),
    ("超过{p}", GT),
)
RATE_WEIGHTS = (4, 4, 4, 3, 2, 1, 3, 1, 1)
TIME_FORMS = ("{n}{u}内", "{n}{u}之内", "{n}{u}以内", "不超过{n}{u}", "{lo}{sep}{n}{u}之内", "{lo}{sep}{n}{u}内")
TIME_WEIGHTS = (4, 3, 2, 2, 1, 1)
FREQ_FORMS = (("{n}次", EQ), ("不少于{n}次", GE), ("{n}次以上", GE), ("至少{n}次", GE))
COUNT_FORMS = (
    ("不少于{n}{u}", GE),
    ("不得少于{n}{u}", GE),
    ("≥{n}{u}", GE),
    ("{n}{u}以上", GE),
    ("{n}{u}", EQ),
    ("共{n}名", EQ),
)


def style(rng: Random) -> str:
    return rng.choices(("arabic", "full", "chinese"), (6, 2, 2))[0]


def plant(ind, comp, value, unit, period=None, deadline="") -> Commitment:
    return Commitment(ind, comp, Decimal(str(value)), unit, period, deadline)


def rate_value(rng: Random, ind, value, table: bool) -> tuple[str, list[Commitment]]:
    """ "≥98%", "达到百分之九十八以上", "１００％" ... one rate commitment."""
    forms = [(f, w) for f, w in zip(RATE_FORMS, RATE_WEIGHTS, strict=True) if not (table and f[0].startswith("为"))]
    if value == 100:  # nobody promises "100%以上"
        forms = [(f, w) for f, w in forms if f[1] == EQ or f[0] == "达到{p}"]
    ((form, comp),) = rng.choices([f for f, _ in forms], [w for _, w in forms])
    st = style(rng) if "≥" not in form else "arabic"
    text = form.format(p=percent(Decimal(str(value)), st))
    return text, [plant(ind, comp, value, U.PERCENT)]


def phased_value(rng: Random, ind, spec: Spec) -> tuple[str, list[Commitment]]:
    """Targets with a deadline: "两年内达95%以上" (one) or "第一年…第二年…第三年…" (three)."""
    top = max(v for v in spec.targets if isinstance(v, int))
    if rng.random() < 0.5:
        deadline = rng.choice(("两年内", "一年内", "第三年", "第二年"))
        verb = rng.choice(("达", "达到")) if deadline.endswith("内") else rng.choice(("达到", "起达到"))
        text = f"{deadline}{verb}{percent(Decimal(top), style(rng))}以上"
        return text, [plant(ind, GE, top, U.PERCENT, deadline=deadline.removesuffix("起"))]
    steps = (top - 10, top - 5, top)
    parts, planted, st = [], [], style(rng)
    for year, value in zip(("第一年", "第二年", "第三年"), steps, strict=True):
        parts.append(f"{year}达到{percent(Decimal(value), st)}以上")
        planted.append(plant(ind, GE, value, U.PERCENT, deadline=year))
    return "，".join(parts), planted


def time_value(rng: Random, ind, value: int, unit: U, symbol: bool = False) -> tuple[str, list[Commitment]]:
    """ "十五分钟之内", "5~15分钟内" (plants ≤15), "≤２小时" ... always AT_MOST."""
    form = "≤{n}{u}" if symbol else rng.choices(TIME_FORMS, TIME_WEIGHTS)[0]
    if "{lo}" in form and not (unit == U.MINUTE and value >= 10):
        form = "{n}{u}内"
    st = style(rng) if not symbol else "arabic"
    text = form.format(
        n=number(Decimal(value), st, liang=True),
        u=UNIT_WORDS[unit],
        lo=number(Decimal(5 if value > 10 else 3), st),
        sep=rng.choice(("~", "～", "-", "至")),
    )
    return text, [plant(ind, LE, value, unit)]


def freq_value(rng: Random, ind, value: int, period) -> tuple[str, list[Commitment]]:
    """The quantity of a frequency ("1次", "不少于两次", "一次"); the period word is placed by the caller."""
    form, comp = rng.choices(FREQ_FORMS, (4, 2, 2, 1))[0]
    text = form.format(n=number(Decimal(value), style(rng), liang=True))
    return text, [plant(ind, comp, value, U.TIMES, period)]


def period_word(rng: Random, period) -> str:
    return rng.choice(PERIOD_WORDS[period])


def count_value(rng: Random, ind, value: int, unit: U) -> tuple[str, list[Commitment]]:
    """ "不少于19人", "共十九名", "30天以上" (名 plants 人)."""
    forms = [f for f in COUNT_FORMS if unit == U.PERSON or "名" not in f[0]]
    form, comp = rng.choice(forms)
    n = number(Decimal(value), style(rng) if "≥" not in form else "arabic")
    return form.format(n=n, u=UNIT_WORDS[unit]), [plant(ind, comp, value, unit)]
