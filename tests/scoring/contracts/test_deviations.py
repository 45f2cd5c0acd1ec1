"""The deviation check of a contract's main terms against the winning bid (第四十六条, 条例第五十七条)."""
from __future__ import annotations

from decimal import Decimal as D

from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from scoring.contracts.deviations import Aspect, Terms, check_deviations, target

SATISFACTION = Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST, D("95"), Unit.PERCENT, deadline="两年内")
ARRIVAL = Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, D("15"), Unit.MINUTE)
DRILL = Commitment(Indicator.FIRE_DRILL, Comparator.AT_LEAST, D("2"), Unit.TIMES, period=Period.YEAR)
BID = Terms(fees={"住宅": D("2.50"), "商业": D("6.00")}, annual_total=D("1083600.00"),
            commitments=(SATISFACTION, ARRIVAL, DRILL))


def contract(**changes) -> Terms:
    fields = dict(fees=dict(BID.fees), annual_total=BID.annual_total, commitments=BID.commitments, term_months=36)
    fields.update(changes)
    return Terms(**fields)


def test_a_contract_that_follows_the_bid_has_no_deviation():
    assert check_deviations(contract(), BID, tender_term_months=36) == []
    reordered = contract(commitments=(DRILL, SATISFACTION, ARRIVAL), fees={"商业": D("6.0"), "住宅": D("2.5")})
    assert check_deviations(reordered, BID) == []  # order and trailing zeros are not a difference


def test_a_fee_other_than_the_bid_price_is_a_deviation_either_way():
    (higher,) = check_deviations(contract(fees={"住宅": D("2.80"), "商业": D("6.00")}), BID)
    assert higher.aspect is Aspect.PRICE
    assert (higher.subject, higher.expected, higher.actual) == ("住宅", "2.50", "2.80")
    assert higher.message == "“住宅”收费标准：合同 2.80 元/月·㎡，与中标报价 2.50 元/月·㎡ 不一致。"
    (lower,) = check_deviations(contract(fees={"住宅": D("2.30"), "商业": D("6.00")}), BID)
    assert lower.actual == "2.30"


def test_a_missing_or_extra_property_type_and_a_changed_total_are_deviations():
    found = check_deviations(contract(fees={"住宅": D("2.50"), "车位": D("60")}, annual_total=D("1000000")), BID)
    assert [(d.aspect, d.subject) for d in found] == [(Aspect.PRICE, "商业"), (Aspect.PRICE, "车位"),
                                                      (Aspect.PRICE, "年度总价")]
    assert "合同未列" in found[0].message and "投标报价中没有" in found[1].message


def test_a_weaker_missing_or_unoffered_commitment_is_a_service_standard_deviation():
    weaker = Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST, D("90"), Unit.PERCENT, deadline="两年内")
    slower = Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, D("30"), Unit.MINUTE)
    extra = Commitment(Indicator.STAFF_TOTAL, Comparator.AT_LEAST, D("19"), Unit.PERSON)
    found = check_deviations(contract(commitments=(weaker, slower, extra)), BID)
    assert [(d.aspect, d.subject, d.expected, d.actual) for d in found] == [
        (Aspect.STANDARD, "业主综合满意率", "两年内≥ 95%", "两年内≥ 90%"),
        (Aspect.STANDARD, "急修到场时间", "≤ 15分钟", "≤ 30分钟"),
        (Aspect.STANDARD, "消防演练频次", "≥ 2次/年", ""),
        (Aspect.STANDARD, "项目定员人数", "", "≥ 19人"),
    ]
    assert "低于中标人承诺的 两年内≥ 95%" in found[0].message and "未列入" in found[2].message


def test_a_stronger_commitment_than_offered_is_still_reported():
    stronger = Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, D("10"), Unit.MINUTE)
    (found,) = check_deviations(contract(commitments=(SATISFACTION, stronger, DRILL)), BID)
    assert found.message == "“急修到场时间”：合同约定 ≤ 10分钟，不同于中标人承诺的 ≤ 15分钟。"


def test_the_term_is_checked_only_against_a_term_the_tender_stated():
    assert check_deviations(contract(term_months=24), BID, tender_term_months=None) == []
    (term,) = check_deviations(contract(term_months=24), BID, tender_term_months=36)
    assert term.aspect is Aspect.TERM and term.message == "合同服务期限 24 个月，与招标文件规定的 36 个月不一致。"


def test_targets_print_comparator_value_unit_period_and_phasing():
    assert [target(c) for c in BID.commitments] == ["两年内≥ 95%", "≤ 15分钟", "≥ 2次/年"]
