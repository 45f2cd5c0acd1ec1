"""Issue 12 acceptance 1 in one browser test. Five experts in separate browser contexts declare no conflict; one
tries to score before the findings were shown to the panel and is told why (issue 11); then all five score four
opened bids in turn (the cells of one sheet interleaved with the others', a count entered for the similar-projects
item), one reloads mid-way and loses nothing, one loses its connection and its cell is re-sent, all submit, and
the chair sees the aggregate with the outlier warning the test planted. The fourth bid is abnormally low
(条例第五十一条): the chair's check flags it and asks in writing, the bidder answers with a file, the chair records
the committee's decision and the bidder reads it. Every mark is then read back from the database."""
from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from scoring.evaluation.method import Count
from tender.auth.models import User
from tender.bids.models import Bid
from tender.evaluation import operations as ops
from tender.extensions import db
from tender.lowprice.models import LowPriceRequest
from tender.unit_of_work import perform
from tests.e2e.helpers import log_in
from tests.e2e.test_committee_flow import declare
from tests.evaluation.panel import count_for, opened_for_scoring, show_findings, top
from tests.factories import minimal_pdf
from tests.lowprice.helpers import FEES, STAFFING
from tests.opening.bidding import TOTALS, price_with

pytestmark = pytest.mark.e2e
PLANTED = ("T1", "T3", "T4")  # the fifth expert gives the first bid 0 here: 26 points below the panel
# Three ordinary bids and a fourth at 701,899.50 whose staffing table costs 756,000 a year: the mean of the four
# is 976,000.00, the template's line (80 %) 780,800.00, and only the fourth is below either.
LOW = dict(annual_total="701899.50", fees=FEES, staffing=STAFFING["C"])
PRICES = [price_with(total) for total in TOTALS[:3]] + [LOW]


def enter(page, key: str, value, reason: str = "") -> None:
    row = page.locator(f'tr[data-cell="{key}"]')
    score = row.locator(".js-score")
    if score.evaluate("e => e.tagName") == "SELECT":
        score.select_option(f"{value:f}")
    else:
        score.fill(f"{value:f}" if isinstance(value, Decimal) else str(value))
        score.dispatch_event("change")
    if reason:
        row.locator(".js-reason").fill(reason)
        row.locator(".js-reason").dispatch_event("change")


def saved(page) -> None:
    page.wait_for_function("document.getElementById('score-sheet').dataset.pending === '0'", timeout=20000)


