"""Real sealed bids in a really published tender: bidders upload through the chunk protocol and submit."""
from __future__ import annotations

from datetime import date

from tender.bids import operations as bid_ops
from tender.bids import uploads
from tender.bids.models import Bid
from tender.extensions import db
from tender.notices.procedures import Procedure
from tender.qualification.models import SubmissionStatus
from tender.unit_of_work import perform
from tests.bids.helpers import PRICE, Uploader, padded_pdf, qualified_bidder, sha
from tests.factories import docx_bytes

TOTALS = ("1083600.00", "1120500.50", "998000.00", "1050000.00")


def price_with(total: str) -> dict:
    return PRICE | {"annual_total": total, "fees": "住宅 | 2.50\n商业 | 6.00"}  # no areas: any total is consistent


def bid(client, login, tender, total: str, *, deposit=True, submit=True, invite=False):
    """One bidder's complete bid, sealed as the browser sends it; returns the bidder."""
    user = qualified_bidder(tender, invite=invite)
    db.session.commit()
    login(user)
    uploader = Uploader(client, tender.id)
    files = {"business": ("商务标.pdf", padded_pdf(5000, b"BUSINESS-%d" % user.company_id)),
             "technical": ("技术标.docx", docx_bytes("技术方案", f"保洁与绿化 {user.company_id}")),
             "price": ("报价文件.pdf", padded_pdf(3000, b"PRICE-%d" % user.company_id))}
    for part, (name, data) in files.items():
        assert uploader.upload(part, name, data).status_code == 200
    assert client.post(f"/my/bids/{tender.id}/price", data=price_with(total)).status_code == 302
    if deposit:
        client.post(f"/my/bids/{tender.id}/deposit", data=dict(amount="20000", method="transfer",
                                                                paid_on=date.today().isoformat(), reference="LS-1"))
    if submit:
        assert client.post(f"/my/bids/{tender.id}/submit").status_code == 302
    return user


def add_bids(tender, count: int, status=SubmissionStatus.PASSED, prices: list[dict] | None = None) -> list:
    """`count` submitted bids through the intake operations (no HTTP): quicker where the bids are not the subject.

    `status` None: the companies went through no qualification (a tender without a checklist).
    `prices`: each bid's price form (annual_total, fees, staffing); by default totals from TOTALS.
    """
    bidders = []
    for i in range(count):
        user = qualified_bidder(tender, status=status, invite=tender.procedure.by_invitation)
        for part, name, data in (("business", "商务标.pdf", padded_pdf(2000, b"B%d" % i)),
                                 ("technical", "技术标.pdf", padded_pdf(2000, b"T%d" % i)),
                                 ("price", "报价文件.pdf", padded_pdf(2000, b"P%d" % i))):
            upload = perform(uploads.start_upload, tender, user, part, name, len(data), sha(data))
            perform(uploads.put_chunk, upload, user, 0, data, sha(data))
            perform(uploads.complete_upload, upload, user)
        total = prices[i] if prices else price_with(TOTALS[i % len(TOTALS)])
        perform(bid_ops.save_price_form, tender, user, total["annual_total"], total["fees"], total["staffing"])
        perform(bid_ops.submit_bid, tender, user)
        bidders.append(user)
    return bidders


def tender_with_bids(client, login, count: int, procedure=Procedure.OPEN, officers=None, **kw):
    """A published tender with `count` bids submitted over HTTP (totals from TOTALS): (tender, officers, bidders)."""
    from tests.opening.sealed import publish

    tender, officers = publish(procedure, officers=officers, bids=0)
    invite = procedure.by_invitation
    bidders = [bid(client, login, tender, TOTALS[i], invite=invite, **kw) for i in range(count)]
    db.session.expire_all()
    assert sum(b.submitted for b in db.session.query(Bid).filter_by(tender_id=tender.id)) == (
        count if kw.get("submit", True) else 0)
    return tender, officers, bidders
