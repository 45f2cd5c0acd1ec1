"""Acceptance 1 (opening-record half): two of three officers unseal; the record appears for a bidder with the prices;
the bidder objects, staff answer on the spot, and the bidder sees the answer without reloading.

The bidder's record page is open before the opening and polls: the record appears on it
by itself once the second officer's passphrase opens the tender and the job has checked
every file. Bids are real sealed bids made through the intake operations.
"""
from __future__ import annotations

import time
from datetime import timedelta

import pytest

from tender.auth.roles import Role
from tender.db import utcnow
from tender.extensions import db
from tender.opening import record_views
from tests.e2e.helpers import log_in
from tests.factories import PASSPHRASE, make_user
from tests.opening.bidding import add_bids
from tests.opening.sealed import publish

pytestmark = pytest.mark.e2e
OBJECTION = "我司递交时间应为截止前十分钟，请核对。"
ANSWER = "已核对服务器时间记录，递交时间无误。"
POLL_SECONDS = 2  # static/js/opening_record.js


def signed_in(browser, site, email):
    page = browser.new_context().new_page()
    log_in(page, site, email)
    return page


def test_the_record_appears_live_and_an_objection_is_answered(site, browser, monkeypatch):
    tender, officers = publish(bids=0)
    bidders = add_bids(tender, 3)
    staff = make_user(Role.STAFF, email="staff-record@e2e.cn")
    tender.bid_deadline = utcnow() - timedelta(minutes=1)  # the deadline passes
    db.session.commit()
    record_url = f"{site}/opening/tenders/{tender.id}/record"

    bidder = signed_in(browser, site, bidders[1].email)
    bidder.goto(record_url)
    assert "尚未开标" in bidder.inner_text("#opening-record")
    assert "1,083,600.00" not in bidder.content()

    for officer in officers[:2]:  # two of three
        page = signed_in(browser, site, officer.email)
        page.goto(f"{site}/opening/tenders/{tender.id}")
        page.fill("#passphrase", PASSPHRASE)
        page.click("#submit")
        page.wait_for_selector("text=投标文件已解封" if officer is officers[1] else "text=您的密钥份额已提交（1/2）")

    # Without touching the page, the record replaces "尚未开标": every bidder and every price.
    bidder.wait_for_selector("#record-table", timeout=30_000)
    table = bidder.inner_text("#record-table")
    for company, price in zip(bidders, ("1,083,600.00", "1,120,500.50", "998,000.00"), strict=True):
        assert company.company.name in table and price in table
    assert table.count("一致") >= 9 and "不一致" not in table

    bidder.fill("#objection-text", OBJECTION)
    bidder.click("#raise-objection")
    bidder.wait_for_selector("text=异议已提交")
    assert OBJECTION in bidder.inner_text("#objections") and "待答复" in bidder.inner_text("#objections")

    host = signed_in(browser, site, staff.email)
    host.goto(f"{site}/opening/tenders/{tender.id}")
    host.wait_for_selector(f"text={OBJECTION}")
    host.fill(".answer-form input[name=answer]", ANSWER)
    host.click(".answer-form button")
    host.wait_for_selector("text=已答复异议")

    bidder.wait_for_selector(f"text={ANSWER}", timeout=30_000)  # the polling page shows the answer
    assert "待答复" not in bidder.inner_text("#objections")

    # The server publishes at once but its answer reaches the browser after the page's next poll, which already
    # sees "published": the page must not reload over the pending answer and lose its message (CI saw this).
    back = record_views._back
    monkeypatch.setattr(record_views, "_back", lambda tender_id: time.sleep(POLL_SECONDS + 1.5) or back(tender_id))
    host.click("#publish-record")
    host.wait_for_selector("text=开标记录已公布")
    bidder.wait_for_selector("#exports", timeout=30_000)  # the page reloads itself on publication
    assert bidder.locator("#raise-objection").count() == 0
