"""What the findings page shows, read in one place: the run, findings ranked, the pair matrix, history apart."""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from tender.bids.models import Bid
from tender.extensions import db
from tender.findings.models import Finding, FindingKind, FindingsRun
from tender.findings.operations import ranked_findings, run_of
from tender.jobs.queries import jobs_of
from tender.notices.models import Tender
from tender.similarity.models import SimilarityDocument

HISTORY_KINDS = (FindingKind.REUSE_OWN, FindingKind.HISTORY_OTHER)


@dataclass
class FindingsPage:
    tender: Tender
    run: FindingsRun | None
    job: object | None
    findings: list[Finding]  # in-tender findings, strongest first
    history_findings: list[Finding]
    names: dict[int, str]  # bid id -> company name
    bids: list[int] = field(default_factory=list)
    matrix: dict[tuple[int, int], dict] = field(default_factory=dict)
    history_own: list[dict] = field(default_factory=list)
    history_other: list[dict] = field(default_factory=list)
    earlier: dict[int, str] = field(default_factory=dict)  # history document id -> label

    @property
    def referred(self) -> list[Finding]:
        return [f for f in self.findings + self.history_findings if f.referred]


def findings_page(tender: Tender) -> FindingsPage:
    run = run_of(tender)
    jobs = jobs_of(run) if run is not None else []
    rows = ranked_findings(tender)
    bids = db.session.scalars(sa.select(Bid).where(Bid.tender_id == tender.id)).all()
    page = FindingsPage(tender, run, jobs[-1] if jobs else None,
                        [f for f in rows if f.kind not in HISTORY_KINDS],
                        [f for f in rows if f.kind in HISTORY_KINDS], {b.id: b.company.name for b in bids})
    if run is None or not run.pairs and not run.history:
        return page
    page.bids = sorted({p[k] for p in run.pairs for k in ("a", "b")})
    page.matrix = {(p["a"], p["b"]): p for p in run.pairs} | {(p["b"], p["a"]): p for p in run.pairs}
    page.history_own = [h for h in run.history or [] if h["same_company"]]
    page.history_other = [h for h in run.history or [] if not h["same_company"]]
    page.earlier = _earlier_labels({h["other_doc_id"] for h in run.history or []})
    return page


def _earlier_labels(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    docs = db.session.scalars(sa.select(SimilarityDocument).where(SimilarityDocument.id.in_(ids))).all()
    return {d.id: d.label for d in docs}
