"""条例第五十一条 in the browser: the chair's check flags the low bid and asks in writing; the bidder answers with a
file before the deadline; the chair records the committee's decision, which the bidder then reads."""
from __future__ import annotations

import pytest

from tender.extensions import db
from tender.lowprice.models import LowPriceRequest
from tests.e2e.helpers import log_in
from tests.factories import minimal_pdf
from tests.lowprice.helpers import opened_with_low_bid

pytestmark = pytest.mark.e2e


def test_low_bid_clarification_answer_and_decision(app, site, browser):
    low = opened_with_low_bid()
    db.session.commit()
    chair, bidder = browser.new_context().new_page(), browser.new_context().new_page()

    log_in(chair, site, low.chair.email)
    chair.click("#tasks-link")
    chair.click(f"#tasks tr:has-text('{low.tender.title}') >> text=异常低价审查")
    chair.click("#run-check input[type=submit], #run-check button[type=submit]")
    chair.wait_for_selector("text=异常低价审查已完成")
    assert "866,666.67" in chair.inner_text("#mean-figures")
    flagged = chair.locator("#check-rows tr.flagged")
    assert flagged.count() == 1 and low.bidders["C"].company.name in flagged.inner_text()
    assert "756000.00" in flagged.inner_text()  # the staffing floor, with its figures
    flagged.locator("textarea").fill("请说明保洁员月工资1800元低于最低工资标准的原因，并提供工资发放和社保缴费证明。")
    flagged.locator("input[type=submit], button[type=submit]").click()
    chair.wait_for_selector("text=书面澄清要求已发出")

    log_in(bidder, site, low.bidders["C"].email)
    bidder.click("#inbox-link")
    bidder.click("text=评标委员会要求对投标报价作出书面说明")
    bidder.click("a[href*='/low-price-requests/']")
    assert "保洁员月工资1800元" in bidder.inner_text("#question")
    assert low.chair.name not in bidder.content()  # committee names stay secret from bidders
    bidder.set_input_files("#evidence-upload input[type=file]", files=[
        {"name": "工资发放记录.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf(b"payroll 2026")}])
    bidder.click("#evidence-upload #submit")
    bidder.wait_for_selector("text=证明材料已上传")
    assert "工资发放记录.pdf" in bidder.inner_text("#evidence")
    bidder.fill("#answer", "保洁员实发工资按2200元计，差额由总部补贴，见工资发放记录。")
    bidder.click("#answer-form #submit")
    bidder.wait_for_selector("text=书面说明已提交评标委员会")
    assert "总部补贴" in bidder.inner_text("#answer")

    chair.reload()
    assert "总部补贴" in chair.inner_text("#answer") and "工资发放记录.pdf" in chair.inner_text("#evidence")
    chair.check("#decision-form input[value=rejected]")
    chair.fill("#note", "补贴无合同和付款凭证，人工成本低于最低工资标准，不能合理说明，按低于成本否决。")
    chair.click("#decision-form #submit")
    chair.wait_for_selector("text=评标委员会结论已记录")

    bidder.reload()
    assert "低于成本，否决投标" in bidder.inner_text("#decision")
    db.session.rollback()
    req = db.session.query(LowPriceRequest).one()
    assert req.rejected and req.answered and len(req.evidence) == 1 and req.decided_by_id == low.chair.id
