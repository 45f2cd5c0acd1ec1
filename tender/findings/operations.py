"""Starting the checks when a tender's extraction ends, staff handling of findings, and the panel gate.

Each changing operation flushes and writes its audit entry; the caller commits.
The gate the scoring panel must pass (`findings_shown`) lives here so the next module
calls one named rule instead of re-deriving it.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from tender.audit.operations import record
from tender.auth.roles import OVERSEERS, STAFF_ROLES, Role
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.findings.models import CommitteeDecision, Finding, FindingsRun, FindingStatus, RunState
from tender.jobs.operations import start_job

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.jobs.models import JobRecord
    from tender.notices.models import Tender

JOB_KIND = "findings"


def extraction_outcome(tender: Tender) -> str | None:
    """A digest of every bid file's extraction outcome, or None while one is still pending (or not started)."""
    from tender.bids.operations import submitted_bids
    from tender.bidtext.models import BidDocument, ExtractionState

    bids = submitted_bids(tender)
    if not bids or not bids[0].opened:
        return None
    expected = {f.id for bid in bids for f in bid.current_files.values()}
    documents = db.session.scalars(sa.select(BidDocument).where(BidDocument.bid_file_id.in_(expected))
                                   .order_by(BidDocument.id)).all()
    if {d.bid_file_id for d in documents} != expected:
        return None
    if any(d.state is ExtractionState.PENDING for d in documents):
        return None
    outcome = "|".join(f"{d.id}:{d.state.value}:{d.finished_at.isoformat() if d.finished_at else ''}"
                       for d in documents)
    return hashlib.sha256(outcome.encode()).hexdigest()


def start_findings(tender: Tender, actor: User | None, force: bool = False) -> JobRecord | None:
    """One findings job per extraction outcome: the last file finishing starts it, a retried file starts it again.

    Two workers finishing the last two files at once may both get here: the run row is locked
    (and unique per tender), so the second sees the trigger already set and starts nothing.
    """
    trigger = extraction_outcome(tender)
    if trigger is None:
        if force:
            raise DomainError("投标文件尚未全部提取完毕，提取结束后会自动检查。")
        return None
    run = db.session.scalar(sa.select(FindingsRun).where(FindingsRun.tender_id == tender.id).with_for_update())
    if run is None:
        run = FindingsRun(tender_id=tender.id)
        db.session.add(run)
    elif run.trigger == trigger and not force:
        return None
    before = {"state": run.state.value if run.state else None, "shown_to_panel_at": run.shown_to_panel_at}
    run.trigger, run.state, run.error = trigger, RunState.QUEUED, ""
    run.queued_at, run.started_at, run.finished_at = utcnow(), None, None
    # New findings must be in front of the panel too: a rerun asks for the page to be shown again.
    run.shown_to_panel_at = run.shown_to_panel_by_id = None
    db.session.flush()
    from tender.findings.tasks import findings_task

    job = start_job(actor, JOB_KIND, f"开标后检查：{tender.reference} {tender.title}", findings_task, run.id,
                    subject=run)
    record(actor, "findings.start", run, before=before, after={"job_id": job.id, "trigger": trigger},
           summary=f"开始开标后检查（雷同、一本标书、第四十条情形）：{tender.title}")
    return job


def after_extraction(tender_id: int) -> JobRecord | None:
    """Called by the extraction job once its document's state is committed; commits what it starts."""
    from tender.notices.models import Tender

    try:
        job = start_findings(db.session.get(Tender, tender_id), None)
        db.session.commit()
        return job
    except IntegrityError:  # a concurrent worker created the run row first: it starts the job
        db.session.rollback()
        return None


def rerun_findings(tender: Tender, actor: User) -> JobRecord:
    """Staff run the checks again (after a failed run, or once the library or history has grown); audited."""
    _staff(actor)
    return start_findings(tender, actor, force=True)


def _staff(actor) -> None:
    if actor.role not in STAFF_ROLES:
        raise NotAllowed("只有招标专员可以处理检查发现。")


