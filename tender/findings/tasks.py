"""The findings job of one tender, with visible progress."""
from __future__ import annotations

from tender.extensions import db
from tender.findings.models import FindingsRun, RunState
from tender.findings.processing import run_findings
from tender.jobs import JobType, tracked_task
from tender.jobs.operations import finish, report
from tender.links import path_for

# A 20-bid tender: 190 pairs and 20 history look-ups, each comparison well under a second, and
# each bid's fingerprints computed in a child (the similarity store's `limited(prepare, ...)`).
# A retry reuses every comparison already made, so it resumes rather than starts over.
FINDINGS = JobType(time_limit=1800, retries=2, memory_mb=1024, parse_seconds=600)


@tracked_task(FINDINGS)
def findings_task(job_id: int, run_id: int):
    run = db.session.get(FindingsRun, run_id)
    try:
        counts = run_findings(run, lambda pct, message: report(job_id, pct, message))
    except Exception:  # noqa: BLE001 - shown on the run, then `tracked` ends the job with its reason
        _mark_failed(run_id)
        raise
    message = (f"{counts['bids']} 份投标文件，{counts['pairs']} 对两两比对（{counts['flagged_pairs']} 对雷同），"
               f"历史比对 {counts['history']} 次，共 {counts['findings']} 项发现")
    finish(job_id, result_url=path_for("findings.show", tender_id=run.tender_id), message=message)


def _mark_failed(run_id: int) -> None:
    """The run shows the failure too (the job's own message says why); a retry sets it running again."""
    db.session.rollback()
    run = db.session.get(FindingsRun, run_id, populate_existing=True)
    run.state, run.error = RunState.FAILED, "检查未完成，请查看任务记录或重新检查。"
    db.session.commit()
