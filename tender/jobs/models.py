"""A visible record of each background job: who started it, how far it got, where its result is."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.auth.roles import OVERSEERS
from tender.db import CreatedMixin, PkModel, UTCDateTime, enum_column
from tender.vocabulary import Labelled


class JobStatus(Labelled):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class JobRecord(CreatedMixin, PkModel):
    __tablename__ = "job_records"

    kind = sa.Column(sa.String(64), nullable=False, index=True)
    title = sa.Column(sa.String(300), nullable=False)
    status = enum_column(JobStatus, nullable=False, default=JobStatus.QUEUED)
    progress = sa.Column(sa.Integer, nullable=False, default=0)
    message = sa.Column(sa.String(500), nullable=False, default="")
    result_url = sa.Column(sa.String(500), nullable=False, default="")
    started_at = sa.Column(UTCDateTime, nullable=True)
    finished_at = sa.Column(UTCDateTime, nullable=True)
    # Enough to enqueue the job again after its worker died: see tender/jobs/recovery.py.
    task_name = sa.Column(sa.String(200), nullable=False, default="", server_default="")
    task_args = sa.Column(sa.JSON, nullable=True)
    attempts = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")  # retries so far
    worker = sa.Column(sa.String(100), nullable=False, default="", server_default="")  # "host:pid" running it
    # What the job works on, named generically (table, id), so any record can list its jobs.
    subject_type = sa.Column(sa.String(40), nullable=False, default="", server_default="")
    subject_id = sa.Column(sa.Integer, nullable=True)

    __table_args__ = (sa.Index("ix_job_records_subject", "subject_type", "subject_id"),)

    created_by = relationship("User")  # who started it: the actor of what the job does, None for the system

    def can_view(self, user) -> bool:
        return user.is_authenticated and (user.id == self.created_by_id or user.role in OVERSEERS)

    def as_json(self) -> dict:
        return {"id": self.id, "status": self.status.value, "status_label": self.status.label,
                "progress": self.progress, "message": self.message, "result_url": self.result_url}
