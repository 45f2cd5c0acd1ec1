"""The project's own 前期物业服务合同, written for this system in the chapter order of the
建设部 model contract (建住房〔2004〕155号): 物业基本情况, 服务内容与质量, 服务费用, 物业的经营与管理,
承接验收, 使用与维护, 专项维修资金, 违约责任, 其他事项, then the annexes.

The wording is the project's; only the structure follows the model. 第四条 sends service quality
to 附件五, the table of the winning bid's confirmed commitments; each row names the 违约责任
article it ties to (`penalty_clause`). `python -m tender.contracts.authoring` writes this text
out as the checked-in template.
"""
from __future__ import annotations

from scoring.commitments.schema import Indicator, Unit
from tender.contracts.blocks import Heading, If, PageBreak, Para, Table, Title

QUALITY_CLAUSE = "第二十条"  # rates and frequencies below the 附件五 standard
RESPONSE_CLAUSE = "第二十一条"  # response and completion times exceeded
STAFFING_CLAUSE = "第二十二条"  # staff on site below the committed number
TIME_UNITS = (Unit.MINUTE, Unit.HOUR, Unit.DAY, Unit.WORKDAY)


def penalty_clause(indicator: Indicator, unit: Unit) -> str:
    """The 违约责任 article a commitment ties to, by what it measures."""
    if indicator is Indicator.STAFF_TOTAL or unit is Unit.PERSON:
        return STAFFING_CLAUSE
    if unit in TIME_UNITS:
        return RESPONSE_CLAUSE
    return QUALITY_CLAUSE


SERVICES = (
    "（一）房屋共用部位的日常维修、养护和管理（共用部位明细见附件三）；",
    "（二）共用设施设备的日常运行、维修、养护和管理（共用设施设备明细见附件四）；",
    "（三）共用部位和相关场地的清洁，生活垃圾的收集与清运，雨水、污水管道的定期疏通；",
    "（四）公共绿地、花木的养护与管理；",
    "（五）物业管理区域内车辆的停放秩序管理；",
    "（六）协助做好公共秩序维护和安全防范工作；",
    "（七）业主装饰装修的管理服务；",
    "（八）物业档案和业主资料的建立、保管与更新。",
)

PREAMBLE = (
    Title("前期物业服务合同"),
    Para("合同编号：{{ reference }}（第 {{ version }} 版）", indent=False, align="right"),
    Para("招标项目编号：{{ tender_reference }}", indent=False, align="right"),
    Para("甲方（建设单位）：{{ tenderer.name }}", indent=False),
    Para("住所：{{ tenderer.address }}", indent=False),
    Para("法定代表人：{{ tenderer.legal_rep }}　　联系方式：{{ tenderer.contact }}", indent=False),
    Para("乙方（物业服务企业）：{{ winner.name }}", indent=False),
    Para("统一社会信用代码：{{ winner.credit_code }}", indent=False),
    Para("住所：{{ winner.address }}", indent=False),
    Para("法定代表人：{{ winner.legal_rep }}　　联系方式：{{ winner.contact }}", indent=False),
    Para("甲方依法通过招标选定乙方为{{ property.name }}提供前期物业管理服务。依照《中华人民共和国民法典》、"
         "《物业管理条例》及有关规定，双方本着平等、自愿、诚信的原则，以招标文件和乙方的中标投标文件为依据，"
         "经协商一致，订立本合同，共同遵守。"),
)

