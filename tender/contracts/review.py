"""What staff review before 附件五: the commitments extracted from the winner's bid pages, each with its page.

The extractor (`scoring.commitments`) reads the pages the bid-text jobs stored (`tender.bidtext`);
nothing here is stored. A proposal stays on the review list until a staff member confirms it (as
read, or edited) or drops it, so an extracted promise never reaches a contract by itself.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import undefer

from scoring.commitments.extract import extract_commitments
from scoring.commitments.schema import Commitment
from tender.bids.models import Bid
from tender.bidtext.models import BidDocument, BidPage, ExtractionState
from tender.contracts.models import ConfirmedCommitment, DroppedProposal
from tender.extensions import db


@dataclass(frozen=True)
class Proposal:
    number: int  # position on the review page, which names its form
    document: BidDocument
    page: BidPage
    commitment: Commitment


def proposals(bid: Bid, confirmed: list[ConfirmedCommitment], dropped: list[DroppedProposal]) -> list[Proposal]:
    """The bid's extracted commitments neither confirmed (matched by page and passage, or by page and value) nor
    dropped by staff."""
    done = {(c.page, c.source) for c in confirmed} | {(c.page, c.commitment.key()) for c in confirmed}
    done |= {(d.page, d.source) for d in dropped}
    out: list[Proposal] = []
    documents = db.session.scalars(sa.select(BidDocument).where(BidDocument.bid_id == bid.id,
                                                                BidDocument.state == ExtractionState.READY)
                                   .order_by(BidDocument.id))
    for document in documents:
        pages = document.pages.options(undefer(BidPage.text), undefer(BidPage.tables)).all()
        for c in extract_commitments([p.text for p in pages], [p.tables for p in pages]):
            if (c.page, c.source) in done or (c.page, c.key()) in done:
                continue
            out.append(Proposal(len(out) + 1, document, pages[c.page - 1], c))
    return out


def extraction_pending(bid: Bid) -> bool:
    return bool(db.session.scalar(sa.select(sa.func.count(BidDocument.id)).where(
        BidDocument.bid_id == bid.id, BidDocument.state == ExtractionState.PENDING)))
