"""One operation, one commit: the boundary every caller (views, jobs, CLI, demo) goes through."""
from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError

from tender.errors import DomainError
from tender.extensions import db


def perform(operation, *args, **kwargs):
    """Run one operation and commit once; on a broken rule roll everything back and re-raise."""
    try:
        result = operation(*args, **kwargs)
        db.session.commit()
        return result
    except StaleDataError:
        db.session.rollback()
        raise DomainError("该记录已被他人修改，请刷新页面查看最新内容后再提交。") from None
    except BaseException:
        db.session.rollback()
        raise
