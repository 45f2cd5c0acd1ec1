"""Issue 10, item 7 in the browser: after the opening staff open a bid's files and read the text beside the page image.

The bids are sealed through the real intake and extracted by a real worker; then a staff
member clicks from the submissions overview to the bid, to the page-by-page view (the
image must really load), and retries the corrupt file with the button.
"""
from __future__ import annotations

import pytest

from tender.auth.roles import Role
from tender.extensions import db
from tests.bidtext.opened import corrupt_pdf, default_files, extraction_jobs, submit_bids, unseal
from tests.e2e.helpers import log_in
from tests.factories import make_user
from tests.worker import wait_for_job

pytestmark = pytest.mark.e2e


def test_staff_read_a_bid_page_by_page_and_retry_a_corrupt_file(site, browser, client, login, worker):
    tender, officers, _ = submit_bids(client, login, [
        default_files(), default_files(business=corrupt_pdf()), default_files()])
    staff = make_user(Role.STAFF, email="staff-bidtext@e2e.cn")
    db.session.commit()
    unseal(tender, officers)
    for job in extraction_jobs():
        wait_for_job(job.id, worker, timeout=300)

    page = browser.new_context().new_page()
    log_in(page, site, staff.email)
    page.goto(f"{site}/tenders/{tender.id}/bids")
    page.locator("#bid-list a", has_text="文件与文本").nth(1).click()  # the second bid: its business part is corrupt
    page.wait_for_selector("#bid-files")
    assert "提取失败" in page.inner_text("#bid-files") and "已提取" in page.inner_text("#bid-files")
    page.click(".retry-extraction")
    page.wait_for_selector("text=已重新开始提取")
    wait_for_job(extraction_jobs()[-1].id, worker, timeout=300)

    page.goto(f"{site}/tenders/{tender.id}/bids")
    page.locator("#bid-list a", has_text="文件与文本").first.click()
    page.locator("#bid-files a", has_text="逐页查看").first.click()
    page.wait_for_selector("#page-1")
    assert "page one" in page.inner_text("#page-1 .page-text")
    image = page.locator("#page-1 img.page-image")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#page-1 img.page-image').naturalWidth > 0")
    assert image.evaluate("img => img.naturalHeight") > 100
