"""The jobs of a record, found through the generic subject every job names."""
from __future__ import annotations

import sqlalchemy as sa

from tender.extensions import db
from tender.jobs.models import JobRecord


def jobs_of(subject) -> list[JobRecord]:
    """Every job that worked on `subject`, oldest first: its page shows them with their progress."""
    return list(db.session.scalars(sa.select(JobRecord).where(
        JobRecord.subject_type == subject.__tablename__, JobRecord.subject_id == subject.id).order_by(JobRecord.id)))
