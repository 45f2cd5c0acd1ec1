"""Generator B's own wording for every catalogue indicator: the names bids use, plausible targets, templates.

Written from the catalogue in ../shared/docs/contract-and-commitments.md §4, not from any bid's text.
Templates hold one slot: ``{v}`` for a value phrase after the name (rates, counts) and ``{t}``,
``{q}`` for a time or a frequency inside a clause ("接到急修电话后{t}到达现场").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring.commitments.schema import Indicator as I
from scoring.commitments.schema import Period as P
from scoring.commitments.schema import Unit as U


@dataclass(frozen=True)
class Spec:
    kind: str  # rate | time | freq | count
    names: tuple[str, ...]  # what a table row or a bullet calls it
    targets: tuple  # rates: numbers; time/count: (number, unit); freq: (number, period)
    clauses: tuple[str, ...] = ()  # prose with {t}/{q}; rates and counts use "{name}{v}"
    formula: str = "以相关记录为准"
    phased: bool = False  # may be promised in steps (第一年…第三年 / 两年内)
    extra: dict = field(default_factory=dict)


# Rates, two lines each: key | names, then | targets (%) | formula | phased?
RATES = """
satisfaction | 业主综合满意率 业主满意率 客户满意率 综合满意率 住户满意率
    | 85 90 92 95 98 | （满意户数+基本满意户数）÷入住总户数×100% | phased
building_intact | 房屋及配套设施完好率 房屋完好率 房屋本体及配套设施完好率
    | 95 97 98 99 | 完好房及基本完好房建筑面积÷总建筑面积×100% |
repair_timely | 零修、急修及时率 零修急修及时率 维修及时率 报修处理及时率
    | 95 98 99 100 | 及时完成的零修急修次数÷报修总次数×100% |
repair_quality | 维修工程质量合格率 维修质量合格率 维修合格率
    | 95 98 99 100 | 验收合格面积÷验收总面积×100% |
repair_followup | 维修回访率 报修回访率 维修后回访率
    | 90 95 98 100 | 回访次数÷维修次数×100% |
cleaning | 清洁保洁率 保洁率 环境清洁保洁率
    | 95 97 98 99 | 已保洁面积÷保洁总面积×100% |
roads_intact | 道路、路灯及车场完好率 道路完好率 路灯完好率 公共道路及停车场完好率
    | 95 96 98 99 | 完好面积（盏数）÷总面积（总盏数）×100% |
greening | 绿化完好率 绿化存活率 绿化养护完好率
    | 95 96 98 | 完好绿化面积÷绿化总面积×100% |
complaints_handled | 有效投诉处理率 投诉处理率 业主投诉处理率 有效投诉回复率
    | 95 98 100 | 已处理投诉件数÷有效投诉件数×100% |
fee_collection | 管理服务费收缴率 物业服务费收缴率 物业费收缴率 服务费收费率
    | 90 92 95 98 | 实收服务费÷应收服务费×100% | phased
letting | 商业用房出租率 商铺出租率 经营性用房出租率
    | 80 85 90 95 | 已出租面积÷可出租总面积×100% | phased
certified_staff | 培训合格率及持证上岗率 员工持证上岗率 员工培训合格率 特种作业人员持证上岗率
    | 95 98 100 | 培训合格（持证）人数÷员工总人数×100% |
equipment_intact | 设施设备完好率 共用设施设备完好率 机电设备完好率
    | 95 98 99 99.5 | 完好设备台数÷设备总台数×100% |
