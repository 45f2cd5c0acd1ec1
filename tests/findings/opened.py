"""An opened tender whose three bids are really sealed, unsealed and extracted, and its findings job run.

Bids A and B share a long passage; bid C reuses its company's earlier bid for 翠湖湾畔花园二期 (a
tender in the system), left-over project name included. The earlier bid is in the similarity
store as that company's bid for that tender. Each technical part is a three-page DOCX, so
passages have page numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from tender.auth.roles import Role
from tender.bids.models import Bid
from tender.extensions import db
from tender.findings.models import FindingsRun
from tender.findings.operations import JOB_KIND
from tender.jobs.models import JobRecord
from tender.similarity import operations as sim_ops
from tender.similarity.models import DocumentKind
from tender.unit_of_work import perform
from tests.bidtext.opened import default_files, extraction_jobs, submit_bids, unseal
from tests.factories import make_tender, make_user
from tests.findings.texts import COPIED, OTHER_PROJECT, OTHER_TENDERER, OWN_A, OWN_B, OWN_C, REUSED, bid_pages
from tests.scoring.extraction.plans import Plan, write_docx
from tests.worker import wait_for_job, wait_until

# Totals and fees without a pattern: no 规律性差异 to outrank the copied pair.
PRICES = [dict(annual_total=total, fees=f"住宅 | {fee}", staffing=f"项目经理 | 1 | {wage}\n保安 | {guards} | 4200")
          for total, fee, wage, guards in (("1083600", "2.50", "12000", 8), ("1152000", "2.65", "13500", 9),
                                           ("998400", "2.30", "11000", 7))]
EARLIER = "第一章 项目理解\n翠湖湾畔花园二期为滨湖高层住宅，临湖一侧设有亲水步道，需要重点管理水域安全。\n" + REUSED


@dataclass
class Opened:
    tender: object
    bids: dict[str, Bid]  # "a", "b", "c"
    other: object  # the earlier tender C's reused text was written for
    earlier_doc_id: int
    run: FindingsRun
    job: JobRecord
    staff: object


def technical(tmp_path, name: str, own: list[str], middle: str, author: str) -> bytes:
    plan = Plan(pages=tuple((paragraphs, ()) for paragraphs in bid_pages(own, middle)), author=author,
                last_modified_by=author, title=f"{name} 技术标")
    return write_docx(tmp_path / f"{name}.docx", plan).read_bytes()


def open_and_check(client, login, worker, tmp_path) -> Opened:
    staff = make_user(Role.STAFF)
    other = make_tender(staff, title=OTHER_PROJECT, tenderer=OTHER_TENDERER)
    db.session.commit()
    files = [default_files(technical=technical(tmp_path, n, own, middle, author)) for n, own, middle, author in (
        ("a", OWN_A, COPIED, "周明"), ("b", OWN_B, COPIED, "吴芳"), ("c", OWN_C, REUSED, "郑涛"))]
    tender, officers, bidders = submit_bids(client, login, files, PRICES)
    earlier = perform(sim_ops.add_document, staff, title=f"{other.reference} 投标文件", filename="earlier.txt",
                      data=EARLIER.encode(), kind=DocumentKind.BID, company_id=bidders[2].company_id,
                      tender_id=other.id)
    earlier_id = earlier.id
    prepared = db.session.scalar(sa.select(JobRecord).where(JobRecord.subject_id == earlier_id,
                                                            JobRecord.kind == "similarity.prepare"))
    assert wait_for_job(prepared.id, worker).status.value == "done"
    unseal(tender, officers)
    for job in extraction_jobs():
        wait_for_job(job.id, worker, timeout=300)
    job = wait_until(lambda: db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == JOB_KIND)), worker,
                     what="the findings job")
    job = wait_for_job(job.id, worker, timeout=300)
    db.session.expire_all()
    bids = {key: db.session.scalar(sa.select(Bid).where(Bid.company_id == bidder.company_id))
            for key, bidder in zip("abc", bidders, strict=True)}
    run = db.session.scalar(sa.select(FindingsRun).where(FindingsRun.tender_id == tender.id))
    return Opened(tender, bids, other, earlier_id, run, job, staff)
