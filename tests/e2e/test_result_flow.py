"""From submitted sheets to the award in the browser: the chair finishes and sees the ranking, every member
confirms (one writes a dissent), the chair sees the charts and downloads the report and the Excel sheets, staff
publicise, a bidder objects with evidence, staff answer, and once the period has run the award notice reaches
the winner's inbox."""
from __future__ import annotations

from datetime import timedelta

import docx
import pandas as pd
import pytest
import sqlalchemy as sa

from tender.auth.models import User
from tender.db import utcnow
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.result import operations as ops
from tests.e2e.helpers import log_in
from tests.factories import minimal_pdf
from tests.result.helpers import scored

pytestmark = pytest.mark.e2e


def bidder_of(entry) -> User:
    return db.session.scalars(sa.select(User).where(User.company_id == entry.company_id)).first()


def submit(page, scope: str, message: str) -> None:
    page.click(f"{scope} input[type=submit], {scope} button[type=submit]")
    page.wait_for_selector(f"text={message}")


def download_report_and_sheets(page, first: str, members: int) -> None:
    """From the result page to the score sheets page: the charts show, the report and the Excel file download."""
    page.click("#scores-link")
    page.wait_for_selector("#chart-prices")
    assert page.evaluate("document.querySelector('#chart-prices').naturalWidth") > 0  # the SVG loaded
    with page.expect_download() as report:
        page.click("#report-docx")
    document = docx.Document(report.value.path())
    assert "评标报告" in document.paragraphs[0].text
    assert first in "".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    with page.expect_download() as sheets:
        page.click("#scores-xlsx")
    assert report.value.suggested_filename.endswith(".docx") and sheets.value.suggested_filename.endswith(".xlsx")
    assert len(pd.read_excel(sheets.value.path(), sheet_name=None)) == 1 + members


def test_result_publicity_objection_and_award(app, site, browser):
    panel = scored()
    tender = panel.tender
    url, public = f"{site}/tenders/{tender.id}/result", f"{site}/notices/{tender.id}/result"
    chair = browser.new_context().new_page()
    log_in(chair, site, panel.chair.email)
    chair.goto(url)
    chair.fill("#recommendation", "建议按排序确定第一名为中标人")
    submit(chair, "#finish-form", "评标已完成")
    db.session.rollback()
    result = ops.result_of(tender)
    first = result.candidates[0]["company"]
    assert first in chair.inner_text("#candidate-1")
    for i, member in enumerate(panel.members):
        page = chair if member is panel.chair else browser.new_context().new_page()
        if page is not chair:
            log_in(page, site, member.email)
        page.goto(url)
        if i == 2:
            page.check("#sign-form input[name=agrees][value='0']")
            page.fill("#dissent", "第二名的服务方案更切合本项目")
        submit(page, "#sign-form", "您的意见已记录")
    chair.goto(url)
    assert "不同意：第二名的服务方案更切合本项目" in chair.inner_text("#signoffs")
    download_report_and_sheets(chair, first, len(panel.members))
    staff = browser.new_context().new_page()
    log_in(staff, site, panel.staff.email)
    staff.goto(url)
    staff.fill("#days", "3")
    submit(staff, "#publicise-form", "中标候选人公示已发布")
    assert "（3 日）" in staff.inner_text("#publicity")
    bidder = browser.new_context().new_page()
    log_in(bidder, site, bidder_of(panel.bidders[-1]).email)
    bidder.goto(public)
    assert first in bidder.inner_text("#candidates")
    bidder.fill("#text", "第一名的业绩证明与实际不符")
    bidder.set_input_files("#file", files=[{"name": "证据.pdf", "mimeType": "application/pdf",
                                            "buffer": minimal_pdf()}])
    submit(bidder, "#objection-form", "异议已提交")
    staff.goto(url)
    assert "第一名的业绩证明与实际不符" in staff.inner_text("h2:has-text('异议') + div")
    staff.fill("#answer", "经核查，业绩证明真实有效，异议不成立。")
    staff.click("[id^=objection-] input[type=submit], [id^=objection-] button[type=submit]")
    staff.wait_for_selector("text=异议已答复")
    db.session.rollback()
    tender.publicity_ends_at = utcnow() - timedelta(seconds=1)  # three days later
    db.session.commit()
    staff.goto(url)
    staff.click("text=定标：发出中标通知书")
    staff.wait_for_selector("#awarded")
    db.session.rollback()
    assert tender.status is TenderStatus.AWARDED
    winner = browser.new_context().new_page()
    entry = next(e for e in panel.bidders if e.bid_id == result.candidates[0]["bid_id"])
    log_in(winner, site, bidder_of(entry).email)
    winner.goto(f"{site}/inbox")
    assert f"中标通知书：{tender.title}" in winner.inner_text("body")
    bidder.goto(f"{site}/inbox")
    assert f"异议答复：{tender.title}" in bidder.inner_text("body")
