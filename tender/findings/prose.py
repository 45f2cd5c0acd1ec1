"""Copied prose: each bid into the similarity store, every pair of the tender's bids, each bid against history.

The store, the subtraction (library, the tender's own documents, text common to many companies)
and the comparison are the similarity area's; this module only chooses what to compare and
keeps the figures, flagged or not, so the findings page can rank every pair.
"""
from __future__ import annotations

import bisect
import hashlib
from itertools import combinations

import sqlalchemy as sa

from tender.db import utcnow
from tender.extensions import db
from tender.files import SavedFile, write_new
from tender.findings.inputs import BidText, page_label
from tender.notices.models import Tender
from tender.similarity.models import Comparison, DocumentKind, DocumentState, SimilarityDocument
from tender.similarity.processing import (
    ComparisonCache,
    candidates_of,
    prepare_document,
    prepare_many,
    run_comparison,
)

HISTORY_CANDIDATES = 10  # looked up per bid in the whole store
HISTORY_COMPARED = 3  # of those, compared in full per group (same company / other companies)
EXCERPT_CHARS = 80


def prepare_tender_documents(tender: Tender) -> None:
    """The tender's own documents are subtracted only once fingerprinted: do any still waiting first."""
    waiting = db.session.scalars(sa.select(SimilarityDocument).where(
        SimilarityDocument.kind == DocumentKind.TENDER, SimilarityDocument.tender_id == tender.id,
        SimilarityDocument.state == DocumentState.PENDING)).all()
    for doc in waiting:
        prepare_document(doc)


def store_bids(tender: Tender, texts: list[BidText]) -> list[SimilarityDocument]:
    """Every bid's text as a document, fingerprinted together (their rows written in one pass)."""
    docs = [bid_document(tender, bid_text) for bid_text in texts]
    return prepare_many([(doc, t.text, t.page_starts) for doc, t in zip(docs, texts, strict=True)])


def bid_document(tender: Tender, bid_text: BidText) -> SimilarityDocument:
    """The bid's joined text as a BID document of its company; the same text is stored only once."""
    data = bid_text.text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    company_id = bid_text.bid.company_id
    current = db.session.scalars(sa.select(SimilarityDocument).where(
        SimilarityDocument.kind == DocumentKind.BID, SimilarityDocument.tender_id == tender.id,
        SimilarityDocument.company_id == company_id, SimilarityDocument.removed_at.is_(None))).all()
    doc = next((d for d in current if d.sha256 == digest and d.state is not DocumentState.FAILED), None)
    for old in current:
        if old is not doc:
            old.removed_at = utcnow()  # a file extracted again changed the bid's text: the old one is history
    if doc is None:
        saved = SavedFile(write_new(data, "txt"), f"bid-{bid_text.bid.id}.txt", len(data), "text/plain", digest)
        doc = SimilarityDocument(title=f"{tender.reference} 投标文件"[:200], kind=DocumentKind.BID,
                                 company_id=company_id, tender_id=tender.id, **saved.columns())
        db.session.add(doc)
    db.session.commit()
    return doc


def compared(tender: Tender, a: SimilarityDocument, b: SimilarityDocument,
             cache: ComparisonCache | None = None) -> Comparison:
    """A finished comparison of the two under this tender, made now unless an earlier run made it."""
    found = db.session.scalar(sa.select(Comparison).where(
        Comparison.doc_a_id == a.id, Comparison.doc_b_id == b.id, Comparison.tender_id == tender.id,
        Comparison.report.is_not(None)).order_by(Comparison.id.desc()).limit(1))
    if found is not None:
        return found
    comparison = Comparison(doc_a_id=a.id, doc_b_id=b.id, use_library=True, tender_id=tender.id)
    db.session.add(comparison)
    db.session.flush()
    run_comparison(comparison, cache)  # commits
    return comparison


