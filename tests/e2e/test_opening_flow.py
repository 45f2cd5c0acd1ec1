"""Acceptance (unsealing half): an officer sets up a key, staff publish naming three officers, two of them unseal.

Before the deadline the opening page refuses; the deadline is then moved into the past
in the database (time passing), one officer mistypes and retries, and the second
officer's passphrase opens the tender.
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from tender.auth.roles import Role
from tender.db import utcnow
from tender.extensions import db
from tender.notices.models import Tender
from tests.e2e.helpers import log_in
from tests.e2e.test_tender_flow import choose_officers, staff_drafts_a_tender, tender_docx, upload
from tests.factories import PASSPHRASE, make_officers, make_user
from tests.opening.bidding import add_bids

pytestmark = pytest.mark.e2e
NEW_PASSPHRASE = "browser-kaibiao-2026"


def officer_page(browser, site, email):
    page = browser.new_context().new_page()
    log_in(page, site, email)
    return page


def test_two_of_three_officers_unseal_in_the_browser(site, browser, tmp_path):
    first, second = make_officers(2)
    third = make_user(Role.OPENER, email="opener3@e2e.cn")
    db.session.commit()

    # The third officer sets up a key on the 开标密钥 page.
    third_page = officer_page(browser, site, "opener3@e2e.cn")
    third_page.click("text=开标密钥")
    third_page.fill("#setup #passphrase", NEW_PASSPHRASE)
    third_page.fill("#setup #confirm", NEW_PASSPHRASE)
    third_page.click("#setup #submit")
    third_page.wait_for_selector("text=开标密钥已设置")
    assert "已设置开标密钥" in third_page.inner_text("#key-status")

    # Staff publish, naming the three officers, two of whom open.
    staff_page = staff_drafts_a_tender(browser, site, "staff-open@e2e.cn")
    document = tmp_path / "招标文件.docx"
    tender_docx(document)
    upload(staff_page, document)
    staff_page.wait_for_selector("text=文件已上传")
    choose_officers(staff_page, [first, second, third], threshold=2)
    staff_page.click("#publish-form button")
    staff_page.wait_for_selector("text=项目已发布")
    tender_id = int(staff_page.url.rstrip("/").rsplit("/", 1)[1])
    assert "2 名到场即可开标" in staff_page.inner_text("#seal-summary")

    # Before the deadline nobody can unseal: no passphrase form at all.
    first_page = officer_page(browser, site, first.email)
    first_page.goto(f"{site}/opening/tenders/{tender_id}")
    assert "投标截止时间未到" in first_page.inner_text("#not-yet")
    assert first_page.locator("#passphrase").count() == 0

    # Three companies bid (below three the law forbids the opening), then the deadline passes.
    tender = db.session.get(Tender, tender_id)
    add_bids(tender, 3)
    tender.bid_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()

    first_page.reload()
    first_page.fill("#passphrase", "not-my-passphrase")
    first_page.click("#submit")
    first_page.wait_for_selector("text=开标口令不正确")
    first_page.fill("#passphrase", PASSPHRASE)
    first_page.click("#submit")
    first_page.wait_for_selector("text=您的密钥份额已提交（1/2）")
    assert first_page.inner_text("#presented") == "1"

    third_page.goto(f"{site}/opening/tenders/{tender_id}")
    third_page.fill("#passphrase", NEW_PASSPHRASE)
    third_page.click("#submit")
    third_page.wait_for_selector("#unsealed")
    assert "投标文件已解封" in third_page.inner_text("body")
    assert third_page.inner_text("#tender-status") == "已开标"
    first_page.reload()
    assert first_page.inner_text("#tender-status") == "已开标"
