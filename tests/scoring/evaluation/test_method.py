"""Scoring methods: the real tables of scoring-methods.md §2 expressed and checked, marks, counts, negatives."""

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.evaluation import Count, Criterion, Group, MethodError, PriceScale, Range, ScoringMethod, Tier, Tiers
from scoring.evaluation import method as scheme
from scoring.evaluation.aggregate import TieBreak
from scoring.evaluation.outliers import OutlierRule
from scoring.evaluation.price import BaseRule, DeviationFormula, lowest_price
from scoring.evaluation.templates import TEMPLATES, comprehensive, plan

D = Decimal


def tiered(code, title, points, *tiers):
    return Criterion(code, title, "technical", D(points), Tiers(tuple(Tier(D(t), f"第{i + 1}档")
                                                                    for i, t in enumerate(tiers))))


def test_section_2_t1_table_is_expressible_with_its_tiers():
    """T1: 价格 10 by Cmin/C × 10; 物业管理总体方案 4/2/1/0; 设施设备 3/2/1/0 … (truncated source, padded to 100)."""
    t1 = (
        Criterion("P", "价格", "price", D(10), PriceScale(lowest_price(10))),
        Group("T", "技术", (tiered("T1", "物业管理总体方案", 4, 4, 2, 1, 0),
                            tiered("T2", "设施设备运行维护管理方案", 3, 3, 2, 1, 0),
                            tiered("T3", "园林养护服务方案", 3, 3, 2, 1, 0),
                            tiered("T4", "安保保卫管理方案", 4, 4, 2, 1, 0),
                            Criterion("T9", "其他", "technical", D(76), Range(D(1))))),
    )
    method = scheme.check_method(ScoringMethod("T1", "前期物业", (), t1))
    assert [leaf.code for leaf in method.leaves()] == ["P", "T1", "T2", "T3", "T4", "T9"]
    assert scheme.check_mark(method.criterion("T1"), 2) == 2
    with pytest.raises(MethodError, match="须按档次打分：4/2/1/0"):
        scheme.check_mark(method.criterion("T1"), 3)


def test_section_2_t7_tiers_below_the_weight_are_a_warning_not_an_error():
    """T7: 整体物业管理服务方案 weight 4, tiers 3/2/1/0 (max below weight); 环境管理方案 5 with 4/3/2/0."""
    items = (tiered("A", "整体物业管理服务方案", 4, 3, 2, 1, 0), tiered("B", "环境管理方案", 5, 4, 3, 2, 0),
             Criterion("R", "其余", "technical", D(91), Range(D(1))))
    method = ScoringMethod("T7", "前期物业", (), items)
    assert scheme.method_problems(method) == []
    assert scheme.method_warnings(method) == ["“整体物业管理服务方案”：最高档3分低于分值4分，该项无人能得满分",
                                       "“环境管理方案”：最高档4分低于分值5分，该项无人能得满分"]


def test_section_2_older_150_point_scheme_that_does_not_add_up_is_refused():
    """标书 items sum to 108, not 100: the method must say so instead of publishing."""
    items = tuple(Criterion(f"S{i}", t, "technical", D(p), Range(D(1))) for i, (t, p) in enumerate(
        [("企业基本情况", 14), ("服务理念与整体策划", 20), ("管理模式", 16), ("人员配备培训", 8), ("管理制度", 8),
         ("经营管理指标承诺及措施", 10), ("经费收支预算", 12), ("日常管理", 20)]))
    with pytest.raises(MethodError, match="各评分项分值合计108分，应为100分"):
        scheme.check_method(ScoringMethod("标书", "前期物业", (), items))


def test_section_2_t3_fee_system_weights_are_the_template():
    method = TEMPLATES["fee_system"][1]()
    by_section = {}
    for leaf in method.leaves():
        by_section[leaf.section] = by_section.get(leaf.section, 0) + leaf.max_points
    assert by_section == {"price": 40, "technical": 40, "presentation": 10, "site_visit": 10}
    prices = [leaf.title for leaf in method.leaves() if leaf.section == "price"]
    assert prices == ["固定酬金报价", "物业服务支出（成本）预算"]


def test_section_2_t5_counts_times_points_capped():
    leaf = Criterion("B", "类似合同", "business", D(6), Count(D(2), "份合同"))
    assert [scheme.count_score(leaf, n) for n in (0, 2, 3, 9, scheme.MAX_COUNT)] == [0, 4, 6, 6, 6]
    with pytest.raises(MethodError, match="负数"):
        scheme.count_score(leaf, -1)
    for bad in (D("2.5"), "3", True):
        with pytest.raises(MethodError, match="数量须为整数"):
            scheme.count_score(leaf, bad)
    with pytest.raises(MethodError, match="不能超过999"):
        scheme.count_score(leaf, scheme.MAX_COUNT + 1)


