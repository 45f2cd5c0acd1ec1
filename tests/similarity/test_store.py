"""The fingerprint store on the real database: company counts and one-query candidate retrieval."""
from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from scoring.similarity import prepare
from tender.extensions import db
from tender.similarity.models import DocumentKind, DocumentState, SimilarityDocument, fingerprints
from tender.similarity.store import (
    Fingerprints,
    company_counts,
    query_hashes,
    save_fingerprints,
    save_many,
    top_candidates,
)
from tests.factories import make_company
from tests.similarity.texts import BID_A, BID_B, REGULATION


def stored(text: str, company=None, kind=DocumentKind.BID) -> tuple[SimilarityDocument, np.ndarray]:
    doc = SimilarityDocument(title="t", kind=kind, state=DocumentState.READY,
                             company_id=company.id if company else None, storage_key="k", filename="t.txt",
                             size=1, content_type="text/plain", sha256="0" * 64)
    db.session.add(doc)
    db.session.flush()
    prepared = prepare(text)
    save_fingerprints(db.session, doc.id, doc.company_id, prepared.fp_hash, prepared.fp_pos)
    return doc, prepared.fp_hash


def test_companies_are_counted_not_documents(app):
    one, two = make_company(), make_company()
    _, hashes = stored(REGULATION, one)
    stored(REGULATION, one)          # the same company again: still one company
    assert set(company_counts(db.session, hashes.tolist(), minimum=1).values()) == {1}
    stored(REGULATION, two)
    assert set(company_counts(db.session, hashes.tolist(), minimum=1).values()) == {2}
    assert company_counts(db.session, hashes.tolist(), minimum=3) == {}


def test_candidates_rank_the_copy_first(app):
    companies = [make_company() for _ in range(4)]
    unrelated = [stored(f"第{i}份无关文本，" + "甲乙丙丁戊己庚辛壬癸" * (i + 3) + f"编号{i}", c)[0]
                 for i, c in enumerate(companies[:3])]
    source, _ = stored(BID_A, companies[3])
    query = prepare(BID_B).fp_hash.tolist()
    found = top_candidates(db.session, query, limit=3)
    assert found[0].doc_id == source.id and found[0].shared > 10
    assert all(c.doc_id not in {d.id for d in unrelated} or c.shared < found[0].shared for c in found)


def test_candidates_skip_library_removed_and_excluded(app):
    library, _ = stored(BID_A, kind=DocumentKind.LIBRARY)
    own, _ = stored(BID_A, make_company())
    query = prepare(BID_A).fp_hash.tolist()
    assert [c.doc_id for c in top_candidates(db.session, query)] == [own.id]
    assert top_candidates(db.session, query, exclude=[own.id]) == []
    assert library.id not in [c.doc_id for c in top_candidates(db.session, query)]


def test_query_hashes_drop_common_text_and_keep_a_stable_subsample(app):
    companies = [make_company() for _ in range(5)]
    for company in companies:
        stored(REGULATION, company)          # the regulation is now common to 5 companies
    regulation = set(prepare(REGULATION).fp_hash.tolist())
    bid = prepare(BID_A).fp_hash.tolist()
    kept = query_hashes(db.session, bid, threshold=5)
    assert kept and not (set(kept) & regulation)
    assert set(query_hashes(db.session, bid, threshold=6)) >= regulation & set(bid)
    small = query_hashes(db.session, bid, threshold=5, budget=10)
    assert 0 < len(small) <= len(kept) and set(small) <= set(kept)
    assert small == query_hashes(db.session, list(reversed(bid)), threshold=5, budget=10)


def test_a_document_still_being_prepared_is_no_candidate(app):
    """Fingerprints are committed in batches before the document turns READY."""
    half, _ = stored(BID_A, make_company())
    half.state = DocumentState.PENDING
    db.session.flush()
    query = prepare(BID_A).fp_hash.tolist()
    assert top_candidates(db.session, query) == []
    half.state = DocumentState.READY
    db.session.flush()
    assert [c.doc_id for c in top_candidates(db.session, query)] == [half.id]


def test_documents_written_together_give_the_rows_and_counts_of_one_by_one(app):
    """`save_many` sorts several documents' rows by hash and cuts them into batches; a hash may
    fall on both sides of a cut, and one company's two documents still count it once."""
    one, two = make_company(), make_company()
    texts, owners = [REGULATION, REGULATION, BID_A], [one, one, two]
    docs = []
    for owner in owners:
        doc = SimilarityDocument(title="t", kind=DocumentKind.BID, state=DocumentState.READY, company_id=owner.id,
                                 storage_key="k", filename="t.txt", size=1, content_type="text/plain", sha256="0" * 64)
        db.session.add(doc)
        docs.append(doc)
    db.session.flush()
    prepared = [prepare(t) for t in texts]
    commits = []
    rows = [Fingerprints(d.id, d.company_id, p.fp_hash, p.fp_pos) for d, p in zip(docs, prepared, strict=True)]
    save_many(db.session, rows, batch=37, after_batch=lambda: commits.append(1))
    assert len(commits) > 3
    for doc, p in zip(docs, prepared, strict=True):
        rows = db.session.execute(sa.select(fingerprints.c.hash, fingerprints.c.pos)
                                  .where(fingerprints.c.doc_id == doc.id)).all()
        assert sorted(rows) == sorted(zip(p.fp_hash.tolist(), p.fp_pos.tolist(), strict=True))
    regulation, bid = set(prepared[0].fp_hash.tolist()), set(prepared[2].fp_hash.tolist())
    counts = company_counts(db.session, regulation | bid, minimum=1)
    # company one (two documents of the regulation) counts once, company two (the bid) once
    assert counts == {h: (h in regulation) + (h in bid) for h in regulation | bid}
    stored(BID_A, one)  # company one now uses the bid's text too: only hashes new to it gain a company
    assert company_counts(db.session, bid, minimum=1) == {h: 2 for h in bid}


def test_a_company_document_too_short_to_fingerprint_writes_nothing_and_fails_nothing(app):
    """A bid whose text yields no fingerprint (a scan OCR could not read, a one-line file) once made the
    whole findings run fail: the company-count step indexed an empty array with a one-element mask."""
    company = make_company()
    doc = SimilarityDocument(title="t", kind=DocumentKind.BID, state=DocumentState.READY, company_id=company.id,
                             storage_key="k", filename="t.txt", size=1, content_type="text/plain", sha256="0" * 64)
    db.session.add(doc)
    db.session.flush()
    short = prepare("短")
    assert short.fp_hash.size == 0
    save_many(db.session, [Fingerprints(doc.id, company.id, short.fp_hash, short.fp_pos)], batch=10)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(fingerprints)) == 0