"""


def rates() -> dict[I, Spec]:
    out = {}
    lines = RATES.strip().splitlines()
    for first, second in zip(lines[::2], lines[1::2], strict=True):
        key, names, targets, formula, phased = (part.strip() for part in (first + second).split("|"))
        values = tuple(int(t) if t.isdigit() else t for t in targets.split())
        out[I(key)] = Spec("rate", tuple(names.split()), values, formula=formula, phased=phased == "phased")
    return out


SPECS: dict[I, Spec] = {
    **rates(),
    I.URGENT_ARRIVAL: Spec(
        "time",
        ("急修到场时间", "急修到达现场时间"),
        ((10, U.MINUTE), (15, U.MINUTE), (20, U.MINUTE), (30, U.MINUTE)),
        ("接到急修电话后{t}到达现场", "急修报修后维修人员{t}赶到现场", "水电急修{t}到场处理"),
        "以报修登记时间与到场签到时间为准",
    ),
    I.URGENT_FIX: Spec(
        "time",
        ("急修修复时间", "急修完成时限"),
        ((2, U.HOUR), (4, U.HOUR), (12, U.HOUR), (24, U.HOUR)),
        ("急修项目{t}修复", "一般急修故障{t}排除"),
        "以维修单完工时间为准",
    ),
    I.REPAIR_RESPONSE: Spec(
        "time",
        ("一般维修响应时间", "报修响应时间"),
        ((30, U.MINUTE), (1, U.HOUR), (2, U.HOUR)),
        ("一般维修{t}响应", "日常报修{t}作出响应"),
        "以报修登记时间为准",
    ),
    I.REPAIR_DONE: Spec(
        "time",
        ("一般维修完成时间", "小修完成时限"),
        ((24, U.HOUR), (48, U.HOUR), (3, U.DAY)),
        ("一般维修{t}完成（预约除外）", "小修项目{t}修好"),
        "以维修单完工时间为准",
    ),
    I.COMPLAINT_RESPONSE: Spec(
        "time",
        ("投诉受理时间", "投诉响应时间"),
        ((15, U.MINUTE), (30, U.MINUTE), (1, U.HOUR), (2, U.HOUR)),
        ("业主投诉{t}受理", "客服中心收到投诉后{t}响应"),
        "以客服中心登记时间为准",
    ),
    I.COMPLAINT_REPLY: Spec(
        "time",
        ("投诉处理反馈时间", "投诉回复时限"),
        ((24, U.HOUR), (48, U.HOUR), (7, U.DAY), (5, U.WORKDAY)),
        ("投诉{t}反馈处理结果", "投诉事项{t}答复业主"),
        "以回复记录为准",
    ),
    I.FIRE_ARRIVAL: Spec(
        "time",
        ("消防事故到场时间", "火警到场时间"),
        ((3, U.MINUTE), (5, U.MINUTE)),
        ("发生消防事故时义务消防队员{t}赶到现场", "火警发生后{t}到达着火点"),
        "以消防演练及事故记录为准",
    ),
    I.PATROL: Spec(
        "freq",
        ("重点区域巡查频次", "重点部位巡逻频次"),
        ((4, P.DAY), (6, P.DAY), (8, P.DAY), (2, P.DAY)),
        ("重点区域{per}巡查{q}", "秩序维护员对重点部位{per}巡逻{q}"),
        "以巡更系统记录为准",
    ),
    I.FIRE_DRILL: Spec(
        "freq",
        ("消防演练频次", "消防演习频次"),
        ((1, P.HALF_YEAR), (1, P.YEAR), (2, P.YEAR)),
        ("{per}组织{q}消防演练", "消防演习{per}{q}"),
        "以演练记录及照片为准",
    ),
    I.CLEANING_FREQUENCY: Spec(
        "freq",
        ("公共区域清洁频次", "楼道清扫频次"),
        ((1, P.DAY), (2, P.DAY), (3, P.DAY)),
        ("公共区域{per}清洁{q}", "楼梯及走道{per}清扫{q}"),
        "以保洁巡查记录为准",
    ),
    I.COMMUNITY_EVENTS: Spec(
        "freq",
        ("社区文化活动次数", "社区文化活动频次"),
        ((2, P.YEAR), (4, P.YEAR), (6, P.YEAR), (1, P.QUARTER)),
        ("{per}举办社区文化活动{q}", "社区文化活动{per}开展{q}"),
        "以活动方案及签到表为准",
    ),
    I.FINANCE_DISCLOSURE: Spec(
        "freq",
        ("财务收支公示频次", "财务状况公布频次"),
        ((1, P.HALF_YEAR), (1, P.QUARTER), (1, P.MONTH), (1, P.YEAR)),
        ("{per}公布{q}物业服务资金收支情况", "财务收支明细{per}公示{q}"),
        "以公示栏照片为准",
    ),
    I.SURVEY_FREQUENCY: Spec(
        "freq",
        ("满意度测评频次", "业主满意度调查频次"),
        ((1, P.YEAR), (2, P.YEAR), (1, P.HALF_YEAR)),
        ("{per}开展业主满意度测评{q}", "满意度调查{per}进行{q}"),
        "以调查问卷及统计表为准",
    ),
    I.CCTV_RETENTION: Spec(
        "count",
        ("监控录像保存时间", "录像资料保存期限"),
        ((15, U.DAY), (30, U.DAY), (90, U.DAY)),
        formula="以监控主机存储记录为准",
    ),
    I.STAFF_TOTAL: Spec(
        "count",
        ("项目定员人数", "派驻服务人员总数", "项目定编人数"),
        ((19, U.PERSON), (24, U.PERSON), (36, U.PERSON), (52, U.PERSON)),
        formula="以人员花名册及考勤为准",
    ),
}

PERIOD_WORDS = {
    P.DAY: ("每日", "每天"),
    P.WEEK: ("每周",),
    P.MONTH: ("每月",),
    P.QUARTER: ("每季度", "每季"),
    P.HALF_YEAR: ("每半年",),
    P.YEAR: ("每年", "每年度"),
}

UNIT_WORDS = {U.MINUTE: "分钟", U.HOUR: "小时", U.DAY: "天", U.WORKDAY: "个工作日", U.PERSON: "人"}

# Multi-commitment clauses: one sentence, two time commitments ("1小时内响应，24小时内完成").
PAIRS = {
    (I.URGENT_ARRIVAL, I.URGENT_FIX): ("急修{t1}到位，{t2}修复", "接到急修后{t1}到场，{t2}排除故障"),
    (I.REPAIR_RESPONSE, I.REPAIR_DONE): ("一般维修{t1}响应，{t2}完成", "日常报修{t1}响应、{t2}完工"),
    (I.COMPLAINT_RESPONSE, I.COMPLAINT_REPLY): ("投诉{t1}受理，{t2}反馈", "业主投诉{t1}受理、{t2}回复处理结果"),
}

# Guarantee measures for a table row: deliberately free of numbers with units.
MEASURES = (
    "建立岗位责任制，定期检查考核",
    "实行首问责任制，专人跟踪回访",
    "制定作业标准，管理处每日抽查",
    "引入质量管理体系，按程序文件运作",
    "加强培训，奖惩与绩效挂钩",
    "设立服务热线，全天候受理",
    "落实巡查制度，发现问题及时整改",
)
