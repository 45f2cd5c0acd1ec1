"""Inbox messages (one per recipient, the delivery record) and queued e-mail."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import CreatedAtMixin, PkModel, UTCDateTime, reference


class Message(CreatedAtMixin, PkModel):
    __tablename__ = "messages"

    user_id = reference("users", index=True)
    subject = sa.Column(sa.String(300), nullable=False)
    body = sa.Column(sa.Text, nullable=False, default="")
    link = sa.Column(sa.String(500), nullable=False, default="")
    topic = sa.Column(sa.String(64), nullable=False, default="", index=True)
    topic_id = sa.Column(sa.Integer, nullable=True)
    read_at = sa.Column(UTCDateTime, nullable=True)

    user = relationship("User")


class OutboxMail(CreatedAtMixin, PkModel):
    __tablename__ = "outbox_mail"

    message_id = reference("messages", nullable=True, index=True)
    to_address = sa.Column(sa.String(254), nullable=False)
    subject = sa.Column(sa.String(300), nullable=False)
    body = sa.Column(sa.Text, nullable=False, default="")
    sent_at = sa.Column(UTCDateTime, nullable=True)
    attempts = sa.Column(sa.Integer, nullable=False, default=0)
    last_error = sa.Column(sa.Text, nullable=False, default="")
