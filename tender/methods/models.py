"""The stored scoring method of a tender: validated JSON (`scoring.evaluation.serial`) with a version."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from scoring.evaluation import serial
from scoring.evaluation.method import ScoringMethod
from tender.db import CreatedMixin, PkModel, TenderPartMixin

TEMPLATE_KEY_LENGTH = 40


class TenderMethod(TenderPartMixin, CreatedMixin, PkModel):
    """One row per tender. `body` always passes `method_problems`: nothing invalid is ever saved."""

    __tablename__ = "tender_methods"
    __table_args__ = (sa.UniqueConstraint("tender_id", name="uq_tender_methods_tender_id"),)

    template = sa.Column(sa.String(TEMPLATE_KEY_LENGTH), nullable=False)
    body = sa.Column(sa.Text, nullable=False)
    version = sa.Column(sa.Integer, nullable=False)

    # A concurrent save that read the same version updates no row: StaleDataError, the stale message.
    __mapper_args__ = {"version_id_col": version}

    tender = relationship("Tender")

    @property
    def method(self) -> ScoringMethod:
        return serial.loads(ScoringMethod, self.body)
