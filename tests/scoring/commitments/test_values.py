"""The value grammar, table-driven: comparators, numerals, units, periods, deadlines and masked distractors."""
from decimal import Decimal

import pytest

from scoring.commitments.schema import Comparator as C
from scoring.commitments.schema import Period as P
from scoring.commitments.schema import Unit as U
from scoring.commitments.values import chinese_integer, deadlines, find_values, mask_distractors, normalize, to_number


@pytest.mark.parametrize("text, number", [
    ("95", Decimal(95)), ("98.5", Decimal("98.5")), ("９５", Decimal(95)), ("９８．５", Decimal("98.5")),
    ("十五", Decimal(15)), ("二十四", Decimal(24)), ("一百", Decimal(100)), ("两", Decimal(2)), ("十", Decimal(10)),
    ("九十八点五", Decimal("98.5")), ("三", Decimal(3)), ("一二", Decimal(12)), ("两千零五", Decimal(2005)),
    ("五十", Decimal(50)), ("abc", None), ("", None),
])
def test_numbers(text, number):
    assert to_number(text) == number


def test_chinese_integer_refuses_other_characters():
    assert chinese_integer("十五分") is None and chinese_integer("") is None


@pytest.mark.parametrize("text, comparator, value, unit, period", [
    ("≥90%", C.AT_LEAST, "90", U.PERCENT, None),
    ("达到90%以上", C.AT_LEAST, "90", U.PERCENT, None),
    ("95%以上", C.AT_LEAST, "95", U.PERCENT, None),
    ("不低于95％", C.AT_LEAST, "95", U.PERCENT, None),
    ("达80%", C.AT_LEAST, "80", U.PERCENT, None),
    ("100%", C.EQUAL, "100", U.PERCENT, None),
    ("百分之九十五以上", C.AT_LEAST, "95", U.PERCENT, None),
    ("９８．５%", C.EQUAL, "98.5", U.PERCENT, None),
    ("十五分钟之内", C.AT_MOST, "15", U.MINUTE, None),
    ("5~15分钟之内", C.AT_MOST, "15", U.MINUTE, None),
    ("1小时内", C.AT_MOST, "1", U.HOUR, None),
    ("不超过5个工作日", C.AT_MOST, "5", U.WORKDAY, None),
    ("三天内", C.AT_MOST, "3", U.DAY, None),
    ("七日以内", C.AT_MOST, "7", U.DAY, None),
    ("不少于30天", C.AT_LEAST, "30", U.DAY, None),
    ("2次/年", C.EQUAL, "2", U.TIMES, P.YEAR),
    ("2次以上", C.AT_LEAST, "2", U.TIMES, None),
    ("不得少于19人", C.AT_LEAST, "19", U.PERSON, None),
    ("不少于20名", C.AT_LEAST, "20", U.PERSON, None),
    ("90分以上", C.AT_LEAST, "90", U.POINTS, None),
    ("超过3次", C.MORE_THAN, "3", U.TIMES, None),
    ("不足5人", C.LESS_THAN, "5", U.PERSON, None),
    ("≤ 30 分钟", C.AT_MOST, "30", U.MINUTE, None),
])
def test_one_value(text, comparator, value, unit, period):
    (found,) = find_values(mask_distractors(normalize(text)))
    assert (found.comparator, found.value, found.unit, found.period) == (comparator, Decimal(value), unit, period)


@pytest.mark.parametrize("text", [
    "2024年3月15日", "3月15日", "2025-06-30", "电话0551-62345678", "手机13812345678", "400-123-4567",
    "建筑面积12000㎡", "12.5万平方米", "共1286户", "服务费2.8元/月·㎡", "总价300万元", "第15条", "3.2.1节",
    "8:30-17:30", "保洁1人/0.8万㎡", "电梯12部", "具有5年以上经验", "(满意户数/总户数)×100%",
])
def test_distractors_are_not_values(text):
    assert find_values(mask_distractors(normalize(text))) == []


def test_masking_keeps_offsets():
    text = "２０２４年３月１５日起，满意率９５％"
    assert len(mask_distractors(normalize(text))) == len(text)


def test_two_values_in_one_phrase():
    found = find_values("1小时内响应,24小时内完成")
    assert [(v.value, v.unit, v.comparator) for v in found] == [(1, U.HOUR, C.AT_MOST), (24, U.HOUR, C.AT_MOST)]


@pytest.mark.parametrize("text, words", [("两年内达95%以上", ["两年内"]), ("第三年达95%以上", ["第三年"]),
                                         ("6个月内完成", ["6个月内"]), ("95%以上", [])])
def test_deadlines(text, words):
    assert [w for _, w in deadlines(text)] == words