def explain_finding(finding: Finding, actor: User, reason: str) -> None:
    """Staff (or the panel through staff) judge a finding explained: the reason is kept and audited."""
    _set_status(finding, actor, FindingStatus.EXPLAINED, reason,
                "请填写说明理由（例如：该段为招标文件要求的格式文本）。")


def refer_finding(finding: Finding, actor: User, reason: str) -> None:
    """The committee decides on it (条例第四十条 "视为" is the committee's call, not the system's)."""
    _set_status(finding, actor, FindingStatus.REFERRED, reason, "请填写提交评标委员会的理由。")


def _set_status(finding: Finding, actor, status: FindingStatus, reason: str, missing: str) -> None:
    _staff(actor)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(missing, field="reason")
    if finding.decision is not None:
        raise DomainError("评标委员会已对该项作出决定，不能再更改处理状态。")
    before = {"status": finding.status.value, "reason": finding.status_reason}
    finding.status, finding.status_reason = status, reason
    finding.status_by_id, finding.status_at = actor.id, utcnow()
    db.session.flush()
    record(actor, f"findings.{status.value}", finding, before=before,
           after={"status": status.value, "reason": reason},
           summary=f"检查发现{status.label}：{finding.kind.label}（#{finding.id}）")


def record_committee_decision(finding: Finding, actor: User, decision: str, note: str) -> None:
    """The committee's decision on a referred finding, entered by staff for it, with its reasons."""
    _staff(actor)
    if not finding.referred:
        raise DomainError("只有已提交评标委员会的发现才能记录委员会决定。")
    before = finding.take_decision(actor, decision, note)
    db.session.flush()
    record(actor, "findings.committee_decision", finding, before=before,
           after={"decision": decision, "note": finding.decision_note},
           summary=f"记录评标委员会决定：{finding.kind.label}（#{finding.id}）{CommitteeDecision(decision).label}")


def record_shown_to_panel(tender: Tender, actor: User) -> FindingsRun:
    """Staff confirm the findings page was put in front of the panel; only then may experts score."""
    _staff(actor)
    run = run_of(tender)
    if run is None or not run.done:
        raise DomainError("开标后检查尚未完成，完成后才能向评标委员会展示。")
    if run.shown_to_panel_at is not None:
        raise DomainError("已记录向评标委员会展示。")
    run.shown_to_panel_by_id, run.shown_to_panel_at = actor.id, utcnow()
    db.session.flush()
    record(actor, "findings.shown_to_panel", run, after={"shown_to_panel_at": run.shown_to_panel_at,
                                                         "findings": (run.counts or {}).get("findings")},
           summary=f"已向评标委员会展示开标后检查结果：{tender.title}")
    return run


def run_of(tender: Tender) -> FindingsRun | None:
    return db.session.scalar(sa.select(FindingsRun).where(FindingsRun.tender_id == tender.id))


def findings_shown(tender: Tender) -> bool:
    """The gate before scoring: the checks finished and staff recorded that the panel saw the result."""
    run = run_of(tender)
    return run is not None and run.done and run.shown_to_panel_at is not None


def may_open_score_sheet(tender: Tender, user: User) -> bool:
    """What the scoring panel (next issue) asks before an expert opens a score sheet of this tender."""
    return user.is_authenticated and user.role is Role.EXPERT and findings_shown(tender)


def can_view_findings(user: User) -> bool:
    """Staff and the supervisor. Experts are not let in on their own: no panel membership exists yet to
    tell a panel member from any expert, and one member opening the page is not the panel seeing it.
    Staff put the page before the sitting panel and record that (`record_shown_to_panel`)."""
    return user.is_authenticated and user.role in OVERSEERS


def ranked_findings(tender: Tender) -> list[Finding]:
    return list(db.session.scalars(sa.select(Finding).where(Finding.tender_id == tender.id)
                                   .order_by(Finding.present.desc(), Finding.strength.desc(), Finding.id)))
