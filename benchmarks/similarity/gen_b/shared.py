"""Legitimately shared text: a tender document, a regulation, stock industry phrasing.

All of it written for this generator: the tender and regulation are generated per case
from their own clause templates; the stock phrases are the clichés many bids use.
"""

import random

from benchmarks.similarity.gen_b.grammar import Names, expand, flat

TENDER = """
本项目为{proj}，采购人为{client}，[服务期|合同期]为{n}年，[最高限价|预算金额]为{nn}{nn}万元。
[服务范围|采购内容]包括{place}、{place}及{place}的[保洁|秩序维护|设施设备维护]等后勤服务。
投标人须[提供|具备]{post}不少于{n}名，[并|且]须持有[有效|相应]的[职业资格证书|上岗证]。
[设施设备|{eq}]的[日常维护|运行管理]须[符合|满足]国家及行业[现行|有关]标准，[故障响应|到场]时间不超过{m}分钟。
[采购人|{client}][将|会]按[季度|月度]对[服务质量|服务情况]进行考核，考核得分低于{nn}分的[扣减|暂缓支付]当期服务费。
[投标文件|响应文件]应[按|依照]本招标文件第{n}章的[格式|顺序]编制，[逐页|按页]编码并[加盖|签署][公章|印章]。
[评标委员会|评审小组]按[综合评分法|评分办法]评审，技术部分满分{nn}分，价格部分满分{nn}分。
[中标人|成交供应商]须在[合同签订后|中标通知书发出后]{n}日内[完成|组织][人员进场|交接]，[不得|严禁][转包|分包]。
[投标保证金|履约保证金]为{nn}万元，[以|须以][银行转账|保函]形式[提交|缴纳]。
{eq}的[年检|检测]费用[由|包含在][中标人承担|投标总价中]，[投标人|供应商][应|须][充分考虑|计入报价]。
""".strip().splitlines()

LEGAL = """
[服务单位|服务企业]应当[依照|按照]合同约定，[对|就]服务区域内的[共用部位|公共设施][履行|承担]维护[义务|责任]。
[承重设备|起重与载人设备][的使用单位|的管理单位]应当[设置|明确]专职管理人员，[保存|留存]运行与检修档案。
[各单位|使用单位][对|就]本场所的防火安全[负全面责任|负总责]，[应当|须][每年|定期]组织灭火和疏散训练。
[诊疗机构|医疗单位]产生的[感染性|病理性]废弃物，[应当|须][单独|分类]包装并[当日|按时][移交|交付]处置单位。
[服务单位][不得|严禁][挪用|改作他用][公共场地|共用设施]，[确需|如需][调整|改变]的[应当|须]经[产权人|管理方]同意。
[年耗能较大的|重点]单位[应当|须][配备|设置]能源计量[人员|岗位]，[逐月|按季][报送|上报]用能数据。
[守护|安全服务]人员[上岗前|入职前]应当[接受|参加][法规与技能|专业]培训，[未经|没有通过]考核的不得[上岗|值勤]。
[废弃物|垃圾][分类|分拣][收集后|投放后]，[运输|清运]单位[不得|严禁][混装|混合运输]，[违者|违反的]责令改正。
""".strip().splitlines()

LAW_NAMES = ("物业管理条例", "特种设备安全法", "消防法", "医疗废物管理条例", "节约能源法", "保安服务管理条例")

GENERIC = (
    "坚持以人为本、服务至上的理念。",
    "为业主和使用人创造安全、整洁、舒适的工作环境。",
    "严格执行各项规章制度。",
    "做到事事有人管、件件有落实。",
    "我们将以饱满的热情和专业的态度投入服务工作。",
    "坚持安全第一、预防为主的方针。",
    "建立健全质量管理体系。",
    "发现问题及时处理，不留隐患。",
    "全心全意为客户服务。",
    "实行项目经理负责制。",
    "服务标准化、管理规范化、运作程序化。",
    "持续改进，追求卓越。",
    "强化员工服务意识，提升服务品质。",
    "严格遵守国家法律法规。",
    "为采购人提供优质、高效、便捷的服务。",
    "确保各项服务指标全面达标。",
    "以精细化管理打造服务品牌。",
    "加强与采购人的沟通协调。",
    "定期开展安全检查，消除安全隐患。",
    "树立良好的企业形象。",
    "认真听取意见和建议，不断改进工作。",
    "规范操作，杜绝违章作业。",
    "统一着装，持证上岗，文明服务。",
    "真诚服务，用心做事。",
)


def _lines(templates, rng: random.Random, names: Names, n: int) -> list[str]:
    return [flat(expand(rng.choice(templates), rng, names)) for _ in range(n)]


def tender_text(rng: random.Random, names: Names) -> list[str]:
    """The tender as a list of clauses (one clause a sentence)."""
    return _lines(TENDER, rng, names, rng.randint(24, 36))


def regulation_text(rng: random.Random, names: Names) -> list[str]:
    out = []
    for law in rng.sample(LAW_NAMES, 3):
        out.append(f"《{law}》（节选）")
        out += [f"第{rng.randint(10, 80)}条 {t}" for t in _lines(LEGAL, rng, names, rng.randint(4, 7))]
    return out


def quotes(rng: random.Random, clauses: list[str], count: int) -> list[list[str]]:
    """``count`` runs of 1-4 consecutive clauses: the passages both bids quote."""
    starts = sorted(rng.sample(range(len(clauses) - 4), count))
    return [clauses[s : s + rng.randint(1, 4)] for s in starts]
