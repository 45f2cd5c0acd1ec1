"""Commitments from bid text: indicator names, prose, tables (given and written as text), distractors, pages."""
from decimal import Decimal

import pytest

from scoring.commitments.aliases import rate_of
from scoring.commitments.extract import extract_commitments, passage
from scoring.commitments.schema import Comparator as C
from scoring.commitments.schema import Indicator as I
from scoring.commitments.schema import Period as P
from scoring.commitments.schema import Unit as U


def keys(found):
    return [(c.indicator, c.comparator, c.value, c.unit, c.period) for c in found]


@pytest.mark.parametrize("name, indicator", [
    ("业主满意率", I.SATISFACTION), ("客户满意率", I.SATISFACTION), ("综合满意率", I.SATISFACTION),
    ("业主综合满意率", I.SATISFACTION), ("房屋及配套设施完好率", I.BUILDING_INTACT),
    ("零修、急修及时率", I.REPAIR_TIMELY),
    ("维修及时率", I.REPAIR_TIMELY), ("维修工程质量合格率", I.REPAIR_QUALITY), ("维修回访率", I.REPAIR_FOLLOWUP),
    ("清洁保洁率", I.CLEANING), ("道路、路灯及车场完好率", I.ROADS_INTACT), ("绿化存活率", I.GREENING),
    ("有效投诉处理率", I.COMPLAINTS_HANDLED), ("管理服务费收缴率", I.FEE_COLLECTION), ("收费率", I.FEE_COLLECTION),
    ("商业用房出租率", I.LETTING), ("持证上岗率", I.CERTIFIED_STAFF), ("设施设备完好率", I.EQUIPMENT_INTACT),
    ("入住率", None), ("覆盖率", None),
])
def test_rate_names(name, indicator):
    assert rate_of(name) == indicator


@pytest.mark.parametrize("text, expected", [
    ("业主综合满意率达到95%以上", [(I.SATISFACTION, C.AT_LEAST, 95, U.PERCENT, None)]),
    ("接到急修请求后十五分钟之内赶到现场", [(I.URGENT_ARRIVAL, C.AT_MOST, 15, U.MINUTE, None)]),
    ("接到报修后30分钟内到场", [(I.URGENT_ARRIVAL, C.AT_MOST, 30, U.MINUTE, None)]),
    ("急修6小时内到位，12小时内修复", [(I.URGENT_ARRIVAL, C.AT_MOST, 6, U.HOUR, None),
                                   (I.URGENT_FIX, C.AT_MOST, 12, U.HOUR, None)]),
    ("一般维修1小时内响应,24小时内完成", [(I.REPAIR_RESPONSE, C.AT_MOST, 1, U.HOUR, None),
                                    (I.REPAIR_DONE, C.AT_MOST, 24, U.HOUR, None)]),
    ("投诉2小时内受理,48小时内反馈,复杂投诉不超过5个工作日", [
        (I.COMPLAINT_RESPONSE, C.AT_MOST, 2, U.HOUR, None), (I.COMPLAINT_REPLY, C.AT_MOST, 48, U.HOUR, None),
        (I.COMPLAINT_REPLY, C.AT_MOST, 5, U.WORKDAY, None)]),
    ("消防事故3分钟之内赶到现场", [(I.FIRE_ARRIVAL, C.AT_MOST, 3, U.MINUTE, None)]),
    ("监控录像保存不少于30天", [(I.CCTV_RETENTION, C.AT_LEAST, 30, U.DAY, None)]),
    ("消防设施每月检查1次,每半年组织1次消防演练", [(I.FIRE_DRILL, C.EQUAL, 1, U.TIMES, P.HALF_YEAR)]),
    ("公共区域每日清洁不少于2次", [(I.CLEANING_FREQUENCY, C.AT_LEAST, 2, U.TIMES, P.DAY)]),
    ("每年2次以上社区文化活动", [(I.COMMUNITY_EVENTS, C.AT_LEAST, 2, U.TIMES, P.YEAR)]),
    ("每半年公布财务状况", [(I.FINANCE_DISCLOSURE, C.EQUAL, 1, U.TIMES, P.HALF_YEAR)]),
    ("每年一次普测,沟通面不低于30%", [(I.SURVEY_FREQUENCY, C.EQUAL, 1, U.TIMES, P.YEAR)]),
    ("项目定员不得少于19人，其中项目经理1人", [(I.STAFF_TOTAL, C.AT_LEAST, 19, U.PERSON, None)]),
    ("技术人员100%持证上岗", [(I.CERTIFIED_STAFF, C.EQUAL, 100, U.PERCENT, None)]),
    ("房屋完好率、绿化完好率均达到98%以上", [(I.GREENING, C.AT_LEAST, 98, U.PERCENT, None),
                                     (I.BUILDING_INTACT, C.AT_LEAST, 98, U.PERCENT, None)]),
    ("业主满意率国家标准为90%，我公司承诺98%", [(I.SATISFACTION, C.EQUAL, 98, U.PERCENT, None)]),
    ("突发事件抽调不少于20名员工", []),
    ("急修工程不过夜，24小时值班", []),
    ("业主满意率=(满意户数+基本满意户数)/入住总户数×100%", []),
])
def test_prose(text, expected):
    assert keys(passage(text)) == [(i, c, Decimal(v), u, p) for i, c, v, u, p in expected]


def test_phasing_is_kept_as_written():
    found = passage("业主满意率第一年达到90%，两年内达百分之九十五以上")
    assert [(c.value, c.deadline) for c in found] == [(90, "第一年"), (95, "两年内")]


