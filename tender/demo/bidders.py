"""Demo registry records and qualification data, entered through the same operations as the UI.

锦程 and 恒安 are both controlled by 陈国华 (70% and 65%), so the related-bidder
check on the residential tender shows a finding for staff to decide.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from scoring.collusion.validators import id_check_char, uscc_check_char
from tender.auth.models import User
from tender.bidders import findings
from tender.bidders import operations as bidder_ops
from tender.demo.documents import tender_docx
from tender.notices.models import Tender
from tender.qualification import operations as qual_ops


def _code(body: str) -> str:
    return body + uscc_check_char(body)


def _id(body: str) -> str:
    return body + id_check_char(body)


CONTROLLER = ("陈国华", _id("33010619680512301"))


def _profile(code: str, rep: tuple[str, str], capital: str, established: date, address: str, scope: str, *,
             controlled: int = 0, officers=(), managers=()) -> dict:
    """One registry record: the legal representative holds every share the controller does not."""
    rep_name, rep_id = rep[0], _id(rep[1])
    holders = [dict(name=CONTROLLER[0], identifier=CONTROLLER[1], share=Decimal(controlled))] if controlled else []
    holders.append(dict(name=rep_name, identifier=rep_id, share=Decimal(100 - controlled)))
    return dict(credit_code=_code(code), legal_rep_name=rep_name, legal_rep_id=rep_id,
                registered_capital=Decimal(capital), established_on=established, address=address,
                business_scope=scope, shareholders=holders,
                officers=[dict(name=name, id_number=_id(number), post=post) for name, number, post in officers],
                key_staff=[dict(name=name, id_number=_id(number), certificates=certificate, role="项目经理")
                           for name, number, certificate in managers])


PROFILES = [
    _profile("91330108MA2H4K7P3", ("张宏", "33010619750318201"), "1000", date(2009, 6, 18),
             "杭州市西湖区文三路 90 号东部软件园 5 号楼", "物业管理；停车场服务；家政服务；园林绿化工程施工",
             controlled=70, officers=[("林晓梅", "33010619800221402", "财务负责人")],
             managers=[("周建平", "33010219790909123", "物业经理证 ZJ-WY-2015-0381")]),
    _profile("91330100MA27Y8QX5", ("吴倩", "33010219820715602"), "800", date(2012, 3, 9),
             "杭州市拱墅区莫干山路 188 号", "物业管理；保洁服务；房屋租赁代理",
             controlled=65, officers=[("何建", "33010619770101711", "监事")],
             managers=[("沈磊", "33010219850606131", "物业经理证 ZJ-WY-2018-1102")]),
    _profile("91330203MA2AQ1RT8", ("黄志强", "33020319790202813"), "500", date(2017, 11, 2),
             "宁波市海曙区中山西路 66 号", "物业管理；保洁服务"),
]
CHECKLIST = [
    dict(title="营业执照（经营范围含物业管理）", kind="document", min_value=None, evidence="营业执照副本扫描件"),
    dict(title="成立年限", kind="years", min_value=Decimal("5"), evidence="营业执照或工商登记信息"),
    dict(title="类似项目业绩（10 万平方米以上住宅）", kind="projects", min_value=Decimal("2"),
         evidence="物业服务合同首页及签字盖章页"),
    dict(title="拟派项目经理持证", kind="managers", min_value=Decimal("1"), evidence="项目经理证书及社保证明"),
]
ANSWERS = [("是", "5"), ("16", "13"), ("4", "1"), ("1", "1")]


def complete_companies(bidders: list[User]) -> None:
    for bidder, profile in zip(bidders, PROFILES, strict=True):
        company = bidder.company
        bidder_ops.save_company(company, bidder, name=company.name, contact_name=bidder.name,
                                contact_phone=bidder.phone, contact_email=bidder.email, **profile)
        bidder_ops.add_company_file(company, bidder, "license", "营业执照副本", "营业执照.docx",
                                    tender_docx(f"营业执照（演示）：{company.name}", [
                                        ("登记信息", [f"统一社会信用代码：{company.credit_code}",
                                                      f"法定代表人：{company.legal_rep_name}",
                                                      f"经营范围：{company.business_scope}"])]))


def qualification(staff: User, tender: Tender, bidders: list[User], now) -> None:
    """Checklist on the residential tender; two bidders submit, one is reviewed (one failed item)."""
    qual_ops.save_plan(tender, staff, keep_count=None, keep_minimum=5, scored=False, control_threshold=Decimal("50"))
    items = [qual_ops.add_item(tender, staff, **row) for row in CHECKLIST]
    for index, bidder in enumerate(bidders):
        for item, values in zip(items, ANSWERS, strict=True):
            evidence = tender_docx(f"{bidder.company.name}：{item.title}", [("证明材料", [item.evidence])])
            qual_ops.answer_item(tender, bidder, item, values[index], f"{item.title}.docx", evidence, now=now)
        qual_ops.submit_qualification(tender, bidder, now=now)
    first = qual_ops.submission_for(tender, bidders[1].company_id)
    for answer in first.answers:
        failed = answer.item.kind == "projects"
        qual_ops.review_answer(answer, staff, "fail" if failed else "pass",
                               "仅提供 1 个类似项目业绩，少于招标文件要求的 2 个。" if failed else "")
    qual_ops.conclude_review(first, staff)
    findings.detect_related(tender, staff)
