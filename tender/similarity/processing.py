"""The slow steps: extract, fingerprint, store, compare. Called from jobs, never from a request."""
from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from flask import current_app

from scoring.extraction import ExtractionError, extract
from scoring.similarity import (
    Boilerplate,
    Document,
    PairReport,
    Subtraction,
    SubtractionKind,
    compare,
    prepare,
    subtract,
)
from scoring.similarity.params import DEFAULT_PARAMS
from tender.extensions import db
from tender.files import archive_limits, storage_root
from tender.jobs.limits import LimitExceeded, limited
from tender.similarity.models import Comparison, DocumentKind, DocumentState, SimilarityDocument
from tender.similarity.store import (
    Fingerprints,
    company_counts,
    delete_fingerprints,
    query_hashes,
    save_many,
    top_candidates,
)


def prepare_document(doc: SimilarityDocument) -> SimilarityDocument:
    """Idempotent: a second job for the same document (upload and compare both ask) does nothing."""
    doc = db.session.get(SimilarityDocument, doc.id, with_for_update=True, populate_existing=True)
    if doc.state is not DocumentState.PENDING:
        return doc
    config = current_app.config
    try:
        extracted = limited(extract, storage_root() / doc.storage_key, config["EXTRACT_MAX_CHARS"], archive_limits())
        text, starts, truncated = extracted.text.replace("\x00", ""), list(extracted.page_starts), extracted.truncated
        del extracted
    except (ExtractionError, LimitExceeded) as e:
        return _failed(doc, e.message)
    return _fingerprint(doc, text, starts, truncated)


def prepare_from_text(doc: SimilarityDocument, text: str, page_starts: list[int]) -> SimilarityDocument:
    """A document whose text was already extracted (an opened bid): the same fingerprinting, no second parse."""
    return prepare_many([(doc, text, page_starts)])[0]


def prepare_many(items: list[tuple[SimilarityDocument, str, list[int]]]) -> list[SimilarityDocument]:
    """Several extracted documents (a tender's opened bids) fingerprinted, their rows written together.

    Written together, in hash order, the rows of 20 bids touch each stretch of the fingerprint
    index once instead of once per bid (`store.save_many`). Documents not PENDING are left as they are.
    """
    limit = current_app.config["EXTRACT_MAX_CHARS"]
    out, todo = [], []
    for doc, text, starts in items:
        doc = db.session.get(SimilarityDocument, doc.id, with_for_update=True, populate_existing=True)
        out.append(doc)
        if doc.state is not DocumentState.PENDING:
            continue
        text = text.replace("\x00", "")
        truncated = len(text) > limit
        if truncated:
            text, starts = text[:limit], [s for s in starts if s < limit]
        try:
            prepared = limited(prepare, text)
        except LimitExceeded as e:
            _failed(doc, e.message)
            continue
        todo.append((doc, text, list(starts), truncated, prepared))
    _store(todo)
    return out


def _failed(doc: SimilarityDocument, message: str) -> SimilarityDocument:
    doc.state, doc.error = DocumentState.FAILED, message[:500]
    db.session.commit()
    return doc


def _fingerprint(doc: SimilarityDocument, text: str, starts: list[int], truncated: bool) -> SimilarityDocument:
    try:
        prepared = limited(prepare, text)
    except LimitExceeded as e:
        return _failed(doc, e.message)
    _store([(doc, text, starts, truncated, prepared)])
    return doc


def _store(todo: list[tuple[SimilarityDocument, str, list[int], bool, Document]]) -> None:
    """Fingerprints go in bounded batches, each its own transaction, so other requests get
    the database in between; each document turns READY only afterwards, in a short one.
    """
    config = current_app.config
    batch = config["FINGERPRINT_BATCH"]
    for doc, *_ in todo:
        delete_fingerprints(db.session, doc.id, batch, db.session.commit)  # left by a run that was stopped
    save_many(db.session, [Fingerprints(doc.id, doc.company_id, prepared.fp_hash, prepared.fp_pos)
                           for doc, _, _, _, prepared in todo], batch, db.session.commit)
    for doc, text, starts, truncated, prepared in todo:
        candidates = None
        if doc.kind is not DocumentKind.LIBRARY:
            candidates = [asdict(c) for c in candidates_of(prepared.fp_hash, limit=10, exclude=[doc.id])]
        doc.text, doc.page_starts, doc.candidates = text, starts, candidates
        doc.prepared = prepared.to_bytes()
        doc.n_chars, doc.n_fingerprints = len(text), int(prepared.fp_hash.shape[0])
        doc.error = truncation_note(config["EXTRACT_MAX_CHARS"]) if truncated else ""
        doc.state = DocumentState.READY
        db.session.commit()


