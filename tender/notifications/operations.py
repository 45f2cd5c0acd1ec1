"""Notify users: an inbox message each, plus a queued e-mail sent after the commit."""
from __future__ import annotations

from collections.abc import Iterable

from flask import current_app

from tender.db import utcnow
from tender.extensions import db
from tender.notifications.models import Message, OutboxMail
from tender.session_hooks import on_commit


def notify(users: Iterable, subject: str, body: str = "", *, link: str = "", topic: str = "",
           topic_id: int | None = None) -> list[Message]:
    messages = []
    for user in {u.id: u for u in users if u.active}.values():
        message = Message(user_id=user.id, subject=subject, body=body, link=link, topic=topic, topic_id=topic_id)
        db.session.add(message)
        db.session.flush()
        db.session.add(OutboxMail(message_id=message.id, to_address=user.email, subject=subject,
                                  body=body + (f"\n\n详情：{link}" if link else "")))
        messages.append(message)
    if messages:
        _send_after_commit()
    return messages


def mail_address(to_address: str, subject: str, body: str) -> OutboxMail:
    """A mail to an address that has no account (so no inbox message), sent after the commit."""
    mail = OutboxMail(to_address=to_address, subject=subject, body=body)
    db.session.add(mail)
    _send_after_commit()
    return mail


def _send_after_commit() -> None:
    """Queue delivery only once the messages are committed, so a rollback sends nothing."""
    if not current_app.config["MAIL_SERVER"]:
        return  # no SMTP: mail stays in the outbox for staff to read

    def enqueue():
        from tender.notifications.tasks import send_outbox

        send_outbox()

    on_commit(enqueue, key="send_outbox")


def mark_read(message: Message) -> None:
    if message.read_at is None:
        message.read_at = utcnow()
