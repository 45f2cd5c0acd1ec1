"""Ready-made methods staff start from (scoring-methods.md §1–§3, domain-rules.md §8).

The weights follow the practice the shared notes report (price 10–30 %, technical plan
40–60 %, business/credit 10–20 %, defence or site visit 10–30 %), and the items follow
the real tables T1, T3 and T7. They are starting points: staff edit a copy before
publication, and `check_method` must pass.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .aggregate import TieBreak, TrimRule
from .method import Count, Criterion, GateItem, PriceScale, Range, ScoringMethod, Tier, Tiers, check_method
from .price import BaseRule, DeviationFormula, RatioFormula, lowest_price

D = Decimal

QUALIFICATION = (
    GateItem("Q1", "营业执照", "资格审查", "经营范围包含物业管理"),
    GateItem("Q2", "法定代表人身份证明或授权委托书", "资格审查", "法定代表人或其授权代理人签署"),
    GateItem("Q3", "投标保证金", "资格审查", "按招标文件规定金额从基本账户转出（条例第二十六条）"),
    GateItem("Q4", "物业管理系统录入证明", "资格审查", "企业信息表、从业人员信息表等已审核通过"),
)
COMPLIANCE = (
    GateItem("C1", "投标文件格式", "符合性审查", "按招标文件规定格式编制"),
    GateItem("C2", "签章", "符合性审查", "签字盖章齐全有效"),
    GateItem("C3", "投标报价", "符合性审查", "唯一报价，且不高于最高投标限价"),
    GateItem("C4", "实质性要求", "符合性审查", "响应招标文件全部实质性要求和条件"),
)


def plan(code: str, title: str, points: int, section: str = "technical") -> Criterion:
    """A plan item with four tiers: full / basic / general / none, in proportions like T1's 4/2/1/0."""
    p = D(points)
    tiers = (Tier(p, "内容完整，成熟先进，针对性强"), Tier(_half(p / 2), "基本可行，针对性一般"),
             Tier(_half(p / 4), "内容简单，可行性较差"), Tier(D(0), "未提供"))
    return Criterion(code, title, section, p, Tiers(tiers))


def _half(x: Decimal) -> Decimal:
    """Nearest half point, written without a trailing .0 (3, 1.5)."""
    v = (x * 2).to_integral_value(ROUND_HALF_UP) / 2
    return v.quantize(D(1)) if v == v.to_integral_value() else v.quantize(D("0.1"))


def comprehensive(price_formula: RatioFormula | DeviationFormula | None = None) -> ScoringMethod:
    """前期物业 综合评分法: price 30, technical plan 50 (T1/T7 items), business 10, 述标答辩 10."""
    price = price_formula or lowest_price(30)
    criteria = (
        Criterion("P1", "投标报价", "price", D(price.weight), _price_scale(price), "评标基准价为最低有效报价"),
        plan("T1", "物业管理总体方案", 10), plan("T2", "管理机构设置及人员配备", 6),
        plan("T3", "设施设备运行维护管理方案", 8), plan("T4", "安保及秩序维护方案", 8),
        plan("T5", "保洁及环境管理方案", 6), plan("T6", "园林绿化养护方案", 4),
        plan("T7", "应急预案及消防管理方案", 4), plan("T8", "服务质量承诺及措施", 4),
        Criterion("B1", "类似项目业绩", "business", D(6), Count(D(2), "个项目"), "须附合同关键页，多年合同计一次"),
        Criterion("B2", "市级及以上优秀/示范项目", "business", D(4), Count(D(2), "个项目")),
        Criterion("D1", "述标答辩", "presentation", D(10), Range(D("0.5")), "拟任项目经理到场答辩"),
    )
    return check_method(ScoringMethod("前期物业综合评分法", "前期物业", QUALIFICATION + COMPLIANCE, criteria))


def comprehensive_mean_price() -> ScoringMethod:
    """The same scheme with the §3.2 mean-price baseline: −0.3 per 1 % above, −0.2 per 1 % below."""
    return comprehensive(DeviationFormula(D(30), BaseRule("mean"), D("0.3"), D("0.2"), part_unit="up"))


def fee_system() -> ScoringMethod:
    """T3 酬金制: fixed fee 10, cost budget 30 (closeness to the mean), technical 40, defence 10, site visit 10."""
    budget = DeviationFormula(D(30), BaseRule("mean"), D("0.5"), D("0.5"), part_unit="pro_rata")
    criteria = (
        Criterion("P1", "固定酬金报价", "price", D(10), _price_scale(lowest_price(10), "固定酬金")),
        Criterion("P2", "物业服务支出（成本）预算", "price", D(30), _price_scale(budget, "成本预算")),
        plan("T1", "物业管理总体方案", 12), plan("T2", "管理机构及人员配备", 8),
        plan("T3", "设施设备管理方案", 8), plan("T4", "安保及保洁方案", 8), plan("T5", "服务承诺", 4),
        Criterion("D1", "述标答辩", "presentation", D(10), Range(D("0.5"))),
        Criterion("S1", "案例现场考察", "site_visit", D(10), Range(D("0.5")), "考察投标人在管项目"),
    )
    return check_method(ScoringMethod("前期物业酬金制评分法", "前期物业", QUALIFICATION + COMPLIANCE, criteria))


THREE_QUOTE_GATES = (
    GateItem("Q1", "营业执照", "资格审查", "经营范围包含所需服务"),
    GateItem("C1", "报价单", "符合性审查", "签字盖章，报价唯一且含全部服务内容"),
)


def three_quotes_lowest() -> ScoringMethod:
    """三家比价, lowest compliant price: price score Cmin/C × 100 ranks exactly as the prices do."""
    criteria = (Criterion("P1", "报价", "price", D(100), _price_scale(lowest_price(100))),)
    return check_method(ScoringMethod("三家比价（最低价）", "三家比价", THREE_QUOTE_GATES, criteria,
                                      trim=TrimRule(None), tie_breaks=(TieBreak(),),
                                      note="通过初步评审的报价最低者排名第一"))


def three_quotes_short() -> ScoringMethod:
    """三家比价, short scheme: price 60, service plan 30, similar contracts 10."""
    criteria = (
        Criterion("P1", "报价", "price", D(60), _price_scale(lowest_price(60))),
        plan("T1", "服务方案", 30),
        Criterion("B1", "类似服务合同", "business", D(10), Count(D(5), "份合同")),
    )
    return check_method(ScoringMethod("三家比价（简易评分）", "三家比价", THREE_QUOTE_GATES, criteria,
                                      trim=TrimRule(None)))


def _price_scale(formula, item: str = "投标总价") -> PriceScale:
    return PriceScale(formula, item)


TEMPLATES = {
    "comprehensive": ("前期物业综合评分法（最低价基准）", comprehensive),
    "comprehensive_mean_price": ("前期物业综合评分法（平均价基准）", comprehensive_mean_price),
    "fee_system": ("前期物业酬金制评分法", fee_system),
    "three_quotes_lowest": ("三家比价（最低价）", three_quotes_lowest),
    "three_quotes_short": ("三家比价（简易评分）", three_quotes_short),
}