def test_a_counted_item_is_on_the_experts_sheet_as_a_count_never_as_typed_points():
    leaf = BASE.criterion("B1")
    assert leaf.by_experts and isinstance(leaf.scale, Count)
    with pytest.raises(MethodError, match="按数量计分，请填写数量（每个项目2分）"):
        scheme.check_mark(leaf, 6)
    assert scheme.needs_reason(leaf, scheme.count_score(leaf, 2)) and not scheme.needs_reason(leaf, D(6))


def test_ranged_marks_follow_the_step_and_reasons_are_needed_below_full_marks():
    leaf = Criterion("D", "述标答辩", "presentation", D(10), Range(D("0.5")))
    assert scheme.check_mark(leaf, "7.5") == D("7.5")
    for bad in ("7.3", "10.5", "-1"):
        with pytest.raises(MethodError, match="以0.5分为单位"):
            scheme.check_mark(leaf, bad)
    assert scheme.needs_reason(leaf, D("9.5")) and not scheme.needs_reason(leaf, 10)


def test_objective_items_are_not_marked_by_experts():
    price = comprehensive().criterion("P1")
    assert not price.by_experts
    with pytest.raises(MethodError, match="客观分"):
        scheme.check_mark(price, 30)


BASE = comprehensive()


def last(leaf):
    """The template with its last item (述标答辩, 10 points) replaced."""
    return lambda m: replace(m, criteria=m.criteria[:-1] + (leaf,))


@pytest.mark.parametrize("change, message", [
    (lambda m: replace(m, criteria=m.criteria[:-1]), "合计90分，应为100分"),
    (last(plan("T1", "重复", 10)), "编号T1重复"),
    (last(tiered("X", "档次过高", 10, 12, 5, 0)), "最高档12分超过分值10分"),
    (last(tiered("X", "单档", 10, 10)), "至少须设两个档次"),
    (last(tiered("X", "重复档", 10, 10, 5, 5)), "互不相同"),
    (last(Criterion("X", "步长", "presentation", D(10), Range(D(3)))), "步长3须大于零且能整除分值10"),
    (last(Criterion("X", "计数", "business", D(10), Count(D(0)))), "每项得分须大于零"),
    (lambda m: replace(m, criteria=(replace(m.criteria[0], max_points=D(20)),) + m.criteria[1:]),
     "价格公式满分30与分值20不一致"),
    (lambda m: replace(m, tie_breaks=(TieBreak("信用"),)), "不存在的部分“信用”"),
    (lambda m: replace(m, procedure="竞价"), "未知的招标方式"),
    (lambda m: replace(m, criteria=()), "至少须有一个评分项"),
    (lambda m: replace(m, outliers=OutlierRule(far_points=D(0))), "偏离提示阈值（分）须大于零"),
    (lambda m: replace(m, outliers=OutlierRule(favour_points=D(-1))), "倾向性提示阈值（分）须大于零"),
    (lambda m: replace(m, outliers=OutlierRule(favour_share=D("1.2"))), "比例须大于0%且不超过100%"),
    (lambda m: replace(m, outliers=OutlierRule(favour_share=D(0))), "比例须大于0%且不超过100%"),
])
def test_methods_that_cannot_be_published_say_why_in_chinese(change, message):
    with pytest.raises(MethodError, match=message):
        scheme.check_method(change(BASE))


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_is_publishable_and_sums_to_100(name):
    method = TEMPLATES[name][1]()
    assert scheme.method_problems(method) == [] and sum(leaf.max_points for leaf in method.leaves()) == 100
    assert method.outliers == OutlierRule()  # the library's thresholds until staff publish others


def test_section_totals_name_the_parts_used_by_tie_breaks():
    assert BASE.section_totals({"P1": D(27), "T1": D(10), "T2": D(3), "B1": D(4), "D1": D("8.5")}) == {
        "价格": 27, "技术": 13, "商务": 4, "述标答辩": D("8.5")}


def test_a_fixed_base_price_warns_about_article_50():
    fixed = DeviationFormula(D(30), BaseRule("fixed", D(1_200_000)), D(1), D(1), unit_amount=D(10_000))
    method = replace(BASE, criteria=(replace(BASE.criteria[0], scale=PriceScale(fixed)),) + BASE.criteria[1:])
    assert scheme.method_problems(method) == []
    assert any("条例第五十条" in w for w in scheme.method_warnings(method))
    assert scheme.method_warnings(BASE) == []
