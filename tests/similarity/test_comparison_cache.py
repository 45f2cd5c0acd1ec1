"""A findings run shares each document's common-text counts and subtraction between its comparisons;
reports must be what a comparison made alone gives.

Seven companies use one stock paragraph (common text, subtracted); two of them also share a copied
passage. The pair compared with and without the cache, in either order, gives the same report.
"""
from __future__ import annotations

from tender.extensions import db
from tender.files import SavedFile, write_new
from tender.similarity.models import Comparison, DocumentKind, SimilarityDocument
from tender.similarity.processing import ComparisonCache, prepare_from_text, run_comparison
from tests.factories import make_company

STOCK = "本公司坚持以业主需求为导向，建立健全各项管理制度，持续提升服务品质，营造安全、整洁、舒适、和谐的居住环境。"
COPIED = ("地下车库每两小时巡查一次，重点检查消防通道是否畅通、照明是否完好、排水沟是否堵塞，"
          "发现问题当班处理并记录在案。")


def _doc(company_id: int, text: str) -> SimilarityDocument:
    data = text.encode()
    saved = SavedFile(write_new(data, "txt"), "bid.txt", len(data), "text/plain", "0" * 64)
    doc = SimilarityDocument(title="投标文件", kind=DocumentKind.BID, company_id=company_id, **saved.columns())
    db.session.add(doc)
    db.session.commit()
    return prepare_from_text(doc, text, [0])


def _report(a, b, cache=None) -> dict:
    comparison = Comparison(doc_a_id=a.id, doc_b_id=b.id, use_library=True)
    db.session.add(comparison)
    db.session.flush()
    return run_comparison(comparison, cache)


def test_the_cache_leaves_every_report_as_it_was(app):
    docs = [_doc(make_company().id, f"第{i}号公司服务方案。{STOCK}各岗位人员{i + 3}名，实行{i + 1}班倒。"
                 + (COPIED if i < 2 else f"绿化养护每{i + 2}周修剪一次。")) for i in range(7)]
    a, b, c = docs[0], docs[1], docs[2]
    plain = [_report(a, b), _report(b, c), _report(a, c)]
    cache = ComparisonCache()
    cached = [_report(a, b, cache), _report(b, c, cache), _report(a, c, cache)]
    assert cached == plain
    assert any(s["kind"] == "common" for s in plain[0]["subtracted"])  # the stock paragraph counted as common
    assert plain[0]["flagged"] and not plain[1]["flagged"]
    assert set(cache.counts) == {a.id, b.id, c.id}  # one lookup per document, not per comparison
    assert len(cache.subtractions) == 3  # and one subtraction per document, shared by its comparisons
