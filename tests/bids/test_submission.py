"""Submitting, the receipt and its verification, replacing one part, withdrawing, and what staff see."""
from __future__ import annotations

import json
from datetime import timedelta

import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.bids.models import Bid, BidFile, BidReceipt, BidStatus
from tender.db import utcnow
from tender.extensions import db
from tender.opening.keys import record_opening
from tests import factories
from tests.bids.helpers import padded_pdf, qualified_bidder, sha


def _submit(client, tender_id: int):
    return client.post(f"/my/bids/{tender_id}/submit")


def _bid() -> Bid:
    db.session.expire_all()
    return db.session.scalar(sa.select(Bid))


def test_an_incomplete_bid_cannot_be_submitted(client, setup):
    sealed, _, up = setup
    up.upload("business", "商务标.pdf", padded_pdf(3000))
    page = client.get(f"/my/bids/{sealed.tender.id}").get_data(as_text=True)
    assert "尚缺：技术标、报价文件、报价一览表" in page
    page = client.post(f"/my/bids/{sealed.tender.id}/submit", follow_redirects=True).get_data(as_text=True)
    assert "投标文件不完整，尚缺：技术标、报价文件、报价一览表" in page
    assert _bid().status is BidStatus.DRAFT


def test_submission_gives_a_receipt_the_bidder_can_verify(client, setup):
    sealed, _, up = setup
    files = up.full_bid()
    response = _submit(client, sealed.tender.id)
    assert response.status_code == 302 and "/receipts/" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    for name, data in files.values():
        assert name in page and sha(data) in page and f"{len(data):,}" in page
    assert "服务器接收时间" in page and "北京时间" in page
    receipt = db.session.scalar(sa.select(BidReceipt))
    download = client.get(f"/my/bids/{sealed.tender.id}/receipts/{receipt.id}/download")
    document = json.loads(download.get_data(as_text=True))
    assert "attachment" in download.headers["Content-Disposition"]
    assert {f["sha256"] for f in document["receipt"]["files"]} == {sha(d) for _, d in files.values()}
    verify = client.post(f"/my/bids/{sealed.tender.id}/verify/receipt", json=document).get_json()
    assert verify["ok"] and "一致" in verify["message"]
    document["receipt"]["files"][0]["sha256"] = "0" * 64
    verify = client.post(f"/my/bids/{sealed.tender.id}/verify/receipt", json=document).get_json()
    assert not verify["ok"] and "可能已被修改" in verify["message"]
    name, data = files["technical"]
    check = client.post(f"/my/bids/{sealed.tender.id}/verify/file", json={"sha256": sha(data)}).get_json()
    assert check["ok"] and name in check["message"]
    check = client.post(f"/my/bids/{sealed.tender.id}/verify/file", json={"sha256": sha(b"other")}).get_json()
    assert not check["ok"] and "没有与此文件一致" in check["message"]
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"bid.file", "bid.price", "bid.submit"} <= actions


def test_replacing_one_part_keeps_the_history_and_issues_a_new_receipt(client, setup):
    sealed, _, up = setup
    files = up.full_bid()
    _submit(client, sealed.tender.id)
    old = _bid().current_files
    old_technical = old[next(p for p in old if p.value == "technical")]
    old_path = old_technical.path
    new = padded_pdf(4000, b"NEW-TECHNICAL")
    assert up.upload("technical", "技术标-修订.pdf", new).status_code == 200
    bid = _bid()
    assert bid.status is BidStatus.SUBMITTED and len(bid.receipts) == 2
    assert {f.filename for f in bid.current_files.values()} == {"商务标.pdf", "技术标-修订.pdf", "报价文件.pdf"}
    assert not old_path.exists()  # the replaced file's sealed bytes are gone, its row stays as history
    replaced = db.session.get(BidFile, old_technical.id)
    assert replaced.superseded_at is not None and replaced.storage_key is None
    page = client.get(f"/my/bids/{sealed.tender.id}").get_data(as_text=True)
    assert "更换技术标：技术标-修订.pdf" in page and "上传技术标：技术标.docx" in page and "递交投标文件" in page
    latest = client.get(f"/my/bids/{sealed.tender.id}/receipts/{bid.receipts[-1].id}").get_data(as_text=True)
    assert "更换回执" in latest and sha(new) in latest and sha(files["technical"][1]) not in latest
    check = client.post(f"/my/bids/{sealed.tender.id}/verify/file", json={"sha256": sha(files["technical"][1])})
    assert not check.get_json()["ok"] and "已被更换" in check.get_json()["message"]
    assert "bid.replace" in set(db.session.scalars(sa.select(AuditEntry.action)))