def figures(comparison: Comparison, parts_a=(), parts_b=()) -> dict:
    """The pair's numbers and its longest passages with page numbers on both sides."""
    report = comparison.report
    passages = sorted(report["passages"], key=lambda p: -p["length"])[:3]
    a, b = comparison.doc_a, comparison.doc_b
    return {
        "comparison_id": comparison.id, "score": report["score"], "flagged": report["flagged"],
        "containment_a": report["containment_a"], "containment_b": report["containment_b"],
        "shared_chars": report["shared_chars"], "longest_passage": report["longest_passage"],
        "n_passages": len(report["passages"]), "n_structure": len(report["structure"]),
        # The engine's one rule for a sold template (reports stored before it carry no flag).
        "structure_chars": report.get("structure_chars", sum(p["length"] for p in report["structure"])),
        "structure_flagged": report.get("structure_flagged", False),
        "passages": [{"page_a": _page(a, p["a_start"]), "page_b": _page(b, p["b_start"]),
                      "label_a": page_label(parts_a, _page(a, p["a_start"])),
                      "label_b": page_label(parts_b, _page(b, p["b_start"])), "length": p["length"],
                      "excerpt": _excerpt(a.text[p["a_start"]:p["a_end"]])} for p in passages],
    }


def _page(doc: SimilarityDocument, offset: int) -> int | None:
    starts = doc.page_starts or []
    return bisect.bisect_right(starts, offset) if starts else None


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "……"


def pair_figures(tender: Tender, docs: dict[int, tuple[BidText, SimilarityDocument]], progress,
                 cache: ComparisonCache | None = None) -> list[dict]:
    """Every pair of the tender's bids, strongest first."""
    rows = []
    pairs = list(combinations(sorted(docs), 2))
    for n, (bid_a, bid_b) in enumerate(pairs, 1):
        (text_a, doc_a), (text_b, doc_b) = docs[bid_a], docs[bid_b]
        comparison = compared(tender, doc_a, doc_b, cache)
        rows.append({"a": bid_a, "b": bid_b, **figures(comparison, text_a.parts, text_b.parts)})
        progress(n, len(pairs))
    return sorted(rows, key=lambda r: (-r["score"], r["a"], r["b"]))


def history_figures(tender: Tender, docs: dict[int, tuple[BidText, SimilarityDocument]], progress,
                    cache: ComparisonCache | None = None) -> list[dict]:
    """Each bid against the best earlier bids of other tenders, split: its own company's, other companies'.

    One indexed query per bid ranks the whole store (`store.top_candidates`, SQL aggregation over
    the fingerprint index); only the best few of each group are compared in full.
    """
    cache = cache or ComparisonCache()
    own_ids = [doc.id for _, doc in docs.values()]
    rows = []
    for n, (bid_id, (bid_text, doc)) in enumerate(sorted(docs.items()), 1):
        prepared = cache.document(doc)
        found = candidates_of(prepared.fp_hash, limit=HISTORY_CANDIDATES + len(own_ids), exclude=own_ids,
                              kinds=("bid",), common=cache.common(doc, prepared))
        earlier = {d.id: d for d in db.session.scalars(sa.select(SimilarityDocument).where(
            SimilarityDocument.id.in_([c.doc_id for c in found]), SimilarityDocument.tender_id != tender.id))}
        ranked = [earlier[c.doc_id] for c in found if c.doc_id in earlier][:HISTORY_CANDIDATES]
        for same in (True, False):
            group = [d for d in ranked if (d.company_id == doc.company_id) == same][:HISTORY_COMPARED]
            for other in group:
                comparison = compared(tender, doc, other, cache)
                rows.append({"bid_id": bid_id, "same_company": same, "other_doc_id": other.id,
                             "other_tender_id": other.tender_id, "other_company_id": other.company_id,
                             **figures(comparison, bid_text.parts)})
                cache.forget(other)  # the bidders' own earlier bids are full-length: 20 of them held cost ~0.5 GB
        progress(n, len(docs))
    return sorted(rows, key=lambda r: (-r["score"], r["bid_id"], r["other_doc_id"]))
