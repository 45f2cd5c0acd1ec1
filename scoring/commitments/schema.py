"""What a bid commitment is, in one vocabulary shared by the extractor, the benchmark generators and the contract.

Follows ../shared/docs/contract-and-commitments.md §4: a value is a comparator, a number and a
unit, optionally with a period (每月) or a deadline (两年内, 第三年); rates are "higher is better",
times "lower is better". An indicator is a catalogue key, never free text, so a commitment found
in a bid, one planted by a generator and a row of the contract's 附件五 compare as equal values.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Indicator(StrEnum):
    """The catalogue: key, then the name the contract's 附件五 prints."""

    def __new__(cls, key: str, label: str):
        member = str.__new__(cls, key)  # StrEnum with a label beside each value
        member._value_ = key
        member.label = label
        return member

    SATISFACTION = "satisfaction", "业主综合满意率"
    SURVEY_FREQUENCY = "survey_frequency", "满意度测评频次"
    BUILDING_INTACT = "building_intact", "房屋及配套设施完好率"
    REPAIR_TIMELY = "repair_timely", "零修、急修及时率"
    REPAIR_QUALITY = "repair_quality", "维修工程质量合格率"
    REPAIR_FOLLOWUP = "repair_followup", "维修回访率"
    CLEANING = "cleaning", "清洁保洁率"
    ROADS_INTACT = "roads_intact", "道路、路灯及车场完好率"
    GREENING = "greening", "绿化完好率"
    COMPLAINTS_HANDLED = "complaints_handled", "有效投诉处理率"
    FEE_COLLECTION = "fee_collection", "管理服务费收缴率"
    LETTING = "letting", "商业用房出租率"
    CERTIFIED_STAFF = "certified_staff", "培训合格率及持证上岗率"
    EQUIPMENT_INTACT = "equipment_intact", "设施设备完好率"
    URGENT_ARRIVAL = "urgent_arrival", "急修到场时间"
    URGENT_FIX = "urgent_fix", "急修修复时间"
    REPAIR_RESPONSE = "repair_response", "一般维修响应时间"
    REPAIR_DONE = "repair_done", "一般维修完成时间"
    COMPLAINT_RESPONSE = "complaint_response", "投诉受理时间"
    COMPLAINT_REPLY = "complaint_reply", "投诉处理反馈时间"
    FIRE_ARRIVAL = "fire_arrival", "消防事故到场时间"
    PATROL = "patrol", "重点区域巡查频次"
    CCTV_RETENTION = "cctv_retention", "监控录像保存时间"
    FIRE_DRILL = "fire_drill", "消防演练频次"
    CLEANING_FREQUENCY = "cleaning_frequency", "公共区域清洁频次"
    COMMUNITY_EVENTS = "community_events", "社区文化活动次数"
    FINANCE_DISCLOSURE = "finance_disclosure", "财务收支公示频次"
    STAFF_TOTAL = "staff_total", "项目定员人数"


class Comparator(StrEnum):
    AT_LEAST = "≥"  # 以上, 达到, 不低于, 不少于, 至少 (inclusive)
    AT_MOST = "≤"  # 之内, 以内, 内, 不超过 (inclusive)
    MORE_THAN = ">"  # 超过 (exclusive)
    LESS_THAN = "<"  # 不满, 不足 (exclusive)
    EQUAL = "="  # a bare figure: "100%", "24小时值班"


class Unit(StrEnum):
    PERCENT = "%"
    MINUTE = "分钟"
    HOUR = "小时"
    DAY = "天"
    WORKDAY = "个工作日"
    TIMES = "次"  # with a period: 次/月
    PERSON = "人"
    POINTS = "分"


class Period(StrEnum):
    DAY = "日"
    WEEK = "周"
    MONTH = "月"
    QUARTER = "季"
    HALF_YEAR = "半年"
    YEAR = "年"


@dataclass(frozen=True)
class Commitment:
    """One measurable promise. `deadline` keeps the bid's own words (两年内, 第三年); `page` is 1-based or None."""

    indicator: Indicator
    comparator: Comparator
    value: Decimal
    unit: Unit
    period: Period | None = None
    deadline: str = ""
    page: int | None = None
    source: str = ""  # the sentence or table row it was read from

    def key(self) -> tuple:
        """What must match for a commitment to count as found: the page and source are where, not what."""
        return (self.indicator, self.comparator, self.value.normalize(), self.unit, self.period)
