"""Generator A's words: how its bids name each indicator and write each value (written for this benchmark).

Each entry gives the names a 管理指标承诺 table or a sentence may use, and the value draws.
"""
from __future__ import annotations

import random
from decimal import Decimal

from scoring.commitments.schema import Comparator, Period, Unit  # noqa: N817
from scoring.commitments.schema import Indicator as I

RATE_NAMES = {
    I.SATISFACTION: ["业主满意率", "客户满意率", "综合满意率", "业主综合满意率"],
    I.BUILDING_INTACT: ["房屋完好率", "房屋及配套设施完好率"],
    I.REPAIR_TIMELY: ["零修、急修及时率", "维修及时率"],
    I.REPAIR_QUALITY: ["维修工程质量合格率", "维修合格率"],
    I.REPAIR_FOLLOWUP: ["维修回访率"],
    I.CLEANING: ["清洁保洁率", "保洁率"],
    I.ROADS_INTACT: ["道路、路灯及车场完好率", "道路完好率"],
    I.GREENING: ["绿化完好率", "绿化存活率"],
    I.COMPLAINTS_HANDLED: ["有效投诉处理率", "投诉处理率"],
    I.FEE_COLLECTION: ["管理服务费收缴率", "物业费收缴率", "收费率"],
    I.LETTING: ["商业用房出租率", "出租率"],
    I.CERTIFIED_STAFF: ["持证上岗率", "培训合格率"],
    I.EQUIPMENT_INTACT: ["设施设备完好率", "设备完好率"],
}
RATE_VALUES = ["90", "92", "95", "96", "97", "98", "99", "100", "98.5", "99.5"]

# (indicator, subject words, action words, units with their value draws)
TIME_ITEMS = {
    I.URGENT_ARRIVAL: (["急修", "紧急维修"], ["到场", "赶到现场", "到达现场"], [(Unit.MINUTE, [10, 15, 20, 30])]),
    I.URGENT_FIX: (["急修"], ["修复", "完成修复"], [(Unit.HOUR, [2, 4, 6, 12, 24])]),
    I.REPAIR_RESPONSE: (["一般维修", "零星维修"], ["响应", "上门"], [(Unit.MINUTE, [30]), (Unit.HOUR, [1, 2])]),
    I.REPAIR_DONE: (["一般维修", "零星维修"], ["完成", "修复"], [(Unit.HOUR, [24, 48, 72]), (Unit.DAY, [3, 7])]),
    I.COMPLAINT_RESPONSE: (["投诉", "业主投诉"], ["受理", "响应"], [(Unit.MINUTE, [15, 30]), (Unit.HOUR, [1, 2])]),
    I.COMPLAINT_REPLY: (["投诉", "有效投诉"], ["反馈", "答复", "回复"], [(Unit.HOUR, [24, 48]),
                                                                     (Unit.WORKDAY, [3, 5, 7])]),
    I.FIRE_ARRIVAL: (["消防事故", "火警"], ["赶到现场", "到场"], [(Unit.MINUTE, [3, 5])]),
    I.CCTV_RETENTION: (["监控录像"], ["保存"], [(Unit.DAY, [15, 30, 90])]),
}
FREQ_ITEMS = {
    I.SURVEY_FREQUENCY: ("满意度测评", ["开展", "进行"], [Period.YEAR, Period.HALF_YEAR], [1, 2]),
    I.FIRE_DRILL: ("消防演练", ["组织", "开展"], [Period.YEAR, Period.HALF_YEAR], [1, 2]),
    I.CLEANING_FREQUENCY: ("公共区域清洁", ["进行"], [Period.DAY], [2, 3]),
    I.COMMUNITY_EVENTS: ("社区文化活动", ["举办", "开展"], [Period.YEAR, Period.QUARTER], [2, 4, 6]),
    I.FINANCE_DISCLOSURE: ("财务收支公示", ["进行"], [Period.MONTH, Period.HALF_YEAR, Period.QUARTER], [1]),
    I.PATROL: ("重点区域巡查", ["进行"], [Period.DAY], [4, 6, 8, 12]),
}
PERIOD_WORDS = {Period.DAY: ["每日", "每天"], Period.WEEK: ["每周"], Period.MONTH: ["每月"],
                Period.QUARTER: ["每季度", "每季"], Period.HALF_YEAR: ["每半年"], Period.YEAR: ["每年"]}
PERIOD_SLASH = {Period.DAY: "日", Period.WEEK: "周", Period.MONTH: "月", Period.QUARTER: "季", Period.HALF_YEAR: "半年",
                Period.YEAR: "年"}
CN_DIGITS = "零一二三四五六七八九"


def chinese(n: int, two: bool = False) -> str:
    """15 -> 十五, 24 -> 二十四, 100 -> 一百; 2 -> 两 when `two`."""
    if n == 2 and two:
        return "两"
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n == 100:
        return "一百"
    return str(n)


def number(rng: random.Random, value: str) -> str:
    """The figure as Arabic, full-width or (for whole numbers up to 100) Chinese."""
    roll = rng.random()
    if roll < 0.15 and "." not in value:
        return chinese(int(value), two=rng.random() < 0.5)
    if roll < 0.3:
        return "".join(chr(ord(c) + 0xFEE0) for c in value)
    return value


def rate_form(rng: random.Random, value: str) -> tuple[str, Comparator]:
    """One way to write a rate, and what it means."""
    n = number(rng, value)
    pct = "％" if rng.random() < 0.2 else "%"
    forms = [(f"≥{n}{pct}", Comparator.AT_LEAST), (f"达到{n}{pct}以上", Comparator.AT_LEAST),
             (f"{n}{pct}以上", Comparator.AT_LEAST), (f"不低于{n}{pct}", Comparator.AT_LEAST),
             (f"达{n}{pct}", Comparator.AT_LEAST), (f"{n}{pct}", Comparator.EQUAL),
             (f"超过{n}{pct}", Comparator.MORE_THAN), (f"{n}{pct}及以上", Comparator.AT_LEAST)]
    if "." not in value:
        forms.append((f"百分之{chinese(int(value))}以上", Comparator.AT_LEAST))
    if value == "100":
        forms = [(f"{n}{pct}", Comparator.EQUAL), (f"达到{n}{pct}", Comparator.AT_LEAST)]
    return rng.choice(forms)


def time_form(rng: random.Random, value: int, unit: Unit) -> tuple[str, Comparator]:
    n = number(rng, str(value))
    word = {Unit.WORKDAY: rng.choice(["个工作日", "工作日"]), Unit.DAY: rng.choice(["天", "日"])}.get(unit, unit.value)
    if value > 5 and rng.random() < 0.1:  # a range keeps its upper bound
        return f"{value // 3}~{n}{word}之内", Comparator.AT_MOST
    return rng.choice([(f"{n}{word}内", Comparator.AT_MOST), (f"{n}{word}之内", Comparator.AT_MOST),
                       (f"{n}{word}以内", Comparator.AT_MOST), (f"不超过{n}{word}", Comparator.AT_MOST),
                       (f"≤{n}{word}", Comparator.AT_MOST)])


def decimal(value) -> Decimal:
    return Decimal(str(value))
