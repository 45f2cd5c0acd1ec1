"""Generator of realistic Chinese property-management bid text (物业服务方案), seeded.

All text is written by this module from project-made templates, vocabularies and random
facts, so benchmarks and demo data never carry third-party prose. ``make_bid(seed)``
returns a bid as chapters of paragraphs of sentences; the same seed gives the same bid.
"""

import random
from dataclasses import dataclass

CHAPTERS = ("客户服务", "秩序维护", "保洁服务", "绿化养护", "设施设备管理", "应急预案", "人员配置")
CN_NUM = "一二三四五六七八九十"

TOPIC = {
    "客户服务": (
        ["业主报修", "投诉建议", "来访登记", "装修申请", "钥匙托管", "费用查询", "社区活动", "满意度回访"],
        ["服务中心前台", "客服专员", "管家团队", "值班客服", "楼栋管家"],
        ["首问负责制", "限时办结制", "回访闭环制度", "一站式受理流程", "服务承诺公示制度"],
    ),
    "秩序维护": (
        ["出入口管控", "车辆停放", "夜间巡逻", "消防通道", "外来人员", "监控中心", "快递收发", "高空抛物"],
        ["秩序维护员", "监控值班员", "巡逻岗队员", "门岗队员", "车场管理员"],
        ["二十四小时值班制度", "定点定时巡逻制度", "交接班记录制度", "对讲机联络规程", "门禁卡分级授权制度"],
    ),
    "保洁服务": (
        ["大堂地面", "电梯轿厢", "楼梯扶手", "地下车库", "垃圾分类点", "外墙玻璃", "公共卫生间", "雨污管道"],
        ["保洁员", "保洁领班", "外墙清洗班组", "垃圾清运人员", "消杀专员"],
        ["分区包干责任制", "日清日结制度", "四害消杀计划", "垃圾分类督导制度", "质量巡检评分表"],
    ),
    "绿化养护": (
        ["草坪修剪", "乔木修枝", "花卉更换", "病虫害防治", "灌溉系统", "绿篱整形", "枯枝清理", "土壤施肥"],
        ["绿化工", "园艺技师", "绿化主管", "灌溉管理员"],
        ["季节性养护计划", "月度养护台账", "病虫害巡查表", "苗木补植制度"],
    ),
    "设施设备管理": (
        [
            "供配电系统",
            "电梯设备",
            "给排水泵房",
            "消防水系统",
            "中央空调",
            "弱电智能化",
            "屋面防水",
            "照明线路",
        ],
        ["工程技术员", "电工", "水暖工", "电梯维保单位", "设备主管"],
        ["预防性维护计划", "设备运行台账", "巡检签到制度", "故障分级响应机制", "备品备件管理办法"],
    ),
    "应急预案": (
        ["火灾事故", "电梯困人", "台风暴雨", "停水停电", "燃气泄漏", "治安事件", "公共卫生事件", "管道爆裂"],
        ["应急小组", "现场指挥", "义务消防队", "抢修队伍", "值班经理"],
        ["应急响应流程", "演练评估制度", "物资储备清单", "信息报送制度", "善后处置程序"],
    ),
    "人员配置": (
        ["项目经理", "客服主管", "工程主管", "秩序主管", "保洁主管", "财务专员", "行政文员", "培训专员"],
        ["人力资源部", "项目管理处", "公司总部", "区域督导组"],
        ["岗位说明书", "持证上岗制度", "绩效考核办法", "三级培训体系", "梯队储备计划"],
    ),
}

