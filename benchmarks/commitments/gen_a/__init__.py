"""Generator A: bid sections with planted commitments, for the extraction accuracy benchmark (issue 14, acc. 2).

`build_documents(n, seed)` gives n documents, each (pages, planted commitments). A document has
a cover page full of distractor numbers (dates, phone numbers, areas, fees, households, clause
numbers), a 管理指标承诺 table written as text in one of four layouts (pipes, tabs, spaced
columns, one cell a line) whose 国家标准 column holds other figures, and 服务承诺 prose with
single and double promises ("1小时内响应，24小时内完成"). Values come in Arabic, full-width
and Chinese numerals. Same signature as generator B, written apart from it.
"""
from __future__ import annotations

import random

from benchmarks.commitments.gen_a.vocab import (
    FREQ_ITEMS,
    PERIOD_SLASH,
    PERIOD_WORDS,
    RATE_NAMES,
    RATE_VALUES,
    TIME_ITEMS,
    chinese,
    decimal,
    number,
    rate_form,
    time_form,
)
from scoring.commitments.schema import Commitment, Comparator, Indicator, Unit

HEADERS = [["序号", "指标名称", "国家标准", "承诺指标", "测定依据"],
           ["指标名称", "国优标准", "我公司承诺指标", "保证措施"],
           ["项目", "承诺指标", "国家标准", "测定方法"], ["序号", "管理指标", "公司内控指标", "承诺标准", "备注"]]


def build_documents(n: int, seed: int) -> list[tuple[list[str], list[Commitment]]]:
    rng = random.Random(seed)
    return [_document(rng) for _ in range(n)]