def test_withdraw_and_submit_again_before_the_deadline(client, setup):
    sealed, _, up = setup
    up.full_bid()
    _submit(client, sealed.tender.id)
    page = client.post(f"/my/bids/{sealed.tender.id}/withdraw", follow_redirects=True).get_data(as_text=True)
    assert "投标文件已撤回" in page
    bid = _bid()
    assert bid.status is BidStatus.WITHDRAWN and not bid.current_files and bid.price_sealed is None
    assert all(f.storage_key is None for f in bid.files)
    assert "bid.withdraw" in set(db.session.scalars(sa.select(AuditEntry.action)))
    up.full_bid()
    assert _submit(client, sealed.tender.id).status_code == 302
    bid = _bid()
    assert bid.status is BidStatus.SUBMITTED and len(bid.receipts) == 2
    kinds = [e.kind for e in bid.events]
    assert kinds.index("withdraw") < len(kinds) - 1 and kinds.count("submit") == 2


def test_after_the_deadline_nothing_changes(client, setup):
    sealed, _, up = setup
    up.full_bid()
    _submit(client, sealed.tender.id)
    sealed.tender.bid_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.post(f"/my/bids/{sealed.tender.id}/withdraw", follow_redirects=True).get_data(as_text=True)
    assert "已过" in page and _bid().status is BidStatus.SUBMITTED
    page = client.post(f"/my/bids/{sealed.tender.id}/price", data={"annual_total": "1", "fees": "住宅 | 1",
                                                                   "staffing": "保安 | 1 | 1"},
                       follow_redirects=True).get_data(as_text=True)
    assert "报价一览表未保存" in page and "已过" in page
    assert up.start("business", "迟到.pdf", padded_pdf(3000)).status_code == 422


def test_staff_see_who_submitted_and_when_but_nothing_of_the_content(client, login, setup):
    sealed, bidder, up = setup
    files = up.full_bid()
    _submit(client, sealed.tender.id)
    for role in (Role.STAFF, Role.SUPERVISOR):
        login(factories.make_user(role))
        db.session.commit()
        page = client.get(f"/tenders/{sealed.tender.id}/bids").get_data(as_text=True)
        assert bidder.company.name in page and 'id="bid-count">1<' in page
        assert not any(name in page for name, _ in files.values())
    bid = _bid()
    users = [factories.make_user(role) for role in Role]
    assert not any(bid.can_read(user) for user in users)  # before the opening, nobody
    record_opening(sealed.tender.seal, sealed.private_key, utcnow())
    assert [u.role for u in users if bid.can_read(u)] == [Role.ADMIN, Role.STAFF, Role.SUPERVISOR]


def test_a_bidder_only_ever_sees_its_own_receipts(client, login, setup):
    sealed, _, up = setup
    up.full_bid()
    _submit(client, sealed.tender.id)
    receipt = db.session.scalar(sa.select(BidReceipt))
    document = json.loads(client.get(f"/my/bids/{sealed.tender.id}/receipts/{receipt.id}/download").data)
    login(qualified_bidder(sealed.tender))
    db.session.commit()
    assert client.get(f"/my/bids/{sealed.tender.id}/receipts/{receipt.id}").status_code == 404
    assert client.get(f"/my/bids/{sealed.tender.id}/receipts/{receipt.id}/download").status_code == 404
    verify = client.post(f"/my/bids/{sealed.tender.id}/verify/receipt", json=document).get_json()
    assert not verify["ok"] and "没有编号为" in verify["message"]
