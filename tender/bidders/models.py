"""A minimal company record; the full registry (shareholders, officers, staff) extends it."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import UTCDateTime, utcnow
from tender.extensions import db


class Company(db.Model):
    __tablename__ = "companies"

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(200), nullable=False, unique=True)
    credit_code = sa.Column(sa.String(18), nullable=True, unique=True)
    contact_name = sa.Column(sa.String(100), nullable=False, default="")
    contact_phone = sa.Column(sa.String(32), nullable=False, default="")
    contact_email = sa.Column(sa.String(254), nullable=False, default="")
    created_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    users = relationship("User", back_populates="company")

    def __repr__(self) -> str:
        return f"<Company {self.name}>"
