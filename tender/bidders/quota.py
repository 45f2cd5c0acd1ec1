"""How much file storage a company may fill (issue 8: ten 50 MB files in 6 s, with no limit)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from tender.bidders.models import Company, CompanyFile
from tender.errors import DomainError
from tender.extensions import db

MB = 1024 * 1024


def used_bytes(company: Company) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(CompanyFile.size), 0))
                             .where(CompanyFile.company_id == company.id)) or 0


def check_quota(company: Company, size: int) -> None:
    """Refuse a file that would take the company past COMPANY_STORAGE_QUOTA_MB; files are never deleted."""
    limit_mb = current_app.config["COMPANY_STORAGE_QUOTA_MB"]
    used = used_bytes(company)
    if used + size > limit_mb * MB:
        raise DomainError(f"贵公司的文件已占用 {used / MB:.1f} MB，存储上限为 {limit_mb} MB；"
                          f"本文件 {size / MB:.1f} MB，上传后将超出上限。如确需更多空间，请联系招标代理机构。",
                          field="file")
