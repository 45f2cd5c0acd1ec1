"""Staff's edits of a method, read from the editor's fields: the edited copy, or Chinese messages per field.

The editor shows every gate item and every leaf of the criteria tree with its own inputs,
named `<kind>-<code>-<part>`; the structure itself comes from the template. The numbers are
parsed here and the whole method checked by `method_problems`, whose messages name the item.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from scoring.evaluation.low_price import LowPriceRule
from scoring.evaluation.method import Criterion, GateItem, Group, PriceScale, Range, ScoringMethod, Tier, Tiers
from scoring.evaluation.outliers import OutlierRule
from scoring.evaluation.price import BaseRule, DeviationFormula, RatioFormula
from scoring.evaluation.rounding import Rounding
from tender.methods.limits import DESCRIPTOR, NUMBER, REQUIREMENT, TITLE
from tender.methods.words import plain


class EditError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("；".join(errors.values()))
        self.errors = errors


def edited_method(method: ScoringMethod, data: Mapping[str, str]) -> ScoringMethod:
    """`method` with the posted values applied; EditError naming each field that cannot be read."""
    errors: dict[str, str] = {}
    reader = _Reader(data, errors)
    gates = tuple(_gate(g, reader) for g in method.gates)
    criteria = tuple(_node(n, reader) for n in method.criteria)
    places = reader.number("rounding-places", Decimal(method.rounding.places), "保留小数位数")
    if not errors and (places != int(places) or not 0 <= places <= 6):
        errors["rounding-places"] = "保留小数位数须为0到6之间的整数"
    low_price = _low_price(reader, method.low_price)
    outliers = _outliers(reader, method.outliers)
    if errors:
        raise EditError(errors)
    rounding = Rounding(int(places), method.rounding.mode)
    return dataclasses.replace(method, gates=gates, criteria=tuple(_rounded(n, rounding) for n in criteria),
                               rounding=rounding, low_price=low_price, outliers=outliers)


class _Reader:
    def __init__(self, data: Mapping[str, str], errors: dict[str, str]):
        self.data, self.errors = data, errors

    def text(self, name: str, default: str, limit: int, label: str) -> str:
        value = self.data.get(name, default).strip()
        if len(value) > limit:
            self.errors[name] = f"{label}不能超过{limit}个字"
        elif not value and default:
            self.errors[name] = f"请填写{label}"
        return value

    def number(self, name: str, default: Decimal, label: str) -> Decimal:
        raw = self.data.get(name, str(default)).strip()
        try:
            value = Decimal(raw) if len(raw) <= NUMBER else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.errors[name] = f"{label}须为数字"
            return default
        return value


def _gate(gate: GateItem, r: _Reader) -> GateItem:
    key = f"gate-{gate.code}"
    return dataclasses.replace(gate, title=r.text(f"{key}-title", gate.title, TITLE, "审查项名称"),
                               requirement=r.text(f"{key}-requirement", gate.requirement, REQUIREMENT, "审查标准"))


def _node(node, r: _Reader):
    if isinstance(node, Group):
        return dataclasses.replace(node, children=tuple(_node(c, r) for c in node.children))
    key = f"leaf-{node.code}"
    points = r.number(f"{key}-points", node.max_points, f"“{node.title}”的分值")
    leaf = dataclasses.replace(node, title=r.text(f"{key}-title", node.title, TITLE, "评分项名称"), max_points=points)
    scale = node.scale
    if isinstance(scale, Tiers):
        scale = Tiers(_tiers(r, f"{key}-tiers", scale))
    elif isinstance(scale, Range):
        scale = Range(r.number(f"{key}-step", scale.step, f"“{node.title}”的步长"))
    elif isinstance(scale, PriceScale):
        scale = dataclasses.replace(scale, formula=_formula(r, key, scale.formula, points))
    else:
        scale = dataclasses.replace(scale, points_each=r.number(f"{key}-each", scale.points_each,
                                                                   f"“{node.title}”的每项得分"))
    return dataclasses.replace(leaf, scale=scale)


FORMULAS = {"ratio": "基准价÷报价×满分", "deviation": "按偏离基准价的百分比扣分"}
BASE_KINDS = {"lowest": "最低有效报价", "mean": "有效报价平均值"}


def _formula(r: _Reader, key: str, old, points: Decimal):
    """The price formula staff chose (ratio or deviation) with its base and deductions; the weight is the points."""
    kind = r.data.get(f"{key}-formula", "ratio" if isinstance(old, RatioFormula) else "deviation")
    base_kind = r.data.get(f"{key}-base", old.base.kind)
    if kind not in FORMULAS or base_kind not in (*BASE_KINDS, old.base.kind):
        r.errors[f"{key}-formula"] = "请从列表中选择价格公式和基准价"
        return old
    base = old.base if base_kind == old.base.kind else BaseRule(base_kind)
    if kind == "ratio":
        formula = old if isinstance(old, RatioFormula) else RatioFormula(points)
        return dataclasses.replace(formula, weight=points, base=base)
    formula = old if isinstance(old, DeviationFormula) else DeviationFormula(points)
    above = r.number(f"{key}-above", formula.above_per_unit, "高于基准价每1%扣分")
    below = r.number(f"{key}-below", formula.below_per_unit, "低于基准价每1%扣分")
    if above < 0 or below < 0:
        r.errors[f"{key}-above"] = "扣分不能为负数"
    return dataclasses.replace(formula, weight=points, base=base, above_per_unit=above, below_per_unit=below)


def tiers_text(scale: Tiers) -> str:
    """One tier a line, `points|descriptor`, as the editor shows them."""
    return "\n".join(f"{t.points}|{t.descriptor}" for t in scale.tiers)


def _tiers(r: _Reader, name: str, scale: Tiers) -> tuple[Tier, ...]:
    raw = r.data.get(name)
    if raw is None:
        return scale.tiers
    tiers = []
    for line in (x.strip() for x in raw.splitlines()):
        if not line:
            continue
        points, _, descriptor = line.partition("|")
        try:
            value = Decimal(points.strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or len(descriptor) > DESCRIPTOR:
            r.errors[name] = f"每行一档，写作“分值|评分标准”（评分标准不超过{DESCRIPTOR}字）：{line[:30]}"
            return scale.tiers
        tiers.append(Tier(value, descriptor.strip()))
    return tuple(tiers)


def _rounded(node, rounding: Rounding):
    """The method's rounding applies to its price formulas too, so one note describes both."""
    if isinstance(node, Group):
        return dataclasses.replace(node, children=tuple(_rounded(c, rounding) for c in node.children))
    if isinstance(node, Criterion) and isinstance(node.scale, PriceScale):
        formula = dataclasses.replace(node.scale.formula, rounding=rounding)
        return dataclasses.replace(node, scale=dataclasses.replace(node.scale, formula=formula))
    return node


