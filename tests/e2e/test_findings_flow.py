"""Issue 11 in the browser: after the opening, staff open the findings page from the submissions overview,
see the planted copied pair first with its basis, follow it into the side-by-side reader with page numbers
on both sides, refer it to the committee, record the committee's decision and that the panel saw the page.
"""
from __future__ import annotations

import pytest

from tender.findings.operations import findings_shown
from tests.e2e.helpers import log_in
from tests.findings.opened import open_and_check

pytestmark = pytest.mark.e2e


def test_staff_follow_the_first_finding_into_the_reader_and_record_it(site, browser, client, login, worker,
                                                                     tmp_path):
    opened = open_and_check(client, login, worker, tmp_path)
    opened.staff.email = "staff-findings@e2e.cn"
    from tender.extensions import db

    db.session.commit()
    page = browser.new_context().new_page()
    log_in(page, site, opened.staff.email)
    page.goto(f"{site}/tenders/{opened.tender.id}/bids")
    page.click("#findings-link")
    first = page.locator("#findings .finding").first
    assert first.get_attribute("data-kind") == "copy_pair"
    assert "第四十条（四）" in first.inner_text() and "技术标第 2 页" in first.inner_text()

    first.locator("a.reader-link").click()
    page.wait_for_selector("#pane-a .page-mark")
    for side in "ab":
        marks = page.locator(f"#pane-{side} .page-mark").all_inner_texts()
        assert "第 4 页" in marks  # the copied passage's page, numbered on both sides
    assert page.locator("#pane-a .match").count() > 0 and page.locator("#pane-b .match").count() > 0

    page.go_back()
    first = page.locator("#findings .finding").first
    first.locator("textarea[name=reason]").fill("两家技术标第二章整段相同，提请评标委员会认定")
    first.locator("button[name=refer]").click()
    page.wait_for_selector("text=处理结果已记录")
    first = page.locator("#findings .finding").first
    first.locator("select[name=decision]").select_option("reject")
    first.locator("textarea[name=note]").fill("投标文件异常一致，依条例第四十条（四）否决两家投标")
    first.locator(".decision-form button").click()
    page.wait_for_selector("text=评标委员会的决定已记录")
    assert "否决投标" in page.inner_text("#decisions")
    page.click("text=记录：已向评标委员会展示")
    page.wait_for_selector("text=检查结果已向评标委员会展示")
    db.session.expire_all()
    assert findings_shown(opened.tender)
