"""A scoring method as published with the tender (办法第十条（四） 评标标准和评标方法).

Two parts (scoring-methods.md §1): a pass/fail gate (初步评审: qualification and
compliance items; failing one rejects the bid, 条例第五十一条) and a detailed criteria
tree (详细评审) whose leaves carry the points, summing to the method's total (100).

A leaf is scored in one of four ways:
* `Tiers`: the expert picks a tier (4/2/1/0, 优/良/中/差 with points), never a free
  number, and gives a reason below full marks (§2 "Tiered items");
* `Range`: a number from 0 to the maximum in steps (述标答辩 often uses 0.5);
* `Count`: the expert enters how many qualifying items the bid proves (similar projects,
  awards); the points follow from the count: count × points each, capped (`count_score`);
* `PriceScale`: objective, a price formula from `price.py` applied to one price item.

The section of a leaf (price, technical, business, presentation, site visit) groups the
totals and names the tie-break parts. `low_price` is the published trigger of the
abnormally-low-price clarification (条例第五十一条（五）, `low_price.py`): tender documents
state it, so it is part of the method bidders read. `outliers` holds the thresholds of the
outlying-expert warnings (`outliers.py`), published too, so the chair's warnings follow a rule
fixed before anyone scored. After publication the method changes only by an
amendment, so the app stores it as JSON (`serial.py`) and never edits it in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .aggregate import TieBreak, TrimRule
from .low_price import LowPriceRule
from .outliers import OutlierRule
from .price import DeviationFormula, RatioFormula
from .rounding import Rounding, to_decimal

SECTIONS = {"price": "价格", "technical": "技术", "business": "商务", "presentation": "述标答辩",
            "site_visit": "现场考察"}
PROCEDURES = ("前期物业", "三家比价")


class MethodError(ValueError):
    """A method that cannot be published, or a mark the method does not allow; Chinese messages."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("；".join(self.problems))


@dataclass(frozen=True)
class GateItem:
    code: str
    title: str
    group: str = "资格审查"  # 资格审查 | 符合性审查
    requirement: str = ""


@dataclass(frozen=True)
class Tier:
    points: Decimal
    descriptor: str


@dataclass(frozen=True)
class Tiers:
    tiers: tuple[Tier, ...]


@dataclass(frozen=True)
class Range:
    step: Decimal = Decimal("0.5")


@dataclass(frozen=True)
class Count:
    points_each: Decimal
    unit: str = "项"


@dataclass(frozen=True)
class PriceScale:
    formula: RatioFormula | DeviationFormula
    price_item: str = "投标总价"  # which figure of the price form the formula reads


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    section: str
    max_points: Decimal
    scale: Tiers | Range | Count | PriceScale
    note: str = ""

    @property
    def by_experts(self) -> bool:
        """Tiered, ranged and counted items are on each expert's sheet (a count is entered, its points
        computed); prices are computed once from the opened price forms."""
        return isinstance(self.scale, Tiers | Range | Count)


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    children: tuple[Criterion | Group, ...]

    @property
    def max_points(self) -> Decimal:
        return sum((c.max_points for c in self.children), Decimal(0))


@dataclass(frozen=True)
class ScoringMethod:
    name: str
    procedure: str
    gates: tuple[GateItem, ...]
    criteria: tuple[Criterion | Group, ...]
    total: Decimal = Decimal(100)
    trim: TrimRule = field(default_factory=TrimRule)
    tie_breaks: tuple[TieBreak, ...] = (TieBreak("技术"), TieBreak())
    rounding: Rounding = field(default_factory=Rounding)
    note: str = ""
    low_price: LowPriceRule = field(default_factory=LowPriceRule)
    outliers: OutlierRule = field(default_factory=OutlierRule)

    def leaves(self) -> tuple[Criterion, ...]:
        return tuple(_walk(self.criteria))

    def criterion(self, code: str) -> Criterion:
        for leaf in self.leaves():
            if leaf.code == code:
                return leaf
        raise MethodError(f"评分办法中没有评分项{code}")

    def section_totals(self, scores: Mapping[str, Decimal]) -> dict[str, Decimal]:
        """Per section label (价格, 技术 …), the sum of the given leaf scores: the parts of a bid's total."""
        totals: dict[str, Decimal] = {}
        for leaf in self.leaves():
            if leaf.code in scores:
                label = SECTIONS[leaf.section]
                totals[label] = totals.get(label, Decimal(0)) + to_decimal(scores[leaf.code])
        return totals


def _walk(nodes):
    for node in nodes:
        if isinstance(node, Group):
            yield from _walk(node.children)
        else:
            yield node


def method_problems(method: ScoringMethod) -> list[str]:
    """Everything that stops publication, in Chinese; empty when the method can be published."""
    problems = []
    if method.procedure not in PROCEDURES:
        problems.append(f"未知的招标方式：{method.procedure}")
    leaves = method.leaves()
    if not leaves:
        problems.append("详细评审至少须有一个评分项")
    total = sum((leaf.max_points for leaf in leaves), Decimal(0))
    if total != method.total:
        problems.append(f"各评分项分值合计{total}分，应为{method.total}分")
    codes = [leaf.code for leaf in leaves] + [g.code for g in method.gates]
    problems += [f"编号{c}重复" for c in sorted({c for c in codes if codes.count(c) > 1})]
    for leaf in leaves:
        problems += [f"“{leaf.title}”：{p}" for p in _leaf_problems(leaf)]
    labels = {SECTIONS[leaf.section] for leaf in leaves if leaf.section in SECTIONS}
    problems += [f"同分比较规则引用了不存在的部分“{t.part}”" for t in method.tie_breaks
                 if t.part is not None and t.part not in labels]
    return problems + outlier_problems(method.outliers)