def test_distractor_page_gives_nothing():
    page = ("投标日期：2025年3月15日。服务热线0551-62345678，手机13812345678，24小时值班。总建筑面积12.5万平方米，"
            "共1286户，物业费2.8元/月·㎡，总价300万元。详见第15条及3.2.1节。保洁1人/0.8万㎡。电梯12部。")
    assert extract_commitments([page]) == []


HEADER = ["序号", "指标名称", "国家标准", "承诺指标", "测定依据"]
ROWS = [["1", "业主满意率", "≥90%", "≥95%", "(满意户数+基本满意户数)/入住总户数×100%"],
        ["2", "零修、急修及时率", "99%", "100%", "及时完成次数/报修次数×100%"],
        ["3", "一般维修", "2小时内响应", "1小时内响应，24小时内完成", "抽查"]]
WANT = [(I.SATISFACTION, C.AT_LEAST, Decimal(95), U.PERCENT, None), (I.REPAIR_TIMELY, C.EQUAL, Decimal(100), U.PERCENT,
        None), (I.REPAIR_RESPONSE, C.AT_MOST, Decimal(1), U.HOUR, None), (I.REPAIR_DONE, C.AT_MOST, Decimal(24), U.HOUR,
                                                                          None)]


def test_given_table_reads_the_commitment_column_not_the_standard():
    page_text = "管理指标承诺\n" + "\n".join(" ".join(r) for r in [HEADER, *ROWS])  # the table's text as extracted
    found = extract_commitments(["封面", page_text], [None, [[HEADER, *ROWS]]])
    assert keys(found) == WANT
    assert {c.page for c in found} == {2} and found[0].source.startswith("1 | 业主满意率")


def test_a_single_table_per_page_is_accepted():
    assert keys(extract_commitments(["", ""], [None, [HEADER, *ROWS]])) == WANT


def test_commitment_column_found_by_its_header_wherever_it_stands():
    header = ["项目", "我公司承诺指标", "国优标准"]
    rows = [["房屋完好率", "98%以上", "95%"], ["绿化完好率", "≥99%", "≥95%"]]
    found = extract_commitments([""], [[[header, *rows]]])
    assert [(c.indicator, c.value) for c in found] == [(I.BUILDING_INTACT, 98), (I.GREENING, 99)]


@pytest.mark.parametrize("render", [
    lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in rows),
    lambda rows: "\n".join("\t".join(r) for r in rows),
    lambda rows: "\n".join("  ".join(r) for r in rows),
    lambda rows: "\n".join(c for r in rows for c in r),
], ids=["pipes", "tabs", "spaces", "one-cell-a-line"])
def test_tables_written_as_text(render):
    rows = [HEADER, *[[c.replace("，", ",") for c in r] for r in ROWS]]
    assert keys(extract_commitments(["前言", "承诺如下：\n" + render(rows) + "\n以上为承诺。"])) == WANT


def test_pages_are_numbered_from_one_and_repeats_kept_once_a_page():
    pages = ["业主满意率≥95%；业主满意率≥95%", "无", "急修15分钟内到场；业主满意率≥95%"]
    found = extract_commitments(pages)
    assert [(c.indicator, c.page) for c in found] == [(I.SATISFACTION, 1), (I.URGENT_ARRIVAL, 3), (I.SATISFACTION, 3)]
    assert found[1].source == "急修15分钟内到场"


@pytest.mark.parametrize("name, indicator", [
    ("公共道路及停车场完好率", I.ROADS_INTACT), ("报修处理及时率", I.REPAIR_TIMELY), ("绿化养护完好率", I.GREENING),
    ("房屋本体及配套设施完好率", I.BUILDING_INTACT), ("业主投诉处理率", I.COMPLAINTS_HANDLED),
    ("经营性用房出租率", I.LETTING), ("员工持证上岗率", I.CERTIFIED_STAFF), ("共用设施设备完好率", I.EQUIPMENT_INTACT),
])
def test_rate_names_outside_the_alias_list_are_classified_by_their_words(name, indicator):
    assert rate_of(name) == indicator


def test_a_text_table_continued_on_the_next_page_without_its_header():
    first = "承诺指标表\n" + "\n".join("\t".join(r) for r in [HEADER, ROWS[0]])
    second = "\t".join(ROWS[1]) + "\n以下为其他内容 共有 2 段\n国家标准 100%"
    found = extract_commitments([first, second])
    assert keys(found) == WANT[:2] and [c.page for c in found] == [1, 2]


def test_a_tab_table_does_not_swallow_the_prose_after_it():
    page = "\n".join("\t".join(r) for r in [HEADER, ROWS[0]]) + "\n小修项目 不超过3天修好"
    assert keys(extract_commitments([page]))[-1] == (I.REPAIR_DONE, C.AT_MOST, Decimal(3), U.DAY, None)


def test_a_sentence_wrapped_over_two_lines_is_read_whole():
    page = "我公司在本项目管理期间郑重承诺，入住一年后业主综合满意率达到\n95%以上。\n● 急修15分钟内到场"
    assert keys(extract_commitments([page])) == [(I.SATISFACTION, C.AT_LEAST, Decimal(95), U.PERCENT, None),
                                                 (I.URGENT_ARRIVAL, C.AT_MOST, Decimal(15), U.MINUTE, None)]


def test_a_bulleted_promise_is_not_taken_for_a_table_header():
    found = extract_commitments(["● 承诺投诉处理率不低于百分之九十八。"])
    assert keys(found) == [(I.COMPLAINTS_HANDLED, C.AT_LEAST, Decimal(98), U.PERCENT, None)]