def test_five_experts_score_the_chair_sees_the_outlier_and_a_low_bid_is_clarified(app, site, browser):
    panel = opened_for_scoring(declare=False, show=False, prices=PRICES)
    tender, method = panel.tender, panel.method()
    pages = []
    for expert in panel.members:
        page = browser.new_context().new_page()
        declare(page, site, expert.email, tender, "0")
        pages.append(page)
    db.session.expire_all()
    perform(ops.appoint_chair, tender, panel.staff, panel.chair)
    # Issue 11: no score sheet before staff showed the findings to the panel, and the member is told so.
    pages[0].click(f"#tasks tr:has-text('{tender.title}') >> text=评分")
    assert "开标后检查结果尚未向评标委员会展示" in pages[0].inner_text("#refusal")
    assert pages[0].locator("#score-sheet").count() == 0
    show_findings(tender, panel.staff)
    pages[0].go_back()
    for page in pages:
        page.click(f"#tasks tr:has-text('{tender.title}') >> text=评分")
        page.wait_for_selector("#score-sheet")
    first = panel.bidders[0].bid_id
    keys = [row.get_attribute("data-cell") for row in pages[0].locator("tr.score-cell").element_handles()]
    assert len(keys) == 4 * len([leaf for leaf in method.leaves() if leaf.by_experts])
    assert any(isinstance(method.criterion(k.split(":")[1]).scale, Count) for k in keys)
    wanted, counts = {}, {}
    for i, key in enumerate(keys):
        bid, code = key.split(":")
        leaf = method.criterion(code)
        for n, page in enumerate(pages):
            low = n == 4 and int(bid) == first and code in PLANTED
            if code == "B1":  # 类似项目业绩, 2 points a project up to 6: member n proves n projects
                counts[(panel.members[n].id, int(bid), code)] = n
                wanted[(panel.members[n].id, int(bid), code)] = min(Decimal(2 * n), leaf.max_points)
                enter(page, key, n, "" if 2 * n >= leaf.max_points else "合同关键页不全")
                continue
            value = Decimal(0) if low else top(leaf)
            wanted[(panel.members[n].id, int(bid), code)] = value
            if isinstance(leaf.scale, Count):
                counts[(panel.members[n].id, int(bid), code)] = count_for(leaf, value)
                value = count_for(leaf, value)
            enter(page, key, value, "方案未针对本项目，缺少具体措施" if low else "")
        if i == len(keys) // 2:  # the second expert reloads mid-way, with its last saves perhaps in flight
            pages[1].reload()
            pages[1].wait_for_selector("#score-sheet")
            saved(pages[1])
            for done in keys[: i + 1]:
                shown = pages[1].locator(f'tr[data-cell="{done}"] .js-score').input_value()
                expected = counts.get((panel.members[1].id, *_split(done)),
                                      wanted[(panel.members[1].id, *_split(done))])
                assert Decimal(shown) == expected, done
        if i == len(keys) // 3:  # the third expert's connection drops for one cell, then comes back
            nxt = method.criterion(keys[i + 1].split(":")[1])
            assert not isinstance(nxt.scale, Count)
            pages[2].context.set_offline(True)
            enter(pages[2], keys[i + 1], top(nxt))
            pages[2].wait_for_selector(f'tr[data-cell="{keys[i + 1]}"] .js-state:has-text("网络中断")')
            pages[2].context.set_offline(False)
            pages[2].evaluate("window.dispatchEvent(new Event('online'))")
    # The count's points come back from the server beside the count (member 1: one project, 2 points).
    assert pages[1].inner_text(f'tr[data-cell="{first}:B1"] .js-points') == "2"
    for page in pages:
        saved(page)
        page.click("#submit-sheet button")
        page.wait_for_selector("#submitted")
    chair = pages[0]
    chair.goto(f"{site}/evaluation/tenders/{tender.id}/panel")
    warnings = chair.inner_text("#warnings")
    planted = panel.members[4].name
    assert planted in warnings and panel.bidders[0].company_name in warnings
    assert chair.locator("#ranking tbody tr").count() == 4
    # The counted items are in the totals: B1 trims 0, 2, 4, 6, 6 to 4, B2 is full (4): 8 for the business part.
    column = chair.locator("#ranking thead th").all_inner_texts().index("商务") + 1
    business = chair.locator(f"#ranking tbody tr td:nth-child({column})").all_inner_texts()
    assert [Decimal(x) for x in business] == [Decimal(8)] * 4 and chair.locator("#counts-note").count() == 0
    # The member who is not the chair never gets the panel page.
    assert pages[1].goto(f"{site}/evaluation/tenders/{tender.id}/panel").status == 404
    db.session.expire_all()
    stored = {(s.expert_id, c.bid_id, c.criterion): c.score for s in ops.sheets_of(tender).values() for c in s.cells}
    entered = {(s.expert_id, c.bid_id, c.criterion): c.count for s in ops.sheets_of(tender).values() for c in s.cells
               if c.count is not None}
    assert stored == wanted and entered == counts and ops.all_submitted(tender)
    _low_price_clarification(browser, site, chair, panel)
    for page in pages:
        page.context.close()


def _low_price_clarification(browser, site, chair, panel) -> None:
    """条例第五十一条: the chair's check flags the low bid and asks in writing; the bidder answers with a file before
    the deadline; the chair records the committee's decision, which the bidder then reads."""
    low = panel.bidders[3]
    company_id = db.session.scalar(sa.select(Bid.company_id).where(Bid.id == low.bid_id))
    bidder_user = db.session.scalar(sa.select(User).where(User.company_id == company_id))
    chair.click("#tasks-link")
    chair.click(f"#tasks tr:has-text('{panel.tender.title}') >> text=异常低价审查")
    chair.click("#run-check input[type=submit], #run-check button[type=submit]")
    chair.wait_for_selector("text=异常低价审查已完成")
    assert "976,000.00" in chair.inner_text("#mean-figures")
    flagged = chair.locator("#check-rows tr.flagged")
    assert flagged.count() == 1 and low.company_name in flagged.inner_text()
    assert "756000.00" in flagged.inner_text()  # the staffing floor, with its figures
    flagged.locator("textarea").fill("请说明保洁员月工资1800元低于最低工资标准的原因，并提供工资发放和社保缴费证明。")
    flagged.locator("input[type=submit], button[type=submit]").click()
    chair.wait_for_selector("text=书面澄清要求已发出")

    bidder = browser.new_context().new_page()
    log_in(bidder, site, bidder_user.email)
    bidder.click("#inbox-link")
    bidder.click("text=评标委员会要求对投标报价作出书面说明")
    bidder.click("a[href*='/low-price-requests/']")
    assert "保洁员月工资1800元" in bidder.inner_text("#question")
    assert panel.chair.name not in bidder.content()  # committee names stay secret from bidders
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
    bidder.context.close()
    db.session.rollback()
    req = db.session.query(LowPriceRequest).one()
    assert req.rejected and req.answered and len(req.evidence) == 1 and req.decided_by_id == panel.chair.id
    assert req.bid_id == low.bid_id


def _split(key: str) -> tuple[int, str]:
    bid, code = key.split(":")
    return int(bid), code
