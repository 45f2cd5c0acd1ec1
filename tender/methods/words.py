"""The published method in words: what bidders read on the public page and experts before scoring."""
from __future__ import annotations

from scoring.evaluation.low_price import LowPriceRule
from scoring.evaluation.method import Count, PriceScale, Range, Tiers
from scoring.evaluation.price import UNIT_RULES, BaseRule, RatioFormula

BASES = {"lowest": "最低有效报价", "mean": "有效报价的算术平均值", "fixed": "招标文件确定的价格"}


def base_words(base: BaseRule) -> str:
    words = BASES[base.kind] + (f"{base.fixed}元" if base.kind == "fixed" else "")
    if base.kind == "mean" and base.drop_extremes_from:
        words += f"（有效报价不少于{base.drop_extremes_from}个时去掉一个最高价和一个最低价）"
    if base.factor != 1:
        words += f"乘以{base.factor}"
    return "基准价为" + words


def price_words(scale: PriceScale) -> str:
    """The formula as a sentence, with its rounding note (issue 12 scope 2: rounding shown beside results)."""
    f = scale.formula
    if isinstance(f, RatioFormula):
        text = f"价格分＝基准价÷{scale.price_item}×{f.weight}；{base_words(f.base)}"
        if f.cap_at_weight:
            text += f"；最高{f.weight}分"
    else:
        unit = "1%" if f.unit_amount is None else f"{f.unit_amount}元"
        text = (f"{base_words(f.base)}；{scale.price_item}等于基准价得{f.weight}分，每高于基准价{unit}扣"
                f"{f.above_per_unit}分，每低于{unit}扣{f.below_per_unit}分（{UNIT_RULES[f.part_unit]}）")
        if f.max_deduction is not None:
            text += f"，最多扣{f.max_deduction}分"
        text += f"，最低{f.floor}分"
    if f.zero_beyond_pct is not None:
        text += f"；偏离基准价超过{f.zero_beyond_pct}%的得0分"
    return f"{text}。{f.rounding.note}。"


def scale_words(scale) -> str:
    if isinstance(scale, Tiers):
        return "；".join(f"{t.descriptor}：{t.points}分" for t in scale.tiers)
    if isinstance(scale, Range):
        return f"评委在0至满分之间打分，以{scale.step}分为单位"
    if isinstance(scale, Count):
        return f"每{scale.unit}得{scale.points_each}分，以满分为限（客观分，由系统计算）"
    return price_words(scale)


def plain(value) -> str:
    """A Decimal without exponent or trailing zeros: 80, 32.5, 2200."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(share) -> str:
    return f"{plain(share * 100)}%"


def low_price_words(rule: LowPriceRule) -> str:
    """When the committee asks a bidder to explain its price in writing (条例第五十一条（五）, 评标规定第二十一条)."""
    tests = []
    if rule.mean_share is not None:
        tests.append(f"投标报价低于全部有效报价算术平均值的{percent(rule.mean_share)}")
    if rule.ceiling_share is not None:
        tests.append(f"投标报价低于最高投标限价{rule.ceiling}元的{percent(rule.ceiling_share)}")
    floor = f"（各岗位月工资按不低于当地最低工资标准{rule.minimum_wage}元计）" if rule.minimum_wage is not None else ""
    tests.append(f"投标报价低于按其人员配置表测算的年人工成本{floor}，单位社会保险费率按{percent(rule.social_insurance_rate)}计")
    if rule.minimum_wage is not None:
        tests.append(f"人员配置表中任一岗位月工资低于当地最低工资标准{rule.minimum_wage}元")
    return ("有下列情形之一的，评标委员会要求投标人在规定期限内作出书面说明并提供证明材料，"
            "不能合理说明的按低于成本否决其投标：" + "；".join(f"（{n}）{t}" for n, t in enumerate(tests, 1)) + "。")