CHAPTERS = (
    Heading("第一章　物业基本情况"),
    Para("第一条　本合同所指物业的基本情况如下："),
    Para("物业名称：{{ property.name }}；", indent=False),
    Para("座落位置：{{ property.location }}；", indent=False),
    Para("总建筑面积：{{ property.floor_area }} 平方米；", indent=False),
    Para("物业构成：{{ property.property_mix }}；", indent=False),
    Para("计划交付日期：{{ property.delivery_date }}。", indent=False),
    Para("物业管理区域的规划平面图见附件一，各类物业的面积构成见附件二。"),

    Heading("第二章　服务内容与质量"),
    Para("第二条　在物业管理区域内，乙方提供下列前期物业管理服务："),
    *(Para(line) for line in SERVICES),
    Para("第三条　乙方在投标文件中承诺的特约服务和便民服务，按投标"
         "文件所载内容提供；其收费由乙方与接受服务的业主另行约定。"),
    Para("第四条　乙方提供的前期物业管理服务应当达到本合同约定的质量标准。质量标准的具体指标、目标值、测定方法及"
         "对应的违约责任条款见附件五《前期物业管理服务质量标准》。附件五所列指标取自乙方中标投标文件的服务承诺，"
         "经甲方逐项核对确认，合同履行期间不得低于该承诺。"),
    Para("第五条　单个业主委托乙方对其专有部分提供维修养护等服务的"
         "，服务内容和费用由双方另行约定，不属于本合同的服务范围。"),

    Heading("第三章　服务费用"),
    Para("第六条　本物业管理区域的物业服务收费采用{{ fee_regime }}。"),
    If('fee_regime == "包干制"', (
        Para("包干制下，业主按其拥有物业的建筑面积交纳物业服务费，乙方自负盈亏；费用不足以支付服务成本的，"
             "乙方不得因此降低附件五约定的服务标准。"),
    )),
    If('fee_regime == "酬金制"', (
        Para("酬金制下，业主按其拥有物业的建筑面积预交物业服务资金，物业服务资金用于本合同约定的服务支出，"
             "结余或不足由全体业主享有或承担；乙方按约定提取酬金：{{ remuneration }}。乙方每年向全体业主公布"
             "物业服务资金的收支情况。"),
    )),
    Para("第七条　物业服务费（或物业服务资金）按物业类型确定，标准如下（单位：元/月·平方米）："),
    Table(("物业类型", "收费标准（元/月·平方米）", "计费面积（平方米）"), "f in fees",
          ("f.property_type", "f.rate", "f.area"), (50, 60, 50)),
    Para("按上述标准测算，年度物业服务费总额为人民币 {{ annual_total }} 元，与乙方中标报价一致。"),
    Para("第八条　已竣工但尚未出售或尚未交付物业买受人的物业，其物业服务费由甲方全额交纳。"),
    Para("第九条　物业服务费按季度交纳，业主应在每季度第一个月的十五日前交纳当季费用。逾期交纳的，乙方可以书面催交；"
         "乙方不得以停水、停电等方式催交。"),

    Heading("第四章　物业的经营与管理"),
    Para("第十条　停车场（库）的车位使用及收费，按照有关规定及甲方与车位使用人的约定执行，乙方负责停放秩序管理。"),
    Para("第十一条　利用物业共用部位、共用设施设备进行经营的，应当依法征得相关业主和乙方的同意，所得收益在扣除"
         "乙方合理成本后归全体业主所有，主要用于补充专项维修资金。"),

    Heading("第五章　物业的承接验收"),
    Para("第十二条　乙方承接物业时，应会同甲方对物业共用部位、共用设施设备进行查验，查验结果作为本合同的补充材料。"),
    Para("第十三条　甲方应在承接查验时向乙方移交竣工验收资料、设施"
         "设备技术资料、物业质量保修文件和物业使用说明文件等资料。"),
    Para("第十四条　承接查验中发现的问题，由甲方在约定期限内负责整改或"
         "委托施工单位整改；保修期内的质量缺陷由甲方依法承担保修责任。"),

    Heading("第六章　物业的使用与维护"),
    Para("第十五条　乙方依据临时管理规约及有关规定，制定物业共用"
         "部位和共用设施设备的使用、公共秩序和环境卫生等管理制度。"),
    Para("第十六条　业主装饰装修房屋的，应事先告知乙方；乙方应将装"
         "饰装修的禁止行为和注意事项书面告知业主，并进行现场巡查。"),
    Para("第十七条　发生危及人身、财产安全的紧急情况时，乙方应立即采取应急措施，并及时通知甲方及相关业主。"),

    Heading("第七章　专项维修资金"),
    Para("第十八条　专项维修资金的交存，按照国家和当地的有关规定执行，由甲方和业主依法交存。"),
    Para("第十九条　专项维修资金专用于物业保修期满后共用部位、共用设施设备的维修、更新和改造，其使用按规定程序办理。"),

    Heading("第八章　违约责任"),
    Para("第二十条　乙方的服务未达到附件五所列比率或频次指标的，甲"
         "方可书面要求乙方限期整改；逾期未整改或整改后仍未达到的，"
         "每项指标每次按当月物业服务费总额的百分之一向甲方支付违约金。"),
    Para("第二十一条　乙方未在附件五约定的时限内响应、到场或完成维修、投诉处理的，每发生一次，按当月物业服务费总额的"
         "千分之五向甲方支付违约金；因此造成业主损失的，依法承担赔偿责任。"),
    Para("第二十二条　乙方在岗人员少于附件六所列人数的，按所缺人数"
         "及缺岗天数，以该岗位月工资标准折算的金额向甲方支付违约金。"),
    Para("第二十三条　甲方未按第八条交纳物业服务费的，应按欠费金额每日万分之五向乙方支付违约金。"),
    Para("第二十四条　因不可抗力或非乙方原因的供水、供电、供气中断"
         "等造成损失的，乙方不承担责任，但应及时采取措施减少损失。"),

    Heading("第九章　其他事项"),
    Para("第二十五条　本合同期限为 {{ term.months }} 个月，自 {{ te"
         "rm.start }} 起至 {{ term.end }} 止。期限未满但业主委员会"
         "与物业服务企业签订的物业服务合同生效的，本合同自该合同生效时终止。"),
    Para("第二十六条　本合同终止时，乙方应将物业管理用房、档案资"
         "料及属于业主的财物移交给甲方或业主委员会，并做好交接。"),
    Para("第二十七条　履行本合同发生争议的，双方协商解决；协商不成的，依法向物业所在地人民法院提起诉讼。"),
    Para("第二十八条　甲方应在本合同签订之日起十五日内将本合同报物业所在地房地产行政主管部门备案。"),
    Para("第二十九条　招标文件、乙方的中标投标文件及本合同附件均为"
         "本合同的组成部分。本合同的价格、服务标准和期限与招标文件"
         "及中标投标文件一致；双方不得再订立背离合同实质性内容的其他协议。"),
    Para("第三十条　本合同一式四份，甲乙双方各执两份，自双方签字盖章之日起生效。"),
    Para("甲方（盖章）：{{ tenderer.name }}", indent=False),
    Para("法定代表人或委托代理人（签字）：　　　　　　　　　　年　　月　　日", indent=False),
    Para("乙方（盖章）：{{ winner.name }}", indent=False),
    Para("法定代表人或委托代理人（签字）：　　　　　　　　　　年　　月　　日", indent=False),
)

