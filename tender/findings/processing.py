"""The findings job's work, step by step: store the bids' text, compare, look up history, run the checks.

Called from the job (tasks.py), never from a request. Steps that fingerprint or compare
commit as they go (the similarity store's own rule, so other requests get the database);
the findings and the run's figures commit with the job's "done".
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from scoring.collusion.tender_checks import check_tender
from tender.bidders.models import Company
from tender.db import utcnow
from tender.extensions import db
from tender.findings.build import check_specs, history_specs, pair_specs, related_specs, store_findings
from tender.findings.inputs import bid_input, bid_texts, known, other_tenders, related_decisions
from tender.findings.models import FindingsRun, RunState
from tender.findings.prose import history_figures, pair_figures, prepare_tender_documents, store_bids
from tender.notices.models import Tender
from tender.opening.keys import opened_private_key
from tender.similarity.models import DocumentState, SimilarityDocument
from tender.similarity.processing import ComparisonCache

Progress = Callable[[int, str], None]


def run_findings(run: FindingsRun, progress: Progress) -> dict:
    """All checks of the run's tender; returns the counts shown on the page and the job."""
    tender = run.tender
    run.state, run.started_at, run.error = RunState.RUNNING, utcnow(), ""
    db.session.commit()
    progress(2, "准备招标文件原文（比对时扣除）")
    prepare_tender_documents(tender)
    texts, notes = bid_texts(tender)
    docs = {}
    progress(5, f"计算指纹：{len(texts)} 份投标文件")
    for bid_text, doc in zip(texts, store_bids(tender, texts), strict=True):
        if doc.state is DocumentState.READY:
            docs[bid_text.bid.id] = (bid_text, doc)
        else:
            notes.append(f"{bid_text.bid.company.name} 的投标文件未能计算指纹：{doc.error}")
    names = {bid_text.bid.id: bid_text.bid.company.name for bid_text in texts}
    cache = ComparisonCache()  # each bid's common-text counts looked up once, not once per comparison
    pairs = pair_figures(tender, docs, lambda i, total: progress(35 + 30 * i // total, f"两两比对 {i}/{total}"), cache)
    history = history_figures(tender, docs, lambda i, total: progress(65 + 20 * i // total,
                                                                        f"历史投标检索 {i}/{total}"), cache)
    progress(88, "检查混装信息、项目管理成员、文件属性、报价规律和残留信息")
    key = opened_private_key(tender.seal)
    found = check_tender([bid_input(t, key) for t in texts], known(tender), other_tenders(tender))
    specs = (pair_specs(pairs, names) + history_specs(history, names, _history_names(history))
             + check_specs(found, {t.bid.id: t.parts for t in texts})
             + related_specs({t.bid.id: (t.bid.company_id, t.bid.company.name) for t in texts},
                             related_decisions(tender)))
    rows = store_findings(tender, specs)
    run.pairs, run.history, run.notes = pairs, history, notes
    run.counts = {"bids": len(texts), "compared_bids": len(docs), "pairs": len(pairs),
                  "flagged_pairs": sum(p["flagged"] for p in pairs), "history": len(history),
                  "flagged_history": sum(h["flagged"] for h in history), "findings": len(rows)}
    run.state, run.finished_at = RunState.DONE, utcnow()
    return run.counts


def _history_names(history: list[dict]) -> dict[int, tuple[str, str]]:
    """Each earlier bid as the page names it: its company and the tender it was for."""
    ids = {row["other_doc_id"] for row in history if row["flagged"]}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(SimilarityDocument.id, Company.name, Tender.reference, Tender.title)
                              .join(Company, Company.id == SimilarityDocument.company_id, isouter=True)
                              .join(Tender, Tender.id == SimilarityDocument.tender_id, isouter=True)
                              .where(SimilarityDocument.id.in_(ids)))
    return {doc_id: (company or "", f"“{title}”（{reference}）") for doc_id, company, reference, title in rows}