PERCENT = Decimal(100)
# The trigger's inputs: field suffix, LowPriceRule field, label, whether a percentage of 0–100.
LOW_PRICE_FIELDS = (("mean", "mean_share", "低于有效报价平均值的百分比", True),
                    ("ceiling", "ceiling", "最高投标限价（元）", False),
                    ("ceiling-share", "ceiling_share", "低于最高投标限价的百分比", True),
                    ("wage", "minimum_wage", "当地最低工资标准（元/月）", False),
                    ("insurance", "social_insurance_rate", "单位社会保险费率（%）", True))


def low_price_value(rule: LowPriceRule, suffix: str) -> str:
    """What the editor shows in a trigger field: percentages as 0–100, blank when off."""
    _, name, _, percent = next(f for f in LOW_PRICE_FIELDS if f[0] == suffix)
    value = getattr(rule, name)
    if value is None:
        return ""
    return plain(value * PERCENT if percent else value)


def _low_price(r: _Reader, old: LowPriceRule) -> LowPriceRule:
    """The 第五十一条 trigger (mean share, ceiling share, staffing floor); a blank field switches that test off."""
    values = {}
    for suffix, name, label, percent in LOW_PRICE_FIELDS:
        key, current = f"lowprice-{suffix}", getattr(old, name)
        if key not in r.data:  # not on the page that posted: unchanged
            values[name] = current
            continue
        value = r.number(key, Decimal(0), label) if r.data[key].strip() else None
        if value is not None and (value < 0 or (percent and value > PERCENT)):
            r.errors[key] = f"{label}须在0到100之间" if percent else f"{label}不能为负数"
        values[name] = value / PERCENT if percent and value is not None else value
    values["social_insurance_rate"] = values["social_insurance_rate"] or Decimal(0)
    if values["ceiling_share"] is not None and values["ceiling"] is None:
        r.errors["lowprice-ceiling"] = "按最高投标限价比例判断时须填写最高投标限价"
    if r.errors:
        return old
    return LowPriceRule(**values)


# The outlying-expert thresholds: field suffix, OutlierRule field, label, whether a percentage of 0–100.
OUTLIER_FIELDS = (("far", "far_points", "偏离提示阈值（分）", False),
                  ("favour", "favour_points", "倾向性提示阈值（分）", False),
                  ("favour-share", "favour_share", "倾向性提示的评分项比例（%）", True))


def outlier_value(rule: OutlierRule, suffix: str) -> str:
    _, name, _, percent = next(f for f in OUTLIER_FIELDS if f[0] == suffix)
    value = getattr(rule, name)
    return plain(value * PERCENT if percent else value)


def _outliers(r: _Reader, old: OutlierRule) -> OutlierRule:
    """The thresholds the chair's warnings use; their ranges are checked with the method (`outlier_problems`)."""
    values = {}
    for suffix, name, label, percent in OUTLIER_FIELDS:
        current = getattr(old, name)
        value = r.number(f"outlier-{suffix}", current * PERCENT if percent else current, label)
        values[name] = value / PERCENT if percent else value
    return OutlierRule(**values)