ANNEXES = (
    PageBreak(),
    Heading("附件一　规划平面图"),
    Para("（由甲方提供，附于本合同之后。）"),
    Heading("附件二　物业构成明细"),
    Para("{{ property.property_mix }}；总建筑面积 {{ property.floor_area }} 平方米。各类物业的计费面积见第七条。"),
    Heading("附件三　物业共用部位明细"),
    Para("房屋承重结构、主体结构，公共门厅、楼梯间、走廊通道，屋面、外墙面，以及其他依法属于全体业主共有的部位。"),
    Heading("附件四　物业共用设施设备明细"),
    Para("供水、排水、供电、消防、安防监控、电梯、道路、路灯、绿地、停车设施等，以承接查验记录为准。"),
    PageBreak(),
    Heading("附件五　前期物业管理服务质量标准"),
    Para("下表所列指标均为乙方在中标投标文件中作出并经甲方核对确认的服务承诺，共 {{ commitments | length }} 项。"
         "“来源页码”指中标投标文件的页码；“违约责任”指本合同第八章的条款。"),
    Table(("序号", "指标", "目标值", "测定方法", "来源页码", "违约责任"), "c in commitments",
          ("c.number", "c.indicator", "c.target", "c.method", "c.page", "c.clause"), (12, 32, 24, 54, 16, 18)),
    Heading("附件六　项目人员配置"),
    Para("乙方按中标投标文件的人员配置表派驻人员，合计 {{ staffing_total }} 人："),
    Table(("岗位", "人数", "月工资标准（元）"), "s in staffing", ("s.post", "s.headcount", "s.wage"), (60, 40, 60)),
)

CONTRACT = (*PREAMBLE, *CHAPTERS, *ANNEXES)
