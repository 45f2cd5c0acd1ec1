"""The clean-up of abandoned uploads runs in a real worker process, as the scheduler starts it."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tender.bids.models import BidUpload
from tender.db import utcnow
from tender.extensions import db
from tests.bids.helpers import Uploader, padded_pdf, qualified_bidder, sealed_tender
from tests.worker import wait_until


def test_abandoned_uploads_are_deleted_by_the_worker(start_worker, app, client, login):
    sealed = sealed_tender()
    bidder = qualified_bidder(sealed.tender)
    db.session.commit()
    login(bidder)
    up = Uploader(client, sealed.tender.id)
    data = padded_pdf(2 << 20)
    abandoned = up.start("business", "商务标.pdf", data).get_json()
    up.put(abandoned["url"], 0, data[:1 << 20])
    fresh = up.start("technical", "技术标.pdf", data).get_json()
    upload = db.session.get(BidUpload, abandoned["upload_id"])
    path = upload.path
    upload.touched_at = utcnow() - timedelta(hours=30)
    db.session.commit()
    assert path.exists() and path.stat().st_size > 1 << 20
    worker = start_worker()
    from tender.bids.tasks import clean_stale_bid_uploads

    clean_stale_bid_uploads()  # what the consumer's scheduler enqueues every hour
    gone = wait_until(lambda: db.session.get(BidUpload, abandoned["upload_id"], populate_existing=True) is None,
                      worker, what="the abandoned upload deleted")
    assert gone and not path.exists()
    assert db.session.scalars(sa.select(BidUpload.id)).all() == [fresh["upload_id"]]
