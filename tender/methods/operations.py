"""Choosing, editing and amending a tender's scoring method; each change audited.

Before publication staff change the method freely (办法第十条（四）: the method is part of
the tender documents). After publication it is frozen: a change is an amendment, announced
to every registered bidder as a numbered clarification (条例第二十一条), with the old and
new versions in the audit trail.
"""
from __future__ import annotations

import sqlalchemy as sa

from scoring.evaluation import TEMPLATES, serial
from scoring.evaluation.method import ScoringMethod, method_problems
from tender.audit.operations import record
from tender.auth.models import User
from tender.db import snapshot
from tender.errors import DomainError
from tender.extensions import db
from tender.methods.models import TenderMethod
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.notices.procedures import Procedure

STALE = "该评分办法已被他人修改，请刷新页面查看最新内容后再提交。"
FIELDS = ("template", "body", "version")
# 三家比价 offers its own schemes; every other procedure the 前期物业 ones.
QUOTES_TEMPLATES = ("three_quotes_lowest", "three_quotes_short")


def templates_for(tender: Tender) -> dict[str, str]:
    """Template key → Chinese name, the ones this tender's procedure offers."""
    quotes = tender.procedure is Procedure.QUOTES
    return {key: name for key, (name, _) in TEMPLATES.items() if (key in QUOTES_TEMPLATES) == quotes}


def stored_method(tender: Tender) -> TenderMethod | None:
    return db.session.scalar(sa.select(TenderMethod).where(TenderMethod.tender_id == tender.id))


def method_of(tender: Tender) -> ScoringMethod | None:
    """The published, frozen method the panel scores by; None before publication or without one."""
    row = stored_method(tender) if tender.published_at is not None else None
    return row.method if row is not None else None


def publication_problems(tender: Tender) -> list[str]:
    """Why the method stops publication (the publish guard asks this), in Chinese."""
    row = stored_method(tender)
    if row is None:
        return ["请先设置评分办法"]
    return [f"评分办法：{p}" for p in method_problems(row.method)]


def choose_template(tender: Tender, actor: User, key: str, expected_version: int | None = None) -> TenderMethod:
    """Start (or start again) from a ready-made scheme; only before publication."""
    if key not in templates_for(tender):
        raise DomainError("请选择本招标方式可用的评分办法模板。", field="template")
    return _write(tender, actor, key, TEMPLATES[key][1](), expected_version, "tender.method.template",
                  f"选用评分办法模板：{TEMPLATES[key][0]}")


def save_method(tender: Tender, actor: User, method: ScoringMethod,
                expected_version: int | None = None) -> TenderMethod:
    """Staff's edits before publication; a method with any problem is refused whole."""
    row = stored_method(tender)
    if row is None:
        raise DomainError("请先选择评分办法模板。")
    return _write(tender, actor, row.template, method, expected_version, "tender.method.save",
                  f"修改评分办法：{tender.title}")


def amend_method(tender: Tender, actor: User, method: ScoringMethod, reason: str,
                 expected_version: int | None = None) -> TenderMethod:
    """After publication: a new version, announced to registered bidders as a clarification."""
    from tender.notices.operations import publish_clarification

    if tender.published_at is None:
        raise DomainError("项目尚未发布，请直接修改评分办法。")
    reason = reason.strip()
    if not reason:
        raise DomainError("请填写修改评分办法的理由。", field="reason")
    row = _write(tender, actor, stored_method(tender).template, method, expected_version,
                 "tender.method.amend", f"修改已发布的评分办法：{tender.title}（{reason}）", amending=True)
    publish_clarification(tender, actor, title=f"评分办法修改（第 {row.version} 版）", body=reason)
    return row


def _write(tender: Tender, actor: User, key: str, method: ScoringMethod, expected_version: int | None,
           action: str, summary: str, amending: bool = False) -> TenderMethod:
    if not amending and tender.published_at is not None:
        raise DomainError("评分办法已随招标公告发布，只能通过修改公告（澄清）变更。")
    if not amending:
        tender.require(Action.PREPARE, actor)
    elif not tender.can(Action.CLARIFY):
        raise DomainError("只有已发布、未截标的项目可以修改评分办法。")
    problems = method_problems(method)
    if problems:
        raise DomainError("；".join(problems))
    row = db.session.scalar(sa.select(TenderMethod).where(TenderMethod.tender_id == tender.id).with_for_update())
    if row is not None and expected_version is not None and row.version != expected_version:
        raise DomainError(STALE)
    before = snapshot(row, FIELDS) if row is not None else None
    if row is None:
        row = TenderMethod(tender_id=tender.id, template=key, body=serial.dumps(method), created_by_id=actor.id)
        db.session.add(row)
    else:
        row.template, row.body = key, serial.dumps(method)  # the mapper raises the version
    db.session.flush()
    record(actor, action, row, before=before, after=snapshot(row, FIELDS), summary=summary)
    return row