def _document(rng: random.Random) -> tuple[list[str], list[Commitment]]:
    items = [*RATE_NAMES, *TIME_ITEMS, *FREQ_ITEMS, Indicator.STAFF_TOTAL]
    chosen = rng.sample(items, rng.randint(8, 14))
    split = rng.randint(len(chosen) // 3, 2 * len(chosen) // 3)
    table_items, prose_items = chosen[:split], chosen[split:]
    planted: list[Commitment] = []
    rows = [_row(rng, ind, planted, page=2) for ind in table_items]
    prose = [_sentence(rng, ind, planted, page=3, taken=chosen) for ind in prose_items]
    pages = [_cover(rng), _table_page(rng, rows), _prose_page(rng, prose)]
    return pages, planted


def _plant(planted, ind, comparator, value, unit, period=None, page=None) -> None:
    planted.append(Commitment(ind, comparator, decimal(value), unit, period, page=page))


def _row(rng, ind, planted, page) -> tuple[str, str, str]:
    """(name, national standard, promise) of one table row; the standard never counts."""
    if ind in RATE_NAMES:
        value = rng.choice(RATE_VALUES)
        text, comp = rate_form(rng, value)
        _plant(planted, ind, comp, value, Unit.PERCENT, page=page)
        return rng.choice(RATE_NAMES[ind]), f"≥{int(float(value)) - rng.choice([2, 3, 5])}%", text
    if ind in TIME_ITEMS:
        subjects, actions, units = TIME_ITEMS[ind]
        unit, draws = rng.choice(units)
        value = rng.choice(draws)
        text, comp = _time_text(rng, ind, value, unit)
        _plant(planted, ind, comp, value, unit, page=page)
        name = rng.choice(subjects) + rng.choice(actions).replace("现场", "") + "时间"
        return name, f"{value * 2}{unit.value}内", text
    if ind in FREQ_ITEMS:
        topic, _, periods, draws = FREQ_ITEMS[ind]
        period, value = rng.choice(periods), rng.choice(draws)
        text, comp = rng.choice([(f"{rng.choice(PERIOD_WORDS[period])}{number(rng, str(value))}次", Comparator.EQUAL),
                                 (f"{value}次/{PERIOD_SLASH[period]}", Comparator.EQUAL),
                                 (f"{rng.choice(PERIOD_WORDS[period])}不少于{value}次", Comparator.AT_LEAST)])
        _plant(planted, ind, comp, value, Unit.TIMES, period, page=page)
        return topic + "频次", f"{PERIOD_WORDS[period][0]}1次", text
    value = rng.randint(12, 60)
    text, comp = rng.choice([(f"{value}人", Comparator.EQUAL), (f"不少于{value}人", Comparator.AT_LEAST)])
    _plant(planted, ind, comp, value, Unit.PERSON, page=page)
    return "项目定员", f"{value - 4}人", text


def _sentence(rng, ind, planted, page, taken=()) -> str:
    if ind in RATE_NAMES:
        value = rng.choice(RATE_VALUES)
        text, comp = rate_form(rng, value)
        _plant(planted, ind, comp, value, Unit.PERCENT, page=page)
        deadline = rng.choice(["", "", "两年内", "第三年"])
        name = rng.choice(RATE_NAMES[ind])
        if rng.random() < 0.2:  # the standard quoted beside the promise is not planted
            return f"{name}国家标准为{int(float(value)) - 5}%，我公司承诺{text}"
        return f"{rng.choice(['我公司承诺', '确保', ''])}{name}{deadline}{text}"
    if ind in TIME_ITEMS:
        return _time_sentence(rng, ind, planted, page, taken)
    if ind in FREQ_ITEMS:
        topic, verbs, periods, draws = FREQ_ITEMS[ind]
        period, value = rng.choice(periods), rng.choice(draws)
        every = rng.choice(PERIOD_WORDS[period])
        text, comp = rng.choice([(f"{every}{rng.choice(verbs)}{topic}{number(rng, str(value))}次", Comparator.EQUAL),
                                 (f"{topic}{every}不少于{value}次", Comparator.AT_LEAST),
                                 (f"{every}{rng.choice(verbs)}{value}次以上{topic}", Comparator.AT_LEAST)])
        _plant(planted, ind, comp, value, Unit.TIMES, period, page=page)
        return text
    value = rng.randint(12, 60)
    _plant(planted, ind, Comparator.AT_LEAST, value, Unit.PERSON, page=page)
    return f"本项目定员不少于{value}人，其中项目经理1人"


def _time_sentence(rng, ind, planted, page, taken) -> str:
    subjects, actions, units = TIME_ITEMS[ind]
    unit, draws = rng.choice(units)
    value = rng.choice(draws)
    text, comp = _time_text(rng, ind, value, unit)
    _plant(planted, ind, comp, value, unit, page=page)
    subject, action = rng.choice(subjects), rng.choice(actions)
    pair = {Indicator.URGENT_ARRIVAL: Indicator.URGENT_FIX, Indicator.REPAIR_RESPONSE: Indicator.REPAIR_DONE,
            Indicator.COMPLAINT_RESPONSE: Indicator.COMPLAINT_REPLY}.get(ind)
    if pair and pair not in taken and rng.random() < 0.5:  # one phrase, two promises
        _, second_actions, second_units = TIME_ITEMS[pair]
        unit2, draws2 = rng.choice(second_units)
        value2 = rng.choice(draws2)
        text2, comp2 = time_form(rng, value2, unit2)
        _plant(planted, pair, comp2, value2, unit2, page=page)
        return f"{subject}{text}{action}，{text2}{rng.choice(second_actions)}"
    if ind is Indicator.CCTV_RETENTION:
        return f"{subject}{action}{text}"
    return rng.choice([f"接到{subject}请求后{text}{action}", f"{subject}{text}{action}"])


def _time_text(rng, ind, value, unit) -> tuple[str, Comparator]:
    """Times are "lower is better", except how long recordings are kept."""
    if ind is Indicator.CCTV_RETENTION:
        return rng.choice([(f"不少于{value}天", Comparator.AT_LEAST), (f"{value}天以上", Comparator.AT_LEAST)])
    return time_form(rng, value, unit)


def _cover(rng) -> str:
    year, month, day = rng.choice([2024, 2025, 2026]), rng.randint(1, 12), rng.randint(1, 28)
    return "\n".join([
        f"某某小区前期物业管理服务投标文件（项目编号：WY{year}-{rng.randint(10, 99)}）",
        f"投标日期：{year}年{month}月{day}日；有效期：自{year}年{month}月{day}日起{rng.choice([60, 90])}日历天",
        f"本项目总建筑面积{rng.randint(3, 30)}.{rng.randint(1, 9)}万平方米，共{rng.randint(300, 2500)}户，"
        f"地下车位{rng.randint(200, 900)}个，电梯{rng.randint(6, 40)}部",
        f"物业服务费报价{rng.randint(1, 4)}.{rng.randint(10, 99)}元/月·㎡，年度总价{rng.randint(100, 900)}万元",
        f"服务热线：0{rng.randint(20, 999)}-{rng.randint(2000000, 89999999)}，手机1{rng.choice('3589')}"
        f"{rng.randint(100000000, 999999999)}，24小时值班",
        f"项目经理具有{rng.randint(5, 15)}年以上住宅物业管理经验，年龄{rng.randint(30, 50)}岁",
        f"保洁人员按1人/{rng.choice(['0.8', '1.0', '1.2'])}万㎡配置，详见第{rng.randint(3, 9)}章第"
        f"{rng.randint(1, 20)}条及3.{rng.randint(1, 9)}.{rng.randint(1, 9)}节",
    ])


def _render(rng, header, rows) -> list[str]:
    style = rng.choice(["pipe", "tab", "space", "vertical", "fullwidth"])
    if style == "fullwidth":
        return ["｜".join(r) for r in [header, *rows]]
    lines = [header, *rows]
    if style == "pipe":
        out = ["| " + " | ".join(r) + " |" for r in lines]
        return [out[0], "|" + "---|" * len(header), *out[1:]]
    if style == "tab":
        return ["\t".join(r) for r in lines]
    if style == "space":
        return ["  ".join(r) for r in lines]
    return [cell for r in lines for cell in r]


def _table_page(rng, rows) -> str:
    header = rng.choice(HEADERS)
    cols = {h: i for i, h in enumerate(header)}
    body = []
    for k, (name, standard, promise) in enumerate(rows, 1):
        cells = []
        for h in header:
            if h == "序号":
                cells.append(str(k))
            elif "承诺" in h:
                cells.append(promise)
            elif "标准" in h or "内控" in h:
                cells.append(standard)
            elif cols[h] <= 1 and ("名称" in h or "项目" in h or "管理指标" in h):
                cells.append(name)
            else:
                cells.append(rng.choice(["(合格数/总数)×100%", "抽查统计", "季度考核", "按月统计", "见第5章"]))
        body.append(cells)
    intro = f"第{chinese(rng.randint(3, 8))}章 管理目标与指标承诺\n我公司对本项目作出如下管理指标承诺："
    return intro + "\n" + "\n".join(_render(rng, header, body)) + "\n以上指标每年考核一次。"


def _prose_page(rng, sentences) -> str:
    filler = ["本公司将严格按照合同约定提供服务", f"自{rng.randint(2024, 2026)}年{rng.randint(1, 12)}月起实行",
              "设立24小时投诉热线", f"服务时间{rng.randint(7, 9)}:00-{rng.randint(17, 20)}:30",
              f"管理处设在{rng.randint(1, 30)}号楼{rng.randint(1, 3)}层",
              f"详见本方案第{rng.randint(2, 9)}.{rng.randint(1, 9)}节",
              f"客服中心电话0{rng.randint(20, 999)}-{rng.randint(2000000, 89999999)}",
              f"小区绿化面积{rng.randint(5000, 40000)}平方米"]
    parts = [*sentences, *rng.sample(filler, 3)]
    rng.shuffle(parts)
    return "服务承诺\n" + "。".join(parts) + "。"
