"""SMTP delivery of the outbox. Without MAIL_SERVER mail stays in the outbox for staff to read."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app

from tender.db import utcnow
from tender.extensions import db
from tender.notifications.models import OutboxMail

MAX_ATTEMPTS = 5


def deliver_pending(limit: int = 100) -> int:
    cfg = current_app.config
    if not cfg["MAIL_SERVER"]:
        return 0
    pending = db.session.scalars(
        sa.select(OutboxMail).where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMail.id).limit(limit)
    ).all()
    sent = 0
    for mail in pending:
        mail.attempts += 1
        try:
            _send(cfg, mail)
        except (OSError, smtplib.SMTPException) as e:
            mail.last_error = str(e)[:1000]
        else:
            mail.sent_at, mail.last_error = utcnow(), ""
            sent += 1
        db.session.commit()
    return sent


def _send(cfg, mail: OutboxMail) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = cfg["MAIL_SENDER"], mail.to_address, mail.subject
    msg.set_content(mail.body)
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
        if cfg["MAIL_USE_TLS"]:
            smtp.starttls()
        if cfg["MAIL_USERNAME"]:
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(msg)
