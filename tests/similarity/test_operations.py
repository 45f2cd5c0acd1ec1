"""Library, uploads and comparisons through the operations and their jobs."""
from __future__ import annotations

import io
import zipfile

import pytest
import sqlalchemy as sa
from docx import Document as Docx

from tender.errors import DomainError
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.similarity import operations as ops
from tender.similarity.models import Comparison, DocumentKind, DocumentState, SimilarityDocument
from tender.unit_of_work import perform
from tests.similarity.texts import BID_A, BID_B, COPIED, REGULATION


def docx(text: str) -> bytes:
    document = Docx()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add(staff, title, filename, data, kind=DocumentKind.UPLOAD):
    doc = perform(ops.add_document, staff, title=title, filename=filename, data=data, kind=kind)
    db.session.refresh(doc)
    return doc


def test_documents_are_prepared_by_a_job(app, staff):
    doc = add(staff, "规范", "规范.txt", REGULATION.encode(), DocumentKind.LIBRARY)
    assert doc.state is DocumentState.READY and doc.n_chars == len(REGULATION) and doc.n_fingerprints > 0
    job = db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "similarity.prepare"))
    assert job.status is JobStatus.DONE


def broken_docx() -> bytes:
    """Passes the upload check (a zip with Word's parts) but its document.xml is not XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="r1" Target="word/document.xml" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>')
        z.writestr("word/document.xml", "<w:document><w:body><w:p>未闭合")
    return buffer.getvalue()


def test_a_file_that_cannot_be_read_fails_visibly(app, staff):
    doc = add(staff, "坏文件", "bad.docx", broken_docx())
    assert doc.state is DocumentState.FAILED and doc.error
    job = db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "similarity.prepare"))
    assert job.status is JobStatus.FAILED and "无法解析" in job.message
    other = add(staff, "好文件", "a.txt", BID_A.encode())
    with pytest.raises(DomainError, match="无法解析"):
        perform(ops.request_comparison, staff, doc, other)


def test_wrong_format_is_refused_before_storing(app, staff):
    with pytest.raises(DomainError, match="不是有效的"):
        perform(ops.add_document, staff, title="x", filename="x.txt", data=b"\x00\x01binary", kind=DocumentKind.UPLOAD)
    assert db.session.scalar(sa.select(sa.func.count(SimilarityDocument.id))) == 0


def compare(staff, a, b, use_library=True) -> dict:
    comparison = perform(ops.request_comparison, staff, a, b, use_library)
    db.session.refresh(comparison)
    return comparison.report


def test_copied_passage_is_found_and_the_regulation_subtracted(app, staff):
    add(staff, "示例市住宅物业服务标准", "标准.txt", REGULATION.encode(), DocumentKind.LIBRARY)
    a = add(staff, "锦程投标文件", "a.docx", docx(BID_A))
    b = add(staff, "恒安投标文件", "b.txt", BID_B.encode())
    report = compare(staff, a, b)
    assert report["flagged"] is False or report["passages"]
    copied = [p for p in report["passages"] if COPIED[10:30] in a.text[p["a_start"]:p["a_end"]]]
    assert len(copied) == 1
    passage = copied[0]
    assert COPIED[20:60] in b.text[passage["b_start"]:passage["b_end"]]
    legal = [s for s in report["subtracted"] if s["kind"] == "legal"]
    assert {s["side"] for s in legal} == {"a", "b"}
    for s in legal:
        text = (a if s["side"] == "a" else b).text
        assert text[s["start"]:s["end"]] in REGULATION
    assert not any(REGULATION[20:50] in a.text[p["a_start"]:p["a_end"]] for p in report["passages"])


def test_without_the_library_the_regulation_counts_as_shared_text(app, staff):
    add(staff, "示例市住宅物业服务标准", "标准.txt", REGULATION.encode(), DocumentKind.LIBRARY)
    a = add(staff, "A", "a.txt", BID_A.encode())
    b = add(staff, "B", "b.txt", BID_B.encode())
    with_library, without = compare(staff, a, b, True), compare(staff, a, b, False)
    assert without["shared_chars"] > with_library["shared_chars"]
    assert without["score"] >= with_library["score"]


def test_removed_library_text_is_no_longer_subtracted(app, staff):
    rule = add(staff, "标准", "标准.txt", REGULATION.encode(), DocumentKind.LIBRARY)
    perform(ops.remove_library_document, rule, staff)
    a = add(staff, "A", "a.txt", BID_A.encode())
    b = add(staff, "B", "b.txt", BID_B.encode())
    assert not [s for s in compare(staff, a, b)["subtracted"] if s["kind"] == "legal"]
    with pytest.raises(DomainError, match="已经移除"):
        perform(ops.remove_library_document, rule, staff)


def test_a_document_cannot_be_compared_with_itself(app, staff):
    a = add(staff, "A", "a.txt", BID_A.encode())
    with pytest.raises(DomainError, match="两份不同的文件"):
        perform(ops.request_comparison, staff, a, a)
    assert db.session.scalar(sa.select(sa.func.count(Comparison.id))) == 0


def test_the_reader_page_shows_both_sides(client, login, staff):
    add(staff, "示例市住宅物业服务标准", "标准.txt", REGULATION.encode(), DocumentKind.LIBRARY)
    a = add(staff, "A", "a.txt", BID_A.encode())
    b = add(staff, "B", "b.txt", BID_B.encode())
    comparison = perform(ops.request_comparison, staff, a, b)
    login(staff)
    page = client.get(f"/similarity/comparisons/{comparison.id}").get_data(as_text=True)
    assert 'id="pane-a"' in page and 'id="pane-b"' in page
    assert 'data-p="0"' in page and "sub-legal" in page and "已扣除：法规标准" in page


TENDER_TEXT = ("投标人须在投标文件中承诺：业主满意率不低于百分之九十，急修十五分钟内到场，"
               "秩序维护员持证上岗率百分之百，并按招标文件附件三的格式填报人员配置表。")


def test_the_tenders_own_text_is_subtracted_as_tender_text(app, staff):
    from tender.notices import operations as notice_ops
    from tests.factories import make_tender

    tender = make_tender(staff)
    db.session.commit()
    perform(notice_ops.add_document, tender, staff, "招标文件", "招标文件.docx", docx(TENDER_TEXT))
    stored = db.session.scalar(sa.select(SimilarityDocument).where(SimilarityDocument.kind == DocumentKind.TENDER))
    assert stored.tender_id == tender.id and stored.state is DocumentState.READY
    a = add(staff, "A", "a.txt", (BID_A + TENDER_TEXT).encode())
    b = add(staff, "B", "b.txt", (TENDER_TEXT + BID_B).encode())
    report = compare_with_tender(staff, a, b, tender.id)
    assert {(s["kind"], s["reason"]) for s in report["subtracted"]} == {("tender", f"招标文件原文：{stored.title}")}
    assert not any(TENDER_TEXT[5:40] in a.text[p["a_start"]:p["a_end"]] for p in report["passages"])


def compare_with_tender(staff, a, b, tender_id) -> dict:
    comparison = perform(ops.request_comparison, staff, a, b, True, tender_id)
    db.session.refresh(comparison)
    return comparison.report
