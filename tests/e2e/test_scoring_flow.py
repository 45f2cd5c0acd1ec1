"""Issue 12 acceptance 1, the panel's part: five experts in separate browser contexts declare no conflict and
score four opened bids in turn (the cells of one sheet interleaved with the others'), one reloads mid-way and
loses nothing, one loses its connection and its cell is re-sent, all submit, and the chair sees the aggregate
with the outlier warning the test planted. Every mark is then read back from the database."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tender.evaluation import operations as ops
from tender.extensions import db
from tender.unit_of_work import perform
from tests.e2e.test_committee_flow import declare
from tests.evaluation.panel import opened_for_scoring, top

pytestmark = pytest.mark.e2e
PLANTED = ("T1", "T3", "T4")  # the fifth expert gives the first bid 0 here: 26 points below the panel


def enter(page, key: str, value: Decimal, reason: str = "") -> None:
    row = page.locator(f'tr[data-cell="{key}"]')
    score = row.locator(".js-score")
    if score.evaluate("e => e.tagName") == "SELECT":
        score.select_option(f"{value:f}")
    else:
        score.fill(f"{value:f}")
        score.dispatch_event("change")
    if reason:
        row.locator(".js-reason").fill(reason)
        row.locator(".js-reason").dispatch_event("change")


def saved(page) -> None:
    page.wait_for_function("document.getElementById('score-sheet').dataset.pending === '0'", timeout=20000)


def test_five_experts_score_submit_and_the_chair_sees_the_outlier(app, site, browser):
    panel = opened_for_scoring(declare=False)
    tender, method = panel.tender, panel.method()
    pages = []
    for expert in panel.members:
        page = browser.new_context().new_page()
        declare(page, site, expert.email, tender, "0")
        pages.append(page)
    db.session.expire_all()
    perform(ops.appoint_chair, tender, panel.staff, panel.chair)
    for page in pages:
        page.click(f"#tasks tr:has-text('{tender.title}') >> text=评分")
        page.wait_for_selector("#score-sheet")
    first = panel.bidders[0].bid_id
    keys = [row.get_attribute("data-cell") for row in pages[0].locator("tr.score-cell").element_handles()]
    assert len(keys) == 4 * len([leaf for leaf in method.leaves() if leaf.by_experts])
    wanted = {}
    for i, key in enumerate(keys):
        bid, code = key.split(":")
        leaf = method.criterion(code)
        for n, page in enumerate(pages):
            low = n == 4 and int(bid) == first and code in PLANTED
            value = Decimal(0) if low else top(leaf)
            wanted[(panel.members[n].id, int(bid), code)] = value
            enter(page, key, value, "方案未针对本项目，缺少具体措施" if low else "")
        if i == len(keys) // 2:  # the second expert reloads mid-way, with its last saves perhaps in flight
            pages[1].reload()
            pages[1].wait_for_selector("#score-sheet")
            saved(pages[1])
            for done in keys[: i + 1]:
                shown = pages[1].locator(f'tr[data-cell="{done}"] .js-score').input_value()
                assert Decimal(shown) == wanted[(panel.members[1].id, *_split(done))], done
        if i == len(keys) // 3:  # the third expert's connection drops for one cell, then comes back
            pages[2].context.set_offline(True)
            enter(pages[2], keys[i + 1], top(method.criterion(keys[i + 1].split(":")[1])))
            pages[2].wait_for_selector(f'tr[data-cell="{keys[i + 1]}"] .js-state:has-text("网络中断")')
            pages[2].context.set_offline(False)
            pages[2].evaluate("window.dispatchEvent(new Event('online'))")
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
    # The member who is not the chair never gets the panel page.
    assert pages[1].goto(f"{site}/evaluation/tenders/{tender.id}/panel").status == 404
    db.session.expire_all()
    stored = {(s.expert_id, c.bid_id, c.criterion): c.score for s in ops.sheets_of(tender).values() for c in s.cells}
    assert stored == wanted and ops.all_submitted(tender)


def _split(key: str) -> tuple[int, str]:
    bid, code = key.split(":")
    return int(bid), code
