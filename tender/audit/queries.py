"""Reading the audit trail with the supervisor's filters."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.db import CHINA
from tender.extensions import db


def filtered_entries(actor=None, action=None, object_type=None, date_from=None, date_to=None):
    query = sa.select(AuditEntry).order_by(AuditEntry.seq.desc())
    if actor:
        query = query.where(AuditEntry.actor_label.contains(actor))
    if action:
        query = query.where(AuditEntry.action.contains(action))
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    if date_from:
        query = query.where(AuditEntry.at >= datetime.combine(date_from, time.min, CHINA))
    if date_to:
        query = query.where(AuditEntry.at < datetime.combine(date_to + timedelta(days=1), time.min, CHINA))
    return query


def object_types() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.object_type).distinct().order_by(AuditEntry.object_type)))
