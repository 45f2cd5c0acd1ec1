"""A generated tender for the non-prose checks: N bids of P pages, a history of H known tenders, planted signals.

Text is the project's own: sentences assembled from property-management phrases written here,
numbers and line breaks as extracted PDF text has them. Planted, one each: a rival's company
name inside a bid, one 项目经理 in two bids, one author in two companies' files, three totals
in arithmetic progression, another known tender's project name left on two pages of a bid.
"""
from __future__ import annotations

import random

from scoring.collusion.identifiers import Identity
from scoring.collusion.key_people import KeyPerson
from scoring.collusion.tender_checks import BidInput, BidPriceForm, KnownTender
from scoring.collusion.validators import id_check_char, uscc_check_char

SUBJECTS = ["秩序维护人员", "保洁人员", "绿化养护人员", "工程维修人员", "客服中心", "项目管理处", "安全巡查岗",
            "消防控制室", "设备机房", "电梯维保单位", "垃圾分类督导员", "车辆管理岗"]
VERBS = ["每日对", "按照作业标准对", "定期组织对", "实行专人负责制度，对", "建立台账并对", "结合季节特点对",
         "在业主委员会监督下对", "依据服务合同对"]
OBJECTS = ["公共区域进行清扫保洁", "园区绿地进行修剪浇灌", "共用设施设备进行巡检维护", "出入口车辆进行登记疏导",
           "消防设施进行检查测试", "楼道照明进行维修更换", "化粪池和雨污管道进行疏通", "业主报修事项进行跟踪回访",
           "装修施工现场进行巡查", "二次供水水箱进行清洗消毒"]
TAILS = ["，确保服务质量达到约定标准。", "，并做好记录，发现问题及时整改。", "，每月向业主公示服务情况。",
         "，巡查频次不少于每日{n}次。", "，响应时间不超过{n}分钟。", "，年度满意度目标为{n}%以上。"]
PLACE = "东南西北青云松竹梅兰溪湖山海锦绣明珠金桂银杏紫荆枫林翠峰碧水星河春江秋月华庭雅苑泰和嘉禾"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英"


def _code(rng: random.Random, prefix: str = "9133") -> str:
    body = prefix + "".join(rng.choice("0123456789") for _ in range(4)) + "".join(
        rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + uscc_check_char(body)


def _id_number(rng: random.Random) -> str:
    body = f"3301{rng.randint(10, 99)}{rng.randint(1965, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
           f"{rng.randint(100, 999)}"
    return body + id_check_char(body)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def page_text(rng: random.Random, chars: int) -> str:
    out, size = [], 0
    while size < chars:
        where = "".join(rng.sample(PLACE, 2)) + rng.choice(("路", "街道", "片区", "社区", "楼"))  # places, as bids have
        s = where + rng.choice(SUBJECTS) + rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(TAILS).format(
            n=rng.randint(2, 98))
        out.append(s)
        size += len(s)
    text = "".join(out)
    return "\n".join(text[i : i + 38] for i in range(0, len(text), 38))  # visual line breaks


def history(rng: random.Random, count: int) -> list[KnownTender]:
    tenders = []
    for i in range(count):
        place = "".join(rng.sample(PLACE, 4))
        tenders.append(KnownTender(1000 + i, f"ZB-{2020 + i % 6}-{i:05d}", f"{place}物业服务项目",
                                   f"{''.join(rng.sample(PLACE, 2))}{place}置业有限公司"))
    return tenders


def identity(rng: random.Random, i: int) -> Identity:
    return Identity(f"{''.join(rng.sample(PLACE, 4))}物业服务有限公司{i}", _code(rng),
                    (f"1{rng.randint(3, 9)}{rng.randint(10**8, 10**9 - 1)}", f"0571-{rng.randint(10**7, 10**8 - 1)}"),
                    (f"bid{i}@wy{i}.cn",), tuple(_name(rng) for _ in range(8)))


def tender(bids: int = 20, pages: int = 300, page_chars: int = 1270, known: int = 5000, seed: int = 11):
    """(bids, this tender, history) with the planted signals listed in the module docstring (needs >= 10 bids)."""
    rng = random.Random(seed)
    past = history(rng, known)
    this = KnownTender(1, "ZB-2026-00001", "锦绣华庭物业服务项目", "杭州锦绣华庭置业有限公司")
    people = [[KeyPerson(_name(rng), "项目经理", _id_number(rng), f"WY-{rng.randint(10**5, 10**6 - 1)}")]
              for _ in range(bids)]
    people[3] = people[2]  # one 项目经理 in two bids
    ids = [identity(rng, i) for i in range(bids)]
    fees = [c / 100 for c in rng.sample(range(150, 450), bids)]  # distinct: a chance collision is a real finding
    out = []
    for i in range(bids):
        texts = [page_text(rng, page_chars) for _ in range(pages)]
        pm = people[i][0]
        texts[4 % pages] += f"\n项目经理：{pm.name}，身份证号：{pm.id_number}，证书编号：{pm.certificate}\n"
        if i == 1:
            texts[119 % pages] += f"\n本项目由{ids[0].company}负责实施。"
        if i == 7:
            texts[9 % pages] += f"\n我公司对{past[42].project}的理解"
            texts[199 % pages] += f"\n{past[42].project}服务方案"
        # the other totals lie above the three in progression (only runs in price order count)
        total = 1_000_000 + 50_000 * (i - 4) if i in (4, 5, 6) else rng.randint(11_500, 14_000) * 100 + 37 * i
        out.append(BidInput(
            i + 1, ids[i], tuple(texts), tuple(people[i]),
            ({"author": "刘工" if i in (8, 9) else f"{_name(rng)}{i}", "company": "Microsoft"},),
            BidPriceForm(total, {"住宅": fees[i]}, (("秩序维护员", 6, 3800 + 50 * i),)),
        ))
    return out, this, past


PLANTED = {"identifier": (2, 1), "key_person": (3, 4), "metadata": (9, 10), "price_pattern": (5, 6, 7),
           "leftover": (8,)}
