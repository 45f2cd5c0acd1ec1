"""An opened tender in the demo: three sealed bids submitted weeks ago, unsealed by two 开标人.

It goes through the same operations as the UI (publication, sign-up, chunked sealed uploads,
the price form, submission, the unsealing), each at a time in the past, so the worker that
`make run` starts builds the opening record, extracts every bid and runs the checks, and a new
user finds real findings. An earlier tender (湖畔花苑) and 锦程's bid for it stand for history.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from scoring.collusion.validators import id_check_char
from tender.auth.models import User
from tender.bids import operations as bid_ops
from tender.bids import uploads
from tender.demo import plans
from tender.demo.clock import at, workday_on_or_after
from tender.demo.documents import tender_docx
from tender.extensions import db
from tender.methods import operations as method_ops
from tender.notices import operations as notice_ops
from tender.notices.models import Tender
from tender.notices.procedures import Procedure, SaleMode
from tender.opening.operations import unseal_tender
from tender.unit_of_work import perform

# Annual totals 30,000 apart: a constant difference across three bids (第四十条（四）).
TOTALS = ("1086000.00", "1116000.00", "1146000.00")
FEES = "住宅 | 2.80\n商业 | 5.50"
STAFFING = "项目经理 | 1 | 13000\n秩序维护员 | 18 | 4300\n保洁员 | 12 | 3600"
_OWN_ID = "33010219850722331"
OWN_MANAGERS = {0: ("钱思远", _OWN_ID + id_check_char(_OWN_ID), "WYJL-2017-01185")}


def _tender(staff: User, title: str, tenderer: str, docs_from: date, project: str) -> Tender:
    """A published open tender whose bid deadline is 26 days (then the next workday) after its documents."""
    deadline = workday_on_or_after(docs_from + timedelta(days=26))
    tender = notice_ops.create_tender(
        staff, title=title, procedure=Procedure.OPEN, service_type="前期物业管理", tenderer=tenderer,
        tenderer_address="杭州市滨江区江汉路 188 号", contact="王敏 0571-8866 1200", location=f"杭州市{project}",
        floor_area=Decimal("152300.00"), property_mix="高层住宅 85%，商业 6%，地下车库 9%", sale_mode=SaleMode.PRESALE,
        sale_date=None, presale_date=deadline + timedelta(days=60), delivery_date=None, max_price=Decimal("1200000.00"),
        notice=f"{tenderer}就{title}进行公开招标，欢迎符合条件的物业服务企业参加。",
        docs_from=at(docs_from, 9), docs_to=at(docs_from + timedelta(days=7), 17),
        question_deadline=at(deadline - timedelta(days=17), 17), bid_deadline=at(deadline, 9, 30),
        validity_days=90, planned_award=deadline + timedelta(days=12))
    notice_ops.add_document(tender, staff, "招标文件", f"{project}招标文件.docx", tender_docx(f"{title}招标文件", [
        ("第一章 项目概况", [f"{project}总建筑面积约 152,300 平方米，招标人为{tenderer}。"]),
        ("第二章 服务要求", ["投标人应编制针对本项目的物业服务方案，明确人员配置、响应时限和考核承诺。"])]))
    return tender


def history_tender(staff: User, officers: list[User], today: date) -> Tender:
    """湖畔花苑: an earlier tender of another developer that 锦程 bid for; its plan is in the copy store."""
    from tender.similarity import operations as sim_ops
    from tender.similarity.models import DocumentKind

    docs_from = today - timedelta(days=150)
    title = f"萧山·{plans.OLD_PROJECT}前期物业管理服务"
    tender = _tender(staff, title, plans.OLD_TENDERER, docs_from, plans.OLD_PROJECT)
    method_ops.choose_template(tender, staff, "comprehensive")
    notice_ops.publish_tender(tender, staff, now=at(docs_from, 8), officers=officers, threshold=2)
    jincheng = db.session.scalar(sa.select(User).where(User.email == "bidder1@yunqi-demo.cn"))
    text = "\n".join(_lines(plans.jincheng_history()))
    sim_ops.add_document(staff, title=f"锦程物业 {plans.OLD_PROJECT}投标文件", filename="湖畔花苑技术标.txt",
                         data=text.encode(), kind=DocumentKind.BID, company_id=jincheng.company_id,
                         tender_id=tender.id)
    return tender


def opened_tender(staff: User, bidders: list[User], officers: list[User], passphrase: str, today: date) -> Tender:
    """云栖·江南里: three sealed bids, unsealed after the deadline; the jobs run when the worker starts."""
    docs_from = today - timedelta(days=40)
    tender = _tender(staff, f"{plans.PROJECT}前期物业管理服务", plans.TENDERER, docs_from, plans.PROJECT)
    method_ops.choose_template(tender, staff, "comprehensive")
    notice_ops.publish_tender(tender, staff, now=at(docs_from, 8), officers=officers, threshold=2)
    submitted = at(docs_from + timedelta(days=20), 10)
    technical = (plans.jincheng_current(), plans.hengan_plan(), plans.jiahe_plan())
    for index, bidder in enumerate(bidders[:3]):
        notice_ops.register_company(tender, bidder, now=at(docs_from, 10))
        manager = OWN_MANAGERS.get(index, plans.SHARED_MANAGER)
        _bid(tender, bidder, technical[index], manager, TOTALS[index], submitted)
    unseal_tender(tender, staff, {officer: passphrase for officer in officers[:2]},
                  now=tender.bid_deadline + timedelta(minutes=5))
    return tender


def _bid(tender: Tender, bidder: User, technical, manager, total: str, now: datetime) -> None:
    company = bidder.company
    business = plans.business_part(company.name, company.credit_code, manager)
    price = [("报价一览表", [f"投标人：{company.name}", f"年度投标总价：{total} 元", *FEES.splitlines()])]
    for part, name, sections in (("business", "商务标.docx", business), ("technical", "技术标.docx", technical),
                                 ("price", "报价文件.docx", price)):
        data = tender_docx(f"{plans.PROJECT}前期物业管理服务投标文件", sections, page_per_section=True,
                           author=bidder.name)
        digest = hashlib.sha256(data).hexdigest()
        # Each step commits, as each is its own request: an upload's file lock is held until its commit.
        upload = perform(uploads.start_upload, tender, bidder, part, name, len(data), digest, now=now)
        perform(uploads.put_chunk, upload, bidder, 0, data, digest, now=now)
        perform(uploads.complete_upload, upload, bidder, now=now)
    bid_ops.save_price_form(tender, bidder, total, FEES, STAFFING, now=now)
    bid_ops.submit_bid(tender, bidder, now=now)


def _lines(chapters: list[plans.Chapter]) -> list[str]:
    return [line for title, paragraphs in chapters for line in (title, *paragraphs)]
