"""A tender's seal: the public key every bid is sealed to, made at publication.

The matching private key is never stored in the clear: it exists only wrapped, and
the wrapping key only as k-of-n shares held by the opening officers (see
`tender.sealing`). The server can therefore seal a bid but never read one alone.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import UTCDateTime, utcnow
from tender.extensions import db


class TenderSeal(db.Model):
    __tablename__ = "tender_seals"

    id = sa.Column(sa.Integer, primary_key=True)
    tender_id = sa.Column(sa.Integer, sa.ForeignKey("tenders.id"), nullable=False, unique=True)
    public_key = sa.Column(sa.LargeBinary, nullable=False)  # raw X25519, 32 bytes
    threshold = sa.Column(sa.Integer, nullable=False)  # k: officers needed to unseal
    created_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    # Set by the unsealing ceremony: the rebuilt private key, now wrapped under the instance sealing key,
    # so workers can extract the opened bids. Before the opening nothing here can decrypt a bid.
    opened_key = sa.Column(sa.LargeBinary, nullable=True)
    opened_at = sa.Column(UTCDateTime, nullable=True)

    tender = relationship("Tender", backref=sa.orm.backref("seal", uselist=False))
