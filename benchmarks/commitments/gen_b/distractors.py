"""Numbers that are not commitments: dates, telephones, areas, fees, households, clause numbers, experience.

Each generator returns one sentence; `near()` gives a short lead-in that puts a date or a telephone
number inside a commitment's own sentence, where an extractor is most tempted to read it.
"""

from __future__ import annotations

from random import Random

from .numerals import chinese

AREA_CODES = ("0571", "021", "025", "0512", "0755", "028")


def date(rng: Random) -> str:
    y, m, d = rng.randint(2025, 2028), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice((f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}年{m}月"))


def phone(rng: Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(AREA_CODES)}-{rng.randint(2, 8)}{rng.randint(1000000, 9999999)}"
    return f"1{rng.choice((38, 39, 58, 86, 37))}{rng.randint(10000000, 99999999)}"


def area(rng: Random) -> str:
    return f"{rng.randint(12000, 390000):,}.{rng.randint(0, 99):02d}"


def households(rng: Random) -> str:
    return f"{rng.randint(260, 4800):,}"


def clause_no(rng: Random) -> str:
    return "第" + chinese(rng.randint(3, 48)) + "条"


SENTENCES = (
    lambda r: f"本项目总建筑面积{area(r)}平方米，共{households(r)}户",
    lambda r: f"其中住宅建筑面积{area(r)}㎡，地下车位{r.randint(300, 2600)}个",
    lambda r: f"服务期限自{date(r)}起{r.choice('二三五')}年",
    lambda r: f"物业服务费按{r.randint(1, 4)}.{r.randint(10, 95)}元/月·㎡计收",
    lambda r: f"24小时服务热线：{phone(r)}，值班手机：{phone(r)}",
    lambda r: f"上述承诺如未达到，按合同{clause_no(r)}承担违约责任",
    lambda r: f"依据《物业管理条例》{clause_no(r)}及招标文件{r.randint(1, 9)}.{r.randint(1, 9)}款执行",
    lambda r: f"项目经理具有大专以上学历，住宅物业管理经验{r.randint(3, 8)}年以上",
    lambda r: "秩序维护中心实行24小时值班制度",
    lambda r: f"本公司于{r.randint(2003, 2019)}年通过ISO9001:2015质量管理体系认证",
    lambda r: f"其中项目经理1名、客服人员{r.randint(2, 5)}名、保洁员{r.randint(6, 14)}名",
    lambda r: f"电梯每月维护保养{r.choice(('两', '2'))}次",
    lambda r: f"公司现管理项目{r.randint(18, 90)}个，在管面积{r.randint(200, 900)}万平方米",
    lambda r: f"力争{r.choice(('两年', '三年', '一年'))}内创建市级物业管理优秀住宅小区",
    lambda r: f"按《全国物业管理示范住宅小区标准》自评得分{r.randint(90, 98)}分以上",
)


def overview(rng: Random) -> str:
    """Every project overview states the area, the households and the telephones."""
    return f"本项目总建筑面积{area(rng)}平方米，共{households(rng)}户。24小时服务热线：{phone(rng)}。"


def sentence(rng: Random) -> str:
    return rng.choice(SENTENCES)(rng)


def near(rng: Random, repair: bool) -> str:
    """A lead-in for a commitment sentence, or nothing; the telephone only before a repair or complaint time."""
    leads = ["", "", "", f"自{date(rng)}进场之日起，", f"按合同{clause_no(rng)}约定，"]
    return rng.choice(leads + ([f"业主拨打报修电话{phone(rng)}后，"] * 2 if repair else []))