def candidates_of(fp_hash, limit: int = 10, exclude=(), kinds=("bid", "upload"), common=None) -> list:
    """Stored documents sharing the most uncommon fingerprints with these, best first
    (``common``: their company counts, when a findings run has looked them up already)."""
    lookup = query_hashes(db.session, fp_hash.tolist(), threshold=DEFAULT_PARAMS.company_threshold, common=common)
    found = top_candidates(db.session, lookup, limit=limit, exclude=exclude, kinds=kinds)
    # SQLite: the lookup's temp-table writes opened a transaction whose reads pinned a WAL snapshot;
    # writing on after another connection committed would fail at once ("database is locked").
    db.session.commit()
    return found


def truncation_note(max_chars: int) -> str:
    """Shown next to the document's state: copies after the cut are not found, and staff should know."""
    return (f"文本超过 {max_chars:,} 字的上限，只提取并比对了前 {max_chars:,} 字；"
            "其后的内容未参与比对（上限可由管理员调整）。")


def _boilerplate(comparison: Comparison) -> Boilerplate:
    items = []
    if comparison.use_library:
        library = db.session.scalars(sa.select(SimilarityDocument).where(
            SimilarityDocument.kind == DocumentKind.LIBRARY, SimilarityDocument.removed_at.is_(None),
            SimilarityDocument.state == DocumentState.READY)).all()
        items += [(d.title, SubtractionKind.LEGAL, Document.from_bytes(d.prepared)) for d in library]
    tender_ids = _tender_ids(comparison)
    if tender_ids:
        tender_docs = db.session.scalars(sa.select(SimilarityDocument).where(
            SimilarityDocument.kind == DocumentKind.TENDER, SimilarityDocument.tender_id.in_(tender_ids),
            SimilarityDocument.state == DocumentState.READY)).all()
        items += [(d.title, SubtractionKind.TENDER, Document.from_bytes(d.prepared)) for d in tender_docs]
    return Boilerplate.from_documents(items)


class ComparisonCache:
    """What many comparisons of one job share: each document, its common-text counts, its subtraction.

    A findings run meets the same bid in dozens of comparisons; looking up its company counts and
    subtracting it again for each cost far more than comparing. Each document is subtracted from
    the company counts of its own fingerprints, so its subtraction is the same in every comparison
    it takes part in (and greys the same text in the reader whichever pair is opened); a single
    comparison (the compare page) goes through a cache of its own, so both paths agree.
    """

    def __init__(self) -> None:
        self.counts: dict[int, dict[int, int]] = {}
        self.boilerplates: dict[tuple, Boilerplate] = {}
        self.documents: dict[int, Document] = {}
        self.subtractions: dict[tuple, Subtraction] = {}

    def document(self, doc: SimilarityDocument) -> Document:
        if doc.id not in self.documents:
            self.documents[doc.id] = Document.from_bytes(doc.prepared)
        return self.documents[doc.id]

    def common(self, doc: SimilarityDocument, prepared: Document) -> dict[int, int]:
        if doc.id not in self.counts:
            self.counts[doc.id] = company_counts(db.session, prepared.fp_hash.tolist(),
                                                 minimum=DEFAULT_PARAMS.company_threshold)
        return self.counts[doc.id]

    def boilerplate(self, comparison: Comparison) -> tuple[tuple, Boilerplate]:
        key = (comparison.use_library, frozenset(_tender_ids(comparison)))
        if key not in self.boilerplates:
            self.boilerplates[key] = _boilerplate(comparison)
        return key, self.boilerplates[key]

    def forget(self, doc: SimilarityDocument) -> None:
        """Drop what is kept for one document: an earlier bid met once would only grow the job's memory."""
        self.documents.pop(doc.id, None)
        self.counts.pop(doc.id, None)
        for key in [k for k in self.subtractions if k[0] == doc.id]:
            del self.subtractions[key]

    def subtraction(self, doc: SimilarityDocument, comparison: Comparison) -> Subtraction:
        key, boilerplate = self.boilerplate(comparison)
        if (doc.id, key) not in self.subtractions:
            prepared = self.document(doc)
            self.subtractions[doc.id, key] = subtract(prepared, boilerplate, self.common(doc, prepared))
        return self.subtractions[doc.id, key]


