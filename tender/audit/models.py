"""Audit rows form a hash chain: each row's hash covers its content and the previous hash.

`seq` is unique and gap-free, so a deleted row shows as a gap; the single
`audit_head` row records the newest link, so deleting the last rows shows too.
"""
from __future__ import annotations

import sqlalchemy as sa

from tender.db import PkModel, UTCDateTime

GENESIS = "0" * 64


class AuditEntry(PkModel):
    __tablename__ = "audit_entries"

    seq = sa.Column(sa.Integer, nullable=False, unique=True)
    at = sa.Column(UTCDateTime, nullable=False, index=True)
    actor_id = sa.Column(sa.Integer, nullable=True, index=True)
    actor_label = sa.Column(sa.String(200), nullable=False)
    address = sa.Column(sa.String(64), nullable=False, default="")
    action = sa.Column(sa.String(64), nullable=False, index=True)
    object_type = sa.Column(sa.String(64), nullable=False, index=True)
    object_id = sa.Column(sa.String(64), nullable=False, default="")
    summary = sa.Column(sa.Text, nullable=False, default="")
    before = sa.Column(sa.JSON, nullable=True)
    after = sa.Column(sa.JSON, nullable=True)
    prev_hash = sa.Column(sa.String(64), nullable=False)
    hash = sa.Column(sa.String(64), nullable=False)


class AuditHead(PkModel):
    __tablename__ = "audit_head"

    seq = sa.Column(sa.Integer, nullable=False)
    hash = sa.Column(sa.String(64), nullable=False)