ADVERBS = ["严格", "认真", "及时", "全面", "定期", "主动", "规范", "统一", "持续", "分级"]
VERBS = ["落实", "执行", "检查", "优化", "跟进", "记录", "督导", "完善", "核查", "评估"]
GOALS = [
    "确保小区环境整洁有序",
    "提升业主的居住满意度",
    "保障业主生命财产安全",
    "延长设施设备使用寿命",
    "降低运行能耗和维修成本",
    "做到问题早发现早处理",
    "实现服务过程可追溯",
    "营造和谐宜居的社区氛围",
    "满足招标文件的各项要求",
    "形成持续改进的管理闭环",
    "减少对业主生活的干扰",
    "保证各项指标达到合同约定",
]
PLACES = ["住宅区", "商业街区", "地下车库", "会所", "幼儿园周边", "东西两个出入口", "沿街商铺", "架空层"]
TIMES = [
    "每日早晚高峰",
    "每周一上午",
    "每月月底",
    "每季度初",
    "节假日期间",
    "夜间二十二时后",
    "雨季来临前",
    "每半年",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志鹏飞宇浩然晨阳欣怡子涵梓萱"
CITY = ["杭州", "宁波", "温州", "绍兴", "嘉兴", "湖州", "金华", "台州", "南京", "苏州", "合肥", "福州"]
ESTATE = ["锦绣", "翠苑", "滨江", "金色", "云栖", "星河", "御景", "香樟", "和园", "春晓", "铂悦", "澜庭"]
SUFFIX = ["花园", "公馆", "府", "名苑", "家园", "里", "雅苑", "城"]
CO_WORD = ["恒信", "宏达", "安居", "德润", "嘉和", "瑞丰", "万安", "同创", "康泰", "鼎盛", "安泰", "众诚"]

AREAS = [
    "一期",
    "二期",
    "三期",
    "北区",
    "南区",
    "东区",
    "西区",
    "一号楼",
    "三号楼",
    "五号楼",
    "七号楼",
    "地下一层",
    "地下二层",
    "裙楼",
    "高层住宅",
    "洋房组团",
    "别墅区",
    "商业裙房",
    "会所周边",
    "中心花园",
    "人车分流区",
    "南门广场",
]
EXTRA = [
    "同时接受业主委员会的监督",
    "相关记录保存不少于三年",
    "考核结果与月度绩效直接挂钩",
    "必要时邀请第三方机构参与评价",
    "整改情况在公告栏公示",
    "每月向甲方提交书面总结",
    "并纳入年度服务质量评估",
    "确保责任落实到具体岗位",
    "避免同类问题重复发生",
    "兼顾节能环保的要求",
    "尽量减少对业主正常生活的影响",
    "重要事项实行双人复核",
]
TEMPLATES = [
    "{time}{staff}对{obj}进行{adv}{verb}，发现问题当场整改，{goal}。",
    "针对{obj}，我司制定了{rule}，由{staff}负责{adv}{verb}，{goal}。",
    "{project}共配置{staff}{n}名，实行{rule}，{time}开展一次专项检查。",
    "在{place}设置{n}个服务点位，{staff}按照{rule}{adv}{verb}{obj}相关工作。",
    "{obj}的处理时限不超过{n}小时，超时由{staff}逐级上报，{goal}。",
    "我们将{obj}纳入{rule}管理，{time}汇总数据并形成书面报告，{goal}。",
    "{company}在{city}管理的同类项目中，{obj}的一次合格率达到百分之{pct}。",
    "项目经理{person}统筹{obj}，{staff}{adv}{verb}每一个环节，{goal}。",
    "对{place}的{obj}，{staff}{time}{adv}{verb}一次，并在台账中签字确认。",
    "如遇{obj}，{staff}须在{n}分钟内到达现场，按照{rule}处置，{goal}。",
    "本方案中{obj}的标准高于行业平均水平，{staff}的考核与{rule}挂钩。",
    "{time}，{staff}会同业主代表对{obj}进行联合检查，{goal}。",
    "{staff}{cn}人一组负责{obj}，{time}{adv}{verb}，{goal}，{extra}。",
    "结合{city}地区的气候特点，{obj}在{time}增加{cn}次巡视，{extra}。",
    "{obj}实行{rule}，{staff}须在{cn}个工作日内完成{verb}，{extra}。",
    "对照{rule}，{place}的{obj}由{staff}{adv}{verb}，发现隐患立即上报{person}，{extra}。",
    "我司在{city}{cn}个在管项目中推行{rule}，{obj}投诉量下降{cn}成，{goal}。",
    "{person}作为{staff}的负责人，{time}复核{obj}记录{cn}份，{extra}。",
]


# Every company writes its stock phrases its own way: a bid picks one variant per phrase
# (its "house style") and keeps it throughout. Without this, two unrelated generated bids
# share 30-character runs by chance (template + goal + extra), which real bids of
# different companies rarely do once common phrases are subtracted.
HOUSE_STYLE: tuple[tuple[str, ...], ...] = (
    ("发现问题当场整改", "问题当场整改到位", "发现不足即时纠正", "有问题随查随改"),
    ("我司", "我公司", "本公司", "我方"),
    ("须在", "应在", "必须在", "务必在"),
    ("到达现场", "赶到现场", "抵达现场", "到场"),
    ("按照", "依据", "遵照", "参照"),
    ("汇总数据并形成书面报告", "整理数据后出具书面报告", "统计数据并编写报告", "汇总台账并提交报告"),
    ("的标准高于行业平均水平", "的要求高于行业通行做法", "的标准优于行业常规", "执行高于行业平均的标准"),
    ("的考核与", "的绩效与", "的奖惩与", "的月度评分与"),
    ("挂钩", "关联", "相挂钩", "联动"),
    ("进行联合检查", "开展联合巡查", "共同检查", "组织联检"),
    ("每一个环节", "各个环节", "全部环节", "每道工序"),
    ("投诉量下降", "投诉率下降", "有效投诉减少", "投诉数量下降"),
    ("相关工作", "各项工作", "日常工作", "具体工作"),
    ("并在台账中签字确认", "并由责任人签字留档", "并在记录表上签名", "并登记备查"),
    ("会同业主代表", "邀请业主代表", "联合业主委员会", "与业主代表一起"),
    ("管理的同类项目中", "在管的类似项目中", "服务过的同类小区中", "承接的同类项目里"),
    ("一次合格率达到百分之", "合格率保持在百分之", "一次验收合格率为百分之", "达标率达到百分之"),
    ("逐级上报", "逐级报告", "层层上报", "按级上报"),
    ("纳入", "列入", "归入", "放入"),
    ("专项检查", "专项巡查", "专题检查", "集中检查"),
    ("设置", "设立", "布置", "安排"),
    ("服务点位", "服务网点", "服务岗位", "值守点"),
    ("处理时限不超过", "办结时限不超过", "响应时限不超过", "处理时间不超过"),
    ("增加", "加密", "追加", "多安排"),
    ("巡视", "巡查", "巡检", "检查"),
    ("个工作日内完成", "个工作日内办结", "个工作日以内完成", "个工作日内落实"),
    ("发现隐患立即上报", "遇到隐患马上报告", "隐患须即时上报", "发现隐患第一时间报告"),
    ("在管项目中推行", "在管项目中全面推行", "在管小区中实施", "在管项目里试行"),
    ("作为", "担任", "身为", "出任"),
    ("的负责人", "的带头人", "的牵头人", "的主管人"),
    ("复核", "抽查", "核对", "审核"),
    ("统筹", "统一协调", "总体负责", "牵头管理"),
    ("结合", "针对", "考虑到", "根据"),
    ("地区的气候特点", "当地的气候条件", "本地的季节特点", "地区的天气特点"),
    ("实行", "推行", "执行", "采用"),
    ("人一组负责", "人为一组承担", "人一班负责", "人编组负责"),
    ("同时接受业主委员会的监督", "并接受业主委员会监督", "业主委员会全程监督", "主动接受业委会监督"),
    ("相关记录保存不少于三年", "记录至少保存三年", "台账保存期限三年以上", "资料存档三年"),
    ("考核结果与月度绩效直接挂钩", "考核结果计入月度绩效", "结果与当月绩效挂钩", "考评结果影响月度奖金"),
    ("必要时邀请第三方机构参与评价", "必要时引入第三方评估", "可请第三方机构评估", "视情况委托第三方评价"),
    ("整改情况在公告栏公示", "整改结果张贴公示", "整改进度对业主公开", "整改情况及时公示"),
    ("每月向甲方提交书面总结", "每月向甲方书面汇报", "按月向甲方报送总结", "月度总结报甲方"),
    ("并纳入年度服务质量评估", "并计入年度质量考评", "年终纳入服务评估", "并列入年度考核"),
    ("确保责任落实到具体岗位", "责任明确到岗到人", "做到责任到岗", "把责任分解到岗位"),
    ("避免同类问题重复发生", "防止类似问题再次出现", "杜绝同类问题反复", "避免问题重复出现"),
    ("兼顾节能环保的要求", "同时注意节能环保", "兼顾绿色节能", "做到节能环保"),
    ("尽量减少对业主正常生活的影响", "减少对业主生活的打扰", "不影响业主正常起居", "降低对住户生活的干扰"),
    ("重要事项实行双人复核", "重要事项双人核对", "关键事项两人复核", "重要环节双人把关"),
    ("确保小区环境整洁有序", "保持小区环境干净有序", "让小区环境整洁有序", "维持园区整洁有序"),
    ("提升业主的居住满意度", "提高住户的满意程度", "让业主住得更满意", "改善业主居住体验"),
    ("保障业主生命财产安全", "守护业主人身财产安全", "保护住户生命财产", "确保住户人身财产安全"),
    ("延长设施设备使用寿命", "延长设备的使用年限", "让设施设备用得更久", "减少设备老化损耗"),
    ("降低运行能耗和维修成本", "节约能耗和维修费用", "压缩运行和维修开支", "控制能耗与维修成本"),
    ("做到问题早发现早处理", "力争问题早发现早解决", "尽早发现并处理问题", "做到早发现早整改"),
    ("实现服务过程可追溯", "保证服务全程可追溯", "服务过程有据可查", "做到全程留痕"),
    ("营造和谐宜居的社区氛围", "营造和睦宜居的社区环境", "打造和谐宜居社区", "建设和谐宜居家园"),
    ("满足招标文件的各项要求", "符合招标文件的全部要求", "响应招标文件各项规定", "达到招标文件要求"),
    ("形成持续改进的管理闭环", "形成不断改进的管理循环", "实现管理持续改进", "构成持续改进的闭环"),
    ("减少对业主生活的干扰", "降低对业主生活的影响", "少打扰业主生活", "避免干扰业主生活"),
    ("保证各项指标达到合同约定", "确保各项指标符合合同约定", "使各项指标满足合同要求", "各项指标均达到合同标准"),
)


def house_style(rng: random.Random) -> dict[str, str]:
    """One variant per stock phrase (the first variant is the phrase as written in the templates)."""
    return {variants[0]: rng.choice(variants) for variants in HOUSE_STYLE}


def apply_style(text: str, style: dict[str, str] | None) -> str:
    if not style:
        return text
    for phrase, variant in sorted(style.items(), key=lambda item: -len(item[0])):
        if phrase != variant and phrase in text:
            text = text.replace(phrase, variant)
    return text


@dataclass(frozen=True)
class Bid:
    """A generated bid: company, project and chapters (title, paragraphs of sentences)."""

    company: str
    project: str
    chapters: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def company_name(rng: random.Random) -> str:
    return f"{rng.choice(CITY)}{rng.choice(CO_WORD)}{rng.choice(CO_WORD)}物业服务有限公司"


def project_name(rng: random.Random) -> str:
    return f"{rng.choice(CITY)}{rng.choice(ESTATE)}{rng.choice(SUFFIX)}"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (二十三): unlike Arabic digits they survive normalisation."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUM[tens - 1] + "十")
    return head + (CN_NUM[ones - 1] if ones else "")


def sentence(
    rng: random.Random, chapter: str, company: str, project: str, style: dict[str, str] | None = None
) -> str:
    objs, staff, rules = TOPIC[chapter]
    obj = rng.choice(objs)
    if rng.random() < 0.7:
        obj = rng.choice(AREAS) + obj
    goal = rng.choice(GOALS)
    if rng.random() < 0.5:
        goal += "，" + rng.choice(EXTRA)
    text = rng.choice(TEMPLATES).format(
        time=rng.choice(TIMES),
        staff=rng.choice(staff),
        obj=obj,
        adv=rng.choice(ADVERBS),
        verb=rng.choice(VERBS),
        goal=goal,
        rule=rng.choice(rules),
        place=rng.choice(PLACES),
        n=rng.randint(2, 60),
        pct=rng.randint(90, 99),
        project=project,
        company=company,
        city=rng.choice(CITY),
        person=person(rng),
        cn=cn_number(rng.randint(2, 99)),
        extra=rng.choice(EXTRA),
    )
    return apply_style(text, style)


def make_bid(seed: int, chars: int = 15000, company: str | None = None, project: str | None = None) -> Bid:
    """A bid of about ``chars`` characters; same seed, same bid."""
    rng = random.Random(seed)
    company = company or company_name(rng)
    project = project or project_name(rng)
    per_chapter = chars // len(CHAPTERS)
    style = house_style(random.Random(f"style-{seed}"))
    chapters = []
    for chapter in CHAPTERS:
        paragraphs, size = [], 0
        while size < per_chapter:
            para = tuple(sentence(rng, chapter, company, project, style) for _ in range(rng.randint(3, 6)))
            paragraphs.append(para)
            size += sum(map(len, para))
        chapters.append((chapter, tuple(paragraphs)))
    return Bid(company, project, tuple(chapters))


def heading(i: int, title: str) -> str:
    return f"第{CN_NUM[i]}章 {title}"


def render(bid: Bid, toc: bool = False) -> str:
    """Plain text of a bid: title, optional table of contents, chapters, paragraphs."""
    lines = [f"{bid.project}前期物业服务投标文件", f"投标人：{bid.company}"]
    if toc:
        lines.append("目录")
        lines += [f"{heading(i, t)}{'.' * 12}{3 + 7 * i}" for i, (t, _) in enumerate(bid.chapters)]
    for i, (title, paragraphs) in enumerate(bid.chapters):
        lines.append(heading(i, title))
        lines += ["".join(p) for p in paragraphs]
    return "\n".join(lines) + "\n"


LEGAL_SUBJECTS = [
    "物业服务企业",
    "业主委员会",
    "建设单位",
    "业主",
    "物业服务人员",
    "县级以上人民政府房地产行政主管部门",
]
LEGAL_DUTIES = [
    "应当按照物业服务合同的约定提供相应的服务",
    "不得擅自改变物业管理区域内按照规划建设的公共建筑和共用设施用途",
    "应当协助做好物业管理区域内的安全防范工作",
    "应当将专项维修资金存入专户并接受业主监督",
    "应当在前期物业服务合同终止前办理交接手续",
    "对违反规定的行为应当予以制止并及时报告有关部门",
    "应当公开服务内容、服务标准和收费项目",
    "不得将该区域内的全部物业管理一并委托给他人",
]


def make_legal_library(seed: int = 7, articles: int = 60) -> str:
    """A project-written imitation of a regulation (第x条 …) used as the legal library."""
    rng = random.Random(seed)
    out = []
    for i in range(1, articles + 1):
        clauses = "；".join(
            f"{rng.choice(LEGAL_SUBJECTS)}{rng.choice(LEGAL_DUTIES)}" for _ in range(rng.randint(2, 3))
        )
        out.append(f"第{i}条 在{rng.choice(PLACES)}范围内，{clauses}。")
    return "\n".join(out) + "\n"


def make_tender(seed: int, chars: int = 3000) -> str:
    """Tender requirements every bid quotes (招标文件 text), generated the same way."""
    rng = random.Random(seed)
    project = project_name(rng)
    out = [f"{project}前期物业管理服务招标文件 服务要求"]
    while sum(map(len, out)) < chars:
        chapter = rng.choice(CHAPTERS)
        out.append(f"投标人须承诺：{sentence(rng, chapter, '中标人', project)}")
    return "\n".join(out) + "\n"
