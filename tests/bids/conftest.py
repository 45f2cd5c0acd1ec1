"""A sealed tender, a qualified bidder signed in, and the chunked-upload client for it."""
from __future__ import annotations

import pytest

from tender.extensions import db
from tests.bids.helpers import Uploader, qualified_bidder, sealed_tender


@pytest.fixture
def setup(app, client, login):
    sealed = sealed_tender()
    bidder = qualified_bidder(sealed.tender)
    db.session.commit()
    login(bidder)
    return sealed, bidder, Uploader(client, sealed.tender.id)
