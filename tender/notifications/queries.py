"""Inbox reads."""
import sqlalchemy as sa

from tender.extensions import db
from tender.notifications.models import Message


def unread_count(user) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Message.id)).where(Message.user_id == user.id, Message.read_at.is_(None))
    ) or 0


def inbox(user):
    return sa.select(Message).where(Message.user_id == user.id).order_by(Message.created_at.desc(), Message.id.desc())
