"""What a contract is rendered from: plain frozen dataclasses, no database and no request.

`render.render_contract` takes a `ContractContext`; `builder.build_context` fills one from a
tender, its winning bid and the confirmed commitments. The same dataclasses tell template
validation which fields exist (`field_schema`), so a staff template naming a field the context
does not have is refused before any rendering.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass

from scoring.commitments.schema import Indicator, Unit
from tender.vocabulary import Labelled


class FeeRegime(Labelled):
    """第三章's two ways of charging (《物业服务收费管理办法》): the label is what the contract prints."""

    LUMP_SUM = "lump_sum", "包干制"
    COST_PLUS = "cost_plus", "酬金制"


FEE_REGIMES = tuple(r.label for r in FeeRegime)


@dataclass(frozen=True)
class Party:
    name: str
    address: str = ""
    legal_rep: str = ""
    credit_code: str = ""
    contact: str = ""


@dataclass(frozen=True)
class PropertyFacts:
    name: str
    location: str
    floor_area: str  # ㎡, formatted
    property_mix: str = ""
    delivery_date: str = ""


@dataclass(frozen=True)
class FeeRow:
    property_type: str
    rate: str  # 元/月·㎡
    area: str = ""  # ㎡, when the price form gave one


@dataclass(frozen=True)
class CommitmentRow:
    number: int
    indicator: str
    target: str  # comparator, value and unit: "≥ 95%", "两年内≥ 95%", "≤ 15分钟"
    method: str  # measurement method and its frequency
    page: str  # the bid page it came from, "" when typed by staff
    clause: str  # the 违约责任 article it ties to


@dataclass(frozen=True)
class StaffRow:
    post: str
    headcount: int
    wage: str  # 元/月


@dataclass(frozen=True)
class Term:
    months: int
    start: str
    end: str


@dataclass(frozen=True)
class ContractContext:
    reference: str  # the contract number
    version: int
    tender_reference: str
    tenderer: Party  # 甲方, the 建设单位
    winner: Party  # 乙方, the winning company as the registry holds it
    property: PropertyFacts
    fee_regime: str  # a FeeRegime label, as the contract prints it
    remuneration: str  # 酬金制 only: the company's 酬金 as agreed; "" under 包干制
    fees: tuple[FeeRow, ...]
    annual_total: str
    term: Term
    commitments: tuple[CommitmentRow, ...]
    staffing: tuple[StaffRow, ...]
    staffing_total: int
    bid_date: str = ""  # when the winning bid was submitted

    def __post_init__(self):
        if self.fee_regime not in FEE_REGIMES:
            raise ValueError(f"fee_regime must be one of {FEE_REGIMES}")

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def field_schema(cls: type = ContractContext) -> dict:
    """{field: None (a value) | nested schema | [item schema]} for every field a template may name."""
    hints = typing.get_type_hints(cls)
    schema = {}
    for f in dataclasses.fields(cls):
        schema[f.name] = _schema_of(hints[f.name])
    return schema


def _schema_of(hint) -> dict | list | None:
    if dataclasses.is_dataclass(hint):
        return field_schema(hint)
    if typing.get_origin(hint) in (tuple, list):
        (item, *_) = typing.get_args(hint)
        return [_schema_of(item)]
    if isinstance(hint, types.UnionType):
        return None
    return None


# Measurement methods by indicator, offered when staff confirm a commitment (they may change each).
DEFAULT_METHODS = {
    Indicator.SATISFACTION: "（满意户数＋基本满意户数）÷ 调查户数 × 100%，每年书面测评一次",
    Indicator.BUILDING_INTACT: "（完好房＋基本完好房建筑面积）÷ 总建筑面积 × 100%，每季度检查",
    Indicator.REPAIR_TIMELY: "按时完成的零修急修次数 ÷ 报修总次数 × 100%，按报修记录每月统计",
    Indicator.REPAIR_QUALITY: "验收合格的维修面积 ÷ 验收面积 × 100%，每月统计",
    Indicator.REPAIR_FOLLOWUP: "已回访的维修次数 ÷ 维修总次数 × 100%，每月统计",
    Indicator.CLEANING: "达到保洁标准的面积 ÷ 保洁总面积 × 100%，每周抽查",
    Indicator.GREENING: "完好绿化面积 ÷ 绿化总面积 × 100%，每季度检查",
    Indicator.FEE_COLLECTION: "实收物业服务费 ÷ 应收物业服务费 × 100%，按年度财务报表",
    Indicator.COMPLAINTS_HANDLED: "已处理的有效投诉 ÷ 有效投诉总数 × 100%，按投诉登记每月统计",
    Indicator.STAFF_TOTAL: "在岗人员花名册及考勤记录，每月核对",
}
TIME_METHOD = "按报修、投诉登记记录的受理与到场（完成）时间，每月统计"
FREQUENCY_METHOD = "按工作记录核查，每月统计"


def default_method(indicator: Indicator, unit: Unit) -> str:
    if indicator in DEFAULT_METHODS:
        return DEFAULT_METHODS[indicator]
    if unit in (Unit.MINUTE, Unit.HOUR, Unit.DAY, Unit.WORKDAY):
        return TIME_METHOD
    if unit is Unit.TIMES:
        return FREQUENCY_METHOD
    return "按甲方与乙方约定的检查记录，每月统计"
