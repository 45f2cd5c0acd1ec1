"""Who may bid now, as one predicate with the reason in Chinese.

条例第三十六条: a bid from a company that failed prequalification is refused (a tender
without a qualification checklist has no prequalification: signing up is enough); 条例第三十四条:
companies with the same legal representative or in a control relationship may not bid in
the same tender, and a company with an interest in the tenderer may not bid at all. A
finding staff decided "related" therefore blocks the second of two related companies
(the first one's bid is already in) and blocks a developer affiliate outright.
Invitation procedures take invitees only; the lifecycle and the server clock say whether
the tender still accepts bids.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from tender.auth.roles import Role
from tender.db import to_local, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices.lifecycle import Action, refusal

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.notices.models import Tender

ARTICLE_34 = ("依据《招标投标法实施条例》第三十四条，单位负责人为同一人或者存在控股、管理关系的不同单位，"
              "不得参加同一标段投标")


def closed_message(tender, now: datetime) -> str | None:
    """The deadline, in the server's time: the only clock that decides lateness."""
    if tender.bid_deadline is not None and now >= tender.bid_deadline:
        return (f"投标截止时间（{to_local(tender.bid_deadline):%Y-%m-%d %H:%M}）已过，服务器时间为 "
                f"{to_local(now):%Y-%m-%d %H:%M:%S}，不再接收投标文件；已递交的投标文件保持不变。")
    return None


def timing_refusal(tender, now: datetime) -> str | None:
    """Does the tender still take bids at `now` (state and deadline only)?"""
    late = closed_message(tender, now)
    if late:
        return late
    reason = refusal(tender, Action.BID, now=now)
    if reason and not tender.is_public:
        return "本项目尚未发布，不能投标。"
    return reason


def bid_refusal(tender, company_id: int | None, now: datetime | None = None) -> str | None:
    """Why this company may not bid in this tender now; None when it may."""
    now = now or utcnow()
    reason = timing_refusal(tender, now)
    if reason:
        return reason
    if company_id is None:
        return "只有投标人账号可以投标。"
    if tender.procedure.by_invitation and not tender.is_invited(company_id):
        return f"本项目为{tender.procedure.label}，仅受邀单位可以投标。"
    if not tender.is_registered(company_id):
        return "贵公司尚未报名本项目，报名后方可投标。"
    reason = _qualification_refusal(tender, company_id) or _related_refusal(tender, company_id)
    if reason:
        return reason
    if tender.seal is None:
        return "本项目尚未生成投标文件的密封公钥，暂不能接收投标文件，请联系招标人。"
    return None


def require_eligible(tender: Tender, actor: User, now: datetime | None = None) -> None:
    if actor.role is not Role.BIDDER or actor.company_id is None:
        raise NotAllowed("只有投标人账号可以投标。")
    reason = bid_refusal(tender, actor.company_id, now)
    if reason:
        raise DomainError(reason)


def _qualification_refusal(tender, company_id: int) -> str | None:
    """Judged by the company's qualification result when the tender has a qualification step.

    A tender whose staff set no qualification checklist has no such step (资格后审 by the
    committee, or a 三家比价 among invited companies): registration, and the invitation where
    the procedure invites, is then all it takes, as `bid_refusal` checks before this.
    """
    from tender.qualification.models import QualificationItem, QualificationSubmission, SubmissionStatus

    submission = db.session.scalar(sa.select(QualificationSubmission).where(
        QualificationSubmission.tender_id == tender.id, QualificationSubmission.company_id == company_id))
    if submission is None and db.session.scalar(sa.select(QualificationItem.id).where(
            QualificationItem.tender_id == tender.id).limit(1)) is None:
        return None
    if submission is None or submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED):
        return "贵公司须通过本项目的资格审查（结论为“合格”）后方可投标。"
    if not submission.qualified:
        return f"贵公司本项目资格审查结论为“{submission.result_label}”，不能投标（条例第三十六条）。"
    return None


def _related_refusal(tender, company_id: int) -> str | None:
    from tender.bidders.models import Company, RelatedDecision, RelatedFinding
    from tender.bids.models import Bid, BidStatus

    findings = db.session.scalars(sa.select(RelatedFinding).where(
        RelatedFinding.tender_id == tender.id, RelatedFinding.decision == RelatedDecision.RELATED.value,
        RelatedFinding.present.is_(True),
        sa.or_(RelatedFinding.company_a_id == company_id, RelatedFinding.company_b_id == company_id))).all()
    for finding in findings:
        other_id = finding.company_b_id if finding.company_a_id == company_id else finding.company_a_id
        if other_id is None:
            return (f"经招标人认定，贵公司“{finding.label}”。依据《招标投标法实施条例》第三十四条，"
                    "与招标人存在利害关系可能影响招标公正性的单位不得参加投标。")
        bids = db.session.scalar(sa.select(sa.func.count()).select_from(Bid).where(
            Bid.tender_id == tender.id, Bid.company_id == other_id, Bid.status == BidStatus.SUBMITTED))
        if bids:
            other = db.session.get(Company, other_id)
            return (f"经招标人认定，贵公司与{other.name}存在关联关系（{finding.label}）。{ARTICLE_34}；"
                    f"{other.name}已递交本项目投标文件，贵公司不能再投标。")
    return None
