"""Operations on related-bidder findings: load the registry into the pure rules, store findings, decide them.

条例第三十四条 makes every bid of related bidders void, so each finding needs a
recorded staff decision (认定 or 排除, with reasons) before evaluation.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa

from scoring.collusion import related
from tender.audit.operations import record
from tender.auth.models import User
from tender.bidders.models import Company, DeveloperAffiliate, RelatedDecision, RelatedFinding
from tender.extensions import db

if TYPE_CHECKING:
    from tender.notices.models import Tender


def to_party(company: Company) -> related.Party:
    return related.Party(
        company_id=company.id, name=company.name, credit_code=company.credit_code or "",
        legal_rep_name=company.legal_rep_name, legal_rep_id=company.legal_rep_id,
        shareholders=tuple(related.Holding(s.identifier or f"name:{s.name}", s.name, Decimal(s.share))
                           for s in company.shareholders),
        officers=tuple(related.Person(o.id_number, o.name, o.post) for o in company.officers),
        key_staff=tuple(related.Person(k.id_number, k.name, k.role) for k in company.key_staff),
        phone=company.contact_phone, email=company.contact_email, address=company.address,
    )


def detect_related(tender: Tender, actor: User, threshold: Decimal | None = None) -> list[RelatedFinding]:
    """Run every rule over the companies signed up to `tender`; keep earlier decisions, add new findings."""
    from tender.qualification.models import QualificationPlan

    if threshold is None:
        plan = db.session.scalar(sa.select(QualificationPlan).where(QualificationPlan.tender_id == tender.id))
        threshold = plan.control_threshold if plan else related.DEFAULT_CONTROL
    bidders = [to_party(r.company) for r in tender.registrations]
    registry = [to_party(c) for c in db.session.scalars(sa.select(Company))]
    affiliates = [related.Affiliate(a.name, a.credit_code, a.legal_rep_id)
                  for a in db.session.scalars(sa.select(DeveloperAffiliate))]
    found = related.find_related(bidders, registry=registry, affiliates=affiliates,
                                 control_threshold=Decimal(threshold))
    existing = {f.key: f for f in db.session.scalars(sa.select(RelatedFinding)
                                                     .where(RelatedFinding.tender_id == tender.id))}
    added = []
    for finding in found:
        row = existing.pop(finding.key, None)
        if row is None:
            ids = finding.company_ids
            row = RelatedFinding(tender_id=tender.id, key=finding.key, rule=finding.rule, company_a_id=ids[0],
                                 company_b_id=ids[1] if len(ids) > 1 else None, evidence=finding.evidence)
            db.session.add(row)
            added.append(row)
        row.present, row.evidence = True, finding.evidence
    for gone in existing.values():
        gone.present = False
    db.session.flush()
    record(actor, "related.detect", tender, after={"findings": len(found), "new": [f.key for f in added]},
           summary=f"关联投标人检查：{tender.title}，发现 {len(found)} 项（新增 {len(added)} 项）")
    return added


def decide_finding(finding: RelatedFinding, actor: User, decision: str, note: str) -> None:
    before = finding.take_decision(actor, decision, note)
    db.session.flush()
    record(actor, "related.decide", finding, before=before, after={"decision": decision, "note": finding.decision_note},
           summary=f"关联投标人结论：{RelatedDecision(decision).label}（{finding.label}）")