def outlier_problems(rule: OutlierRule) -> list[str]:
    """Thresholds that would warn about everyone (zero) or no one (a share above 100 %)."""
    problems = []
    if not rule.far_points > 0:
        problems.append("偏离提示阈值（分）须大于零")
    if not rule.favour_points > 0:
        problems.append("倾向性提示阈值（分）须大于零")
    if not 0 < rule.favour_share <= 1:
        problems.append("倾向性提示的评分项比例须大于0%且不超过100%")
    return problems


def method_warnings(method: ScoringMethod) -> list[str]:
    """Allowed but worth a second look before publication, e.g. T7's tiers topping out below the weight."""
    found = []
    for leaf in method.leaves():
        if isinstance(leaf.scale, Tiers) and leaf.scale.tiers:
            top = max(t.points for t in leaf.scale.tiers)
            if top < leaf.max_points:
                found.append(f"“{leaf.title}”：最高档{top}分低于分值{leaf.max_points}分，该项无人能得满分")
        if isinstance(leaf.scale, PriceScale) and leaf.scale.formula.base.kind == "fixed":
            found.append(f"“{leaf.title}”：以固定价格为基准，注意不得以接近标底作为中标条件（条例第五十条）")
    return found


def check_method(method: ScoringMethod) -> ScoringMethod:
    problems = method_problems(method)
    if problems:
        raise MethodError(problems)
    return method


def _leaf_problems(leaf: Criterion) -> list[str]:
    if leaf.section not in SECTIONS:
        return [f"未知的评分部分{leaf.section}"]
    if leaf.max_points <= 0:
        return ["分值须大于零"]
    scale = leaf.scale
    if isinstance(scale, Tiers):
        return _tier_problems(leaf, scale)
    if isinstance(scale, Range):
        if scale.step <= 0 or leaf.max_points % scale.step:
            return [f"步长{scale.step}须大于零且能整除分值{leaf.max_points}"]
    elif isinstance(scale, Count):
        if scale.points_each <= 0:
            return ["每项得分须大于零"]
    elif to_decimal(scale.formula.weight) != leaf.max_points:
        return [f"价格公式满分{scale.formula.weight}与分值{leaf.max_points}不一致"]
    return []


def _tier_problems(leaf: Criterion, scale: Tiers) -> list[str]:
    points = [t.points for t in scale.tiers]
    if len(points) < 2:
        return ["至少须设两个档次"]
    problems = []
    if max(points) > leaf.max_points:
        problems.append(f"最高档{max(points)}分超过分值{leaf.max_points}分")
    if min(points) < 0 or len(set(points)) != len(points):
        problems.append("各档分值须不小于零且互不相同")
    if any(not t.descriptor.strip() for t in scale.tiers):
        problems.append("每一档须有评分标准描述")
    return problems


def check_mark(leaf: Criterion, value) -> Decimal:
    """An expert's mark for one leaf, as the method allows it, or MethodError saying what is allowed."""
    value = to_decimal(value)
    if isinstance(leaf.scale, Tiers):
        allowed = [t.points for t in leaf.scale.tiers]
        if value not in allowed:
            raise MethodError(f"“{leaf.title}”须按档次打分：{'/'.join(str(p) for p in allowed)}")
    elif isinstance(leaf.scale, Range):
        if not 0 <= value <= leaf.max_points or value % leaf.scale.step:
            raise MethodError(f"“{leaf.title}”得分须在0至{leaf.max_points}之间，以{leaf.scale.step}分为单位")
    elif isinstance(leaf.scale, Count):
        raise MethodError(f"“{leaf.title}”按数量计分，请填写数量（每{leaf.scale.unit}{leaf.scale.points_each}分）")
    else:
        raise MethodError(f"“{leaf.title}”为客观分，由系统计算，评委不打分")
    return value


def needs_reason(leaf: Criterion, value) -> bool:
    """A reason is required for any mark below full marks (issue 12 scope 4)."""
    return to_decimal(value) < leaf.max_points


MAX_COUNT = 999  # no tender counts a thousand similar projects: a typo, not a record


def count_score(leaf: Criterion, count: int) -> Decimal:
    """Counts × points each, capped at the item's points (e.g. similar projects × 2, at most 6)."""
    if not isinstance(leaf.scale, Count):
        raise MethodError(f"“{leaf.title}”不是计数评分项")
    if isinstance(count, bool) or not isinstance(count, int):
        raise MethodError(f"“{leaf.title}”的数量须为整数")
    if count < 0:
        raise MethodError("数量不能为负数")
    if count > MAX_COUNT:
        raise MethodError(f"“{leaf.title}”的数量不能超过{MAX_COUNT}")
    return min(count * to_decimal(leaf.scale.points_each), leaf.max_points)
