"""How bids name the catalogue's indicators (contract-and-commitments.md §4), by the kind of value they take.

A rate (%) is named by a word ending in 率 (业主满意率, 客户满意率, 综合满意率 are one indicator);
a time by a subject and an action (急修 + 到场 = URGENT_ARRIVAL, 急修 + 修复 = URGENT_FIX), so
"一般维修1小时内响应,24小时内完成" gives two indicators from one subject; a frequency by the
activity counted (消防演练, 巡查, 公示财务); a head count by 定员. A 率 word not in the table
(覆盖率 of a survey, 入住率) names no catalogue indicator, and its value is left out.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from scoring.commitments.schema import Indicator as I  # noqa: N814 - the tables read better short

RATES = {
    I.SATISFACTION: ["业主综合满意率", "业主满意率", "客户满意率", "综合满意率", "满意率", "住户满意率",
                     "业户满意率", "服务满意率", "满意度(?!测评|调查|普测)"],
    I.BUILDING_INTACT: ["房屋及配套设施完好率", "房屋完好率", "房屋本体完好率",
                        "共用部位完好率", "房屋及公共设施完好率",
                        "房屋配套设施完好率"],
    I.REPAIR_TIMELY: ["零修[、,]?急修及时率", "零修及急修及时率", "零修和急修及时率", "维修及时率", "报修及时率",
                      "急修及时率", "零修及时率", "维修及时完成率", "零星维修及时率"],
    I.REPAIR_QUALITY: ["维修工程质量合格率", "维修质量合格率", "维修合格率", "维修工程合格率", "工程质量合格率"],
    I.REPAIR_FOLLOWUP: ["维修回访率", "回访率"],
    I.CLEANING: ["清洁保洁率", "保洁率", "清洁率", "环境卫生合格率", "环境卫生达标率", "保洁合格率"],
    I.ROADS_INTACT: ["道路[、,]?路灯及车场完好率", "道路、路灯、车场完好率", "道路完好率", "路灯完好率",
                     "车场完好率", "道路及路灯完好率", "公共道路完好率"],
    I.GREENING: ["绿化完好率", "绿化存活率", "绿化覆盖率", "绿地完好率", "苗木存活率", "存活率", "绿化养护合格率"],
    I.COMPLAINTS_HANDLED: ["有效投诉处理率", "投诉处理率", "投诉答复率", "投诉回复率", "投诉处理及时率", "投诉回访率",
                           "投诉办结率"],
    I.FEE_COLLECTION: ["管理服务费收缴率", "物业服务费收缴率", "物业管理费收缴率", "物业费收缴率", "服务费收缴率",
                       "管理费收缴率", "收缴率", "收费率", "缴费率"],
    I.LETTING: ["商业用房出租率", "商铺出租率", "出租率", "租金收取率", "租金收缴率"],
    I.CERTIFIED_STAFF: ["培训合格率及持证上岗率", "培训合格率", "持证上岗率", "持证率", "上岗率", "持证上岗"],
    I.EQUIPMENT_INTACT: ["设施设备完好率", "设备设施完好率", "共用设施设备完好率", "设备完好率",
                         "机电设备完好率"],
}
GENERIC_RATE = r"[\u4e00-\u9fff]{1,14}率"
# A 率 word not in RATES, classified by its words, in this order (公共道路及停车场完好率, 报修处理及时率).
RATE_WORDS = [(I.SATISFACTION, "满意"), (I.COMPLAINTS_HANDLED, "投诉"), (I.REPAIR_TIMELY, "修.*及时|及时.*修"),
              (I.REPAIR_QUALITY, "修.*合格|工程.*合格"), (I.REPAIR_FOLLOWUP, "回访"), (I.LETTING, "租"),
              (I.FEE_COLLECTION, "收缴|收费|缴费|收取|缴纳"), (I.CERTIFIED_STAFF, "持证|培训|上岗"),
              (I.CLEANING, "清洁|保洁|卫生"), (I.GREENING, "绿|存活|苗木"), (I.ROADS_INTACT, "道路|路灯|车场|停车"),
              (I.BUILDING_INTACT, "房屋|共用部位|公共部位"), (I.EQUIPMENT_INTACT, "设备|设施")]


def classify_rate(word: str):
    """The indicator of a 率 word by the words in it, or None (入住率, 覆盖率 of a survey)."""
    return next((key for key, rx in RATE_WORDS if re.search(rx, word)), None)

TOPICS = {"urgent": ["急修", "紧急维修", "急修工程", "紧急报修", "紧急抢修", "抢修"],
          "general": ["一般维修", "零星维修", "一般修理", "一般报修", "小修", "零修", "日常维修"],
          "repair": ["维修", "报修", "修理"], "complaint": ["投诉", "有效投诉"],
          "fire": ["消防事故", "火警", "火灾", "消防"],
          "cctv": ["监控录像", "录像资料", "监控资料", "录像"], "patrol": ["巡查", "巡逻", "巡视"]}
ACTIONS = {"arrive": ["到场", "赶到", "到达", "到位", "抵达", "上门"], "respond": ["响应"], "accept": ["受理"],
           "done": ["修复", "完成", "解决", "处理完毕", "排除", "修好", "完工", "处理好", "办结", "修理完毕", "处理完"],
           "reply": ["反馈", "答复", "回复", "处理"],
           "keep": ["保存", "保留", "存储", "存档"]}
TIMES = {("urgent", "arrive"): I.URGENT_ARRIVAL, ("urgent", "respond"): I.URGENT_ARRIVAL,
         ("urgent", None): I.URGENT_ARRIVAL, ("urgent", "done"): I.URGENT_FIX,
         ("general", "respond"): I.REPAIR_RESPONSE, ("general", "arrive"): I.REPAIR_RESPONSE,
         ("general", "accept"): I.REPAIR_RESPONSE, ("general", "done"): I.REPAIR_DONE,
         ("repair", "respond"): I.REPAIR_RESPONSE, ("repair", "arrive"): I.URGENT_ARRIVAL,
         ("repair", "accept"): I.REPAIR_RESPONSE, ("repair", "done"): I.REPAIR_DONE,
         ("complaint", "accept"): I.COMPLAINT_RESPONSE, ("complaint", "respond"): I.COMPLAINT_RESPONSE,
         ("complaint", "reply"): I.COMPLAINT_REPLY, ("complaint", "done"): I.COMPLAINT_REPLY,
         ("fire", "arrive"): I.FIRE_ARRIVAL, ("fire", "respond"): I.FIRE_ARRIVAL, ("fire", None): I.FIRE_ARRIVAL,
         ("cctv", "keep"): I.CCTV_RETENTION, ("cctv", None): I.CCTV_RETENTION,
         ("patrol", None): I.PATROL}
FREQUENCIES = {
    I.SURVEY_FREQUENCY: ["满意度测评", "满意度调查", "满意率测评", "满意率调查",
                        "测评", "普测", "意见调查", "问卷调查"],
    I.PATROL: ["巡查", "巡逻", "巡视"],
    I.FIRE_DRILL: ["消防演练", "消防演习", "疏散演练", "演练", "演习"],
    I.CLEANING_FREQUENCY: ["清洁", "清扫", "保洁", "打扫", "拖洗"],
    I.COMMUNITY_EVENTS: ["社区文化活动", "文化活动", "社区活动", "文体活动"],
    I.FINANCE_DISCLOSURE: ["财务收支", "收支明细", "收支情况", "财务状况",
                          "公示收支", "公布财务", "财务公示", "收支公示",
                           "公示"],
}
STAFF = ["项目定员", "定员", "人员总数", "员工总数", "总人数", "总定员", "共配置", "共配备", "人员编制", "编制", "共计",
         "合计", "总计", "共有员工", "配置总人数", "派驻", "驻场", "定编", "人数",
         "服务人员"]


def _regex(words: Iterable[str]) -> re.Pattern:
    return re.compile("|".join(sorted(words, key=lambda w: len(re.sub(r"\(.*?\)|\[.*?\]|\?", "", w)), reverse=True)))


def _index(table: dict) -> tuple[re.Pattern, list[tuple[re.Pattern, object]]]:
    pairs = [(re.compile(w), key) for key, words in table.items() for w in words]
    return _regex(w for words in table.values() for w in words), pairs


RATE_RE, RATE_KEYS = _index(RATES)
GENERIC_RATE_RE = re.compile(GENERIC_RATE)
TOPIC_RE, TOPIC_KEYS = _index(TOPICS)
ACTION_RE, ACTION_KEYS = _index(ACTIONS)
FREQ_RE, FREQ_KEYS = _index(FREQUENCIES)
STAFF_RE = _regex(STAFF)


def _key(word: str, pairs) -> object:
    return next(key for rx, key in pairs if rx.fullmatch(word))


def mentions(text: str, kind: str) -> list[tuple[int, int, object]]:
    """(start, end, key) of each name of `kind` in text: rate, topic, action, freq or staff.

    For rates an unknown 率 word is a mention too, with key None, so a value next to it is not
    given to a catalogue indicator named further away.
    """
    if kind == "rate":
        known = [(m.start(), m.end(), _key(m.group(), RATE_KEYS)) for m in RATE_RE.finditer(text)]
        spans = [(s, e) for s, e, _ in known]
        unknown = [(m.start(), m.end(), classify_rate(m.group())) for m in GENERIC_RATE_RE.finditer(text)
                   if not any(s <= m.end() - 1 < e for s, e in spans)]
        return sorted(known + unknown)
    rx, pairs = {"topic": (TOPIC_RE, TOPIC_KEYS), "action": (ACTION_RE, ACTION_KEYS),
                 "freq": (FREQ_RE, FREQ_KEYS), "staff": (STAFF_RE, None)}[kind]
    return [(m.start(), m.end(), _key(m.group(), pairs) if pairs else "staff") for m in rx.finditer(text)]


def rate_of(name: str):
    """The rate indicator a table's 指标名称 cell names, or None."""
    found = [k for _, _, k in mentions(name, "rate") if k]
    return found[0] if found else None