def _tender_ids(comparison: Comparison) -> set[int]:
    ids = {d.tender_id for d in (comparison.doc_a, comparison.doc_b) if d.tender_id}
    return ids | {comparison.tender_id} if comparison.tender_id else ids


def run_comparison(comparison: Comparison, cache: ComparisonCache | None = None) -> dict:
    cache = cache or ComparisonCache()
    doc_a, doc_b = comparison.doc_a, comparison.doc_b
    a, b = cache.document(doc_a), cache.document(doc_b)
    sub_a, sub_b = cache.subtraction(doc_a, comparison), cache.subtraction(doc_b, comparison)
    report = compare(a, b, sub_a, sub_b)
    _, boilerplate = cache.boilerplate(comparison)
    comparison.report = report_json(report, [s.label for s in boilerplate.sources])
    db.session.commit()
    return comparison.report


def report_json(report: PairReport, sources: list[str]) -> dict:
    return {
        "score": report.score, "containment_a": report.containment_a, "containment_b": report.containment_b,
        "shared_chars": report.shared_chars, "longest_passage": report.longest_passage, "flagged": report.flagged,
        # The sold-template finding: identical specific headings, apart from copied prose and its score.
        "structure_chars": report.structure_chars, "structure_flagged": report.structure_flagged,
        "passages": [_passage(p) for p in report.passages],
        "structure": [_passage(p) for p in report.structure],
        "subtracted": [{"side": s.side, "start": s.start, "end": s.end, "reason": s.reason, "kind": s.kind.value}
                       for s in report.subtracted],
        "sources": sources,
    }


def _passage(p) -> dict:
    return {"a_start": p.a_start, "a_end": p.a_end, "b_start": p.b_start, "b_end": p.b_end, "length": p.length}


def report_rows(comparison: Comparison, limit: int = 2000) -> list[dict]:
    """Passages with their text on both sides and page numbers, for the printed report."""
    import bisect

    a, b = comparison.doc_a, comparison.doc_b

    def page(doc, offset):
        starts = doc.page_starts or [0]
        return bisect.bisect_right(starts, offset) if len(starts) > 1 else None

    rows = []
    for p in comparison.report["passages"]:
        rows.append({"text_a": _clip(a.text[p["a_start"]:p["a_end"]], limit),
                     "text_b": _clip(b.text[p["b_start"]:p["b_end"]], limit),
                     "page_a": page(a, p["a_start"]), "page_b": page(b, p["b_start"]), "length": p["length"]})
    return rows


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"……（共 {len(text)} 字）"


def render_report_pdf(comparison: Comparison) -> bytes:
    from flask import render_template

    from tender.auth.models import User
    from tender.db import utcnow
    from tender.pdf import html_to_pdf

    creator = db.session.get(User, comparison.created_by_id) if comparison.created_by_id else None
    rows = report_rows(comparison)
    html = render_template(
        "similarity/report_pdf.html", item=comparison, report=comparison.report, rows=rows,
        pages=any(r["page_a"] or r["page_b"] for r in rows), generated=utcnow(),
        item_creator=creator.label if creator else "系统",
        reasons=sorted({s["reason"] for s in comparison.report["subtracted"]}),
    )
    return html_to_pdf(html)
