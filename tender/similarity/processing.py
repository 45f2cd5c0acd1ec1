"""The slow steps: extract, fingerprint, store, compare. Called from jobs, never from a request."""
from __future__ import annotations

from dataclasses import asdict

import numpy as np
import sqlalchemy as sa

from scoring.similarity import Boilerplate, Document, PairReport, compare, prepare, subtract
from scoring.similarity.extract import ExtractionError, extract
from scoring.similarity.params import DEFAULT_PARAMS
from tender.extensions import db
from tender.files import storage_root
from tender.similarity.models import Comparison, DocumentKind, DocumentState, SimilarityDocument
from tender.similarity.store import company_counts, save_fingerprints, top_candidates


def prepare_document(doc: SimilarityDocument) -> SimilarityDocument:
    """Idempotent: a second job for the same document (upload and compare both ask) does nothing."""
    doc = db.session.get(SimilarityDocument, doc.id, with_for_update=True, populate_existing=True)
    if doc.state is not DocumentState.PENDING:
        return doc
    try:
        extracted = extract(storage_root() / doc.storage_key)
    except ExtractionError as e:
        doc.state, doc.error = DocumentState.FAILED, e.message[:500]
        db.session.commit()
        return doc
    text = extracted.text.replace("\x00", "")
    prepared = prepare(text)
    doc.text, doc.page_starts = text, list(extracted.page_starts)
    doc.prepared = prepared.to_bytes()
    doc.n_chars, doc.n_fingerprints = len(text), int(prepared.fp_hash.shape[0])
    save_fingerprints(db.session, doc.id, doc.company_id, prepared.fp_hash, prepared.fp_pos)
    if doc.kind is not DocumentKind.LIBRARY:
        found = top_candidates(db.session, prepared.fp_hash.tolist(), limit=10, exclude=[doc.id])
        doc.candidates = [asdict(c) for c in found]
    doc.state = DocumentState.READY
    db.session.commit()
    return doc


def _boilerplate(comparison: Comparison) -> Boilerplate:
    items = []
    if comparison.use_library:
        library = db.session.scalars(sa.select(SimilarityDocument).where(
            SimilarityDocument.kind == DocumentKind.LIBRARY, SimilarityDocument.removed_at.is_(None),
            SimilarityDocument.state == DocumentState.READY)).all()
        items += [(d.title, "legal", Document.from_bytes(d.prepared)) for d in library]
    tender_ids = {d.tender_id for d in (comparison.doc_a, comparison.doc_b) if d.tender_id}
    if tender_ids:
        tender_docs = db.session.scalars(sa.select(SimilarityDocument).where(
            SimilarityDocument.kind == DocumentKind.TENDER, SimilarityDocument.tender_id.in_(tender_ids),
            SimilarityDocument.state == DocumentState.READY)).all()
        items += [(d.title, "tender", Document.from_bytes(d.prepared)) for d in tender_docs]
    return Boilerplate.from_documents(items)


def run_comparison(comparison: Comparison) -> dict:
    a, b = Document.from_bytes(comparison.doc_a.prepared), Document.from_bytes(comparison.doc_b.prepared)
    boilerplate = _boilerplate(comparison)
    common = company_counts(db.session, np.concatenate([a.fp_hash, b.fp_hash]).tolist(),
                            minimum=DEFAULT_PARAMS.company_threshold)
    report = compare(a, b, subtract(a, boilerplate, common), subtract(b, boilerplate, common))
    comparison.report = report_json(report, [s.label for s in boilerplate.sources])
    db.session.commit()
    return comparison.report


def report_json(report: PairReport, sources: list[str]) -> dict:
    return {
        "score": report.score, "containment_a": report.containment_a, "containment_b": report.containment_b,
        "shared_chars": report.shared_chars, "longest_passage": report.longest_passage, "flagged": report.flagged,
        "passages": [_passage(p) for p in report.passages],
        "structure": [_passage(p) for p in report.structure],
        "subtracted": [{"side": s.side, "start": s.start, "end": s.end, "reason": s.reason}
                       for s in report.subtracted],
        "sources": sources,
    }


def _passage(p) -> dict:
    return {"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end, "length": p.length}
