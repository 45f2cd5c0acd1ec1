"""Acceptance (issue 10, the bidder's half): a bidder uploads a sealed bid with a progress bar, gets the receipt,
replaces one file; the deadline passes (set in the database); a late upload is refused with a Chinese message."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tender.bids.models import Bid, BidStatus
from tender.db import utcnow
from tender.extensions import db
from tests.bids.helpers import padded_pdf, qualified_bidder, sealed_tender, sha
from tests.e2e.helpers import log_in
from tests.factories import docx_bytes

pytestmark = pytest.mark.e2e


def upload(page, part: str, path) -> None:
    page.set_input_files(f"#file-{part}", str(path))
    page.click(f"#upload-{part}")
    bar = page.wait_for_selector(f"#part-{part} .part-bar.bg-success", timeout=30_000)
    assert bar.text_content() == "100%"
    page.wait_for_selector(f"#part-{part} .current-file:has-text('{path.name}')", timeout=15_000)


def test_bidder_uploads_gets_a_receipt_replaces_a_file_and_is_refused_after_the_deadline(app, site, page, tmp_path):
    sealed = sealed_tender(title="浏览器投标苑前期物业管理服务")
    qualified_bidder(sealed.tender, email="bidder@e2e-bid.cn")
    db.session.commit()
    tender_id = sealed.tender.id
    files = {"business": tmp_path / "商务标.pdf", "technical": tmp_path / "技术标.docx",
             "price": tmp_path / "报价文件.pdf"}
    files["business"].write_bytes(padded_pdf(2_600_000, b"e2e business"))  # three chunks: the bar moves
    files["technical"].write_bytes(docx_bytes("技术方案", "保洁、绿化、秩序维护"))
    files["price"].write_bytes(padded_pdf(20_000, b"e2e price"))

    log_in(page, site, "bidder@e2e-bid.cn")
    page.goto(f"{site}/my/bids/{tender_id}")
    page.wait_for_selector("#countdown:has-text('距截止还有')")
    page.evaluate("""() => { window.seen = []; const bar = document.querySelector('#part-business .part-bar');
        new MutationObserver(() => window.seen.push(bar.textContent)).observe(bar, {childList: true}); }""")
    page.set_input_files("#file-business", str(files["business"]))
    page.click("#upload-business")
    page.wait_for_selector("#part-business .part-bar.bg-success", timeout=30_000)
    seen = page.evaluate("window.seen")
    assert any(value not in ("0%", "100%") for value in seen) and seen[-1] == "100%", seen  # it moved per chunk
    page.wait_for_selector("#part-business .current-file:has-text('商务标.pdf')", timeout=15_000)
    del files["business"]
    for part, path in files.items():
        upload(page, part, path)
    page.fill("#annual_total", "1083600")
    page.fill("#fees", "住宅 | 2.50 | 30000\n商业 | 6.00 | 2550")
    page.fill("#staffing", "项目经理 | 1 | 12000\n保安 | 8 | 4200")
    page.click("#price [type=submit]")
    page.wait_for_selector("text=报价一览表已密封保存")
    page.click("#submit-bid")
    page.wait_for_selector("#receipt-number")
    receipt = page.inner_text("#receipt-files")
    assert all(path.name in receipt for path in files.values()) and "商务标.pdf" in receipt
    assert sha(padded_pdf(2_600_000, b"e2e business")) in receipt
    assert "北京时间" in page.inner_text("#receipt-time")

    page.goto(f"{site}/my/bids/{tender_id}")
    revised = tmp_path / "技术标-修订.pdf"
    revised.write_bytes(padded_pdf(30_000, b"e2e revised"))
    upload(page, "technical", revised)
    assert "更换技术标：技术标-修订.pdf" in page.inner_text("#bid-history")
    assert page.locator("#receipts li").count() == 2
    page.click("#receipts li:first-child a")
    assert sha(revised.read_bytes()) in page.inner_text("#receipt-files")
    with page.expect_download() as download:
        page.click("#download-receipt")
    saved = tmp_path / "回执.json"
    download.value.save_as(saved)
    page.goto(f"{site}/my/bids/{tender_id}/verify")  # the browser hashes, the server compares
    page.set_input_files("#verify-file", str(revised))
    page.click("#verify-file-button")
    page.wait_for_selector("#verify-file-result.text-success:has-text('现行的技术标')")
    page.set_input_files("#verify-file", str(files["technical"]))
    page.click("#verify-file-button")
    page.wait_for_selector("#verify-file-result.text-danger:has-text('已被更换')")
    page.set_input_files("#verify-receipt", str(saved))
    page.click("#verify-receipt-button")
    page.wait_for_selector("#verify-receipt-result.text-success:has-text('与服务器签发的一致')")

    page.goto(f"{site}/my/bids/{tender_id}")  # loaded before the deadline passes
    db.session.rollback()
    sealed.tender.bid_deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    late = tmp_path / "迟到的商务标.pdf"
    late.write_bytes(padded_pdf(5_000, b"e2e late"))
    page.set_input_files("#file-business", str(late))
    page.click("#upload-business")
    message = page.wait_for_selector("#part-business .part-message.text-danger", timeout=15_000)
    assert "不再接收投标文件" in message.text_content()
    page.reload()
    page.wait_for_selector("#countdown:has-text('投标已截止')")
    assert "已过" in page.inner_text("#bid-refusal")
    db.session.rollback()
    bid = db.session.scalar(sa.select(Bid))
    assert bid.status is BidStatus.SUBMITTED
    assert {f.filename for f in bid.current_files.values()} == {"商务标.pdf", "技术标-修订.pdf", "报价文件.pdf"}
