"""One indicator's target, written three ways: a table cell, a bullet ("名称：值") and a prose clause.

The target is drawn once per document, so the national-standard cell can be chosen to differ from it.
"""

from __future__ import annotations

from decimal import Decimal
from random import Random

from scoring.commitments.schema import Indicator as I
from scoring.commitments.schema import Period as P
from scoring.commitments.schema import Unit as U

from .catalogue import PAIRS, SPECS, UNIT_WORDS
from .numerals import number, percent
from .phrases import count_value, freq_value, period_word, phased_value, rate_value, time_value

COUNT_CLAUSES = {
    I.STAFF_TOTAL: ("项目定员{v}", "本项目派驻服务人员{v}", "拟配置管理服务人员{v}"),
    I.CCTV_RETENTION: ("监控录像保存{v}", "录像资料保存期限{v}"),
}
PER_YEAR = {P.DAY: 365, P.WEEK: 52, P.MONTH: 12, P.QUARTER: 4, P.HALF_YEAR: 2, P.YEAR: 1}


def draw(rng: Random, ind: I):
    """The document's target for one indicator; rates may come out phased."""
    spec = SPECS[ind]
    if spec.kind == "rate" and spec.phased and rng.random() < 0.4:
        return "phased"
    return rng.choice(spec.targets)


def cell(rng: Random, ind: I, target) -> tuple[str, list]:
    """The 承诺指标 cell: "≥98%", "15分钟内", "每半年1次", "不少于19人"."""
    kind = SPECS[ind].kind
    if target == "phased":
        return phased_value(rng, ind, SPECS[ind])
    if kind == "rate":
        return rate_value(rng, ind, target, table=True)
    if kind == "time":
        return time_value(rng, ind, *target, symbol=rng.random() < 0.25)
    if kind == "freq":
        q, planted = freq_value(rng, ind, *target)
        return period_word(rng, target[1]) + q, planted
    return count_value(rng, ind, *target)


def noun(rng: Random, ind: I, target) -> tuple[str, list]:
    """A bullet: the indicator's name, a separator, the cell."""
    text, planted = cell(rng, ind, target)
    return rng.choice(SPECS[ind].names) + rng.choice(("：", ":", " ", "")) + text, planted


def clause(rng: Random, ind: I, target) -> tuple[str, list]:
    """Prose: "确保业主满意率达到95%以上", "接到急修电话后十五分钟之内到达现场"."""
    spec = SPECS[ind]
    if spec.kind == "rate":
        text, planted = cell(rng, ind, target) if target == "phased" else rate_value(rng, ind, target, table=False)
        return rng.choice(("", "确保", "保证", "力争", "承诺")) + rng.choice(spec.names) + text, planted
    if spec.kind == "time":
        t, planted = time_value(rng, ind, *target)
        return rng.choice(spec.clauses).format(t=t), planted
    if spec.kind == "freq":
        q, planted = freq_value(rng, ind, *target)
        return rng.choice(spec.clauses).format(per=period_word(rng, target[1]), q=q), planted
    v, planted = count_value(rng, ind, *target)
    return rng.choice(COUNT_CLAUSES[ind]).format(v=v), planted


def pair_clause(rng: Random, pair: tuple[I, I], targets: dict) -> tuple[str, list]:
    """Two time commitments in one phrase: "一般维修1小时内响应，24小时内完成"."""
    t1, p1 = time_value(rng, pair[0], *targets[pair[0]])
    t2, p2 = time_value(rng, pair[1], *targets[pair[1]])
    return rng.choice(PAIRS[pair]).format(t1=t1, t2=t2), p1 + p2


def national(rng: Random, ind: I, target, planted: list) -> str:
    """The 国家标准 cell: a figure that is NOT the promise (or "—" where no lower standard exists)."""
    kind, taken = SPECS[ind].kind, {c.value for c in planted}
    if kind == "rate":
        pool = [v for v in (80, 85, 88, 90, 92, 95, 96, 98) if Decimal(v) not in taken and Decimal(v) < max(taken)]
        value = Decimal(rng.choice(pool or [70]))
        return rng.choice(("{p}", "≥{p}", "{p}以上")).format(p=percent(value, "arabic"))
    if kind == "time":
        value, unit = target
        return rng.choice(("", "≤")) + number(Decimal(value * 2), "arabic") + UNIT_WORDS[unit]
    if kind == "freq":
        return national_frequency(rng, *target)
    value, unit = target
    return "—" if unit == U.PERSON else f"{max(value // 2, 7)}{UNIT_WORDS[unit]}"


def national_frequency(rng: Random, n: int, period: P) -> str:
    yearly = n * PER_YEAR[period]
    options = [(m, p) for p in PER_YEAR for m in range(2, 7) if m != n and m * PER_YEAR[p] < yearly]
    if not options:
        return "—"
    m, p = rng.choice(options)
    return f"{period_word(rng, p)}{m}次"
