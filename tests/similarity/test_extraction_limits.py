"""Uploads are checked by opening them, extraction messages name no server path, long texts are capped
(issue 8, defects 4, 5 and 13)."""
from __future__ import annotations

import sqlalchemy as sa

from tender.errors import DomainError
from tender.extensions import db
from tender.jobs.models import JobRecord
from tender.similarity import operations as ops
from tender.similarity.models import DocumentKind, DocumentState, SimilarityDocument
from tender.unit_of_work import perform
from tests.factories import minimal_pdf
from tests.scoring.extraction.bombs import docx_bomb
from tests.similarity.test_operations import add, broken_docx


def refused(staff, filename: str, data: bytes) -> str:
    db.session.commit()  # the refused upload rolls back; the staff account must stay
    try:
        perform(ops.add_document, staff, title="x", filename=filename, data=data, kind=DocumentKind.UPLOAD)
    except DomainError as e:
        assert db.session.scalar(sa.select(sa.func.count(SimilarityDocument.id))) == 0
        return e.message
    raise AssertionError("accepted")


def test_a_pdf_header_followed_by_garbage_is_refused_at_upload(app, staff):
    message = refused(staff, "bad.pdf", b"%PDF-1.7\n" + "这不是 PDF".encode() * 200)
    assert "不是有效的" in message
    assert add(staff, "真 PDF", "ok.pdf", minimal_pdf()).state is DocumentState.READY


def test_an_encrypted_or_truncated_pdf_is_refused_at_upload(app, staff):
    assert "不是有效的" in refused(staff, "cut.pdf", minimal_pdf()[:60])


def test_a_docx_bomb_is_refused_at_upload(app, staff, tmp_path):
    message = refused(staff, "bomb.docx", docx_bomb(tmp_path / "bomb.docx").read_bytes())
    assert "压缩炸弹" in message and "bomb.docx" in message


def test_extraction_errors_show_no_storage_path(app, staff, login):
    doc = add(staff, "坏文件", "bad.docx", broken_docx())
    assert doc.state is DocumentState.FAILED and "Word 文件损坏" in doc.error
    job = db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "similarity.prepare"))
    client = login(staff)
    pages = [client.get(f"/similarity/documents/{doc.id}"), client.get("/similarity/library"),
             client.get(f"/jobs/{job.id}"), client.get(f"/jobs/{job.id}.json")]
    storage = app.config["STORAGE_PATH"]
    for text in [doc.error, job.message] + [p.get_data(as_text=True) for p in pages]:
        assert storage not in text and doc.storage_key not in text and app.instance_path not in text
    assert "Word 文件损坏" in pages[0].get_data(as_text=True)


def test_text_beyond_the_cap_is_cut_and_the_document_says_so(app, staff, login):
    app.config["EXTRACT_MAX_CHARS"] = 5000
    try:
        text = "".join(f"第{i}条 物业服务企业应当按照合同约定提供第{i}项服务。\n" for i in range(2000))
        doc = add(staff, "很长的文件", "long.txt", text.encode())
    finally:
        app.config["EXTRACT_MAX_CHARS"] = 2_000_000
    assert doc.state is DocumentState.READY
    assert doc.n_chars == 5000 and doc.text == text[:5000]
    assert "5,000 字" in doc.error and "未参与比对" in doc.error
    assert "5,000 字" in login(staff).get(f"/similarity/documents/{doc.id}").get_data(as_text=True)
