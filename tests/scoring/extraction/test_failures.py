"""A damaged, encrypted or foreign file fails with a Chinese reason and a code, never a traceback or a path."""
from __future__ import annotations

import io
import random
import shutil
import zipfile

import pytest

from scoring.extraction import ExtractionError, extract_document
from scoring.extraction.ocr import ocr_available
from tests.scoring.extraction.plans import soffice_convert


def _noise(n: int = 20000) -> bytes:
    return random.Random(7).randbytes(n)


def _fails(path, reason: str, words: str, **kwargs) -> ExtractionError:
    with pytest.raises(ExtractionError) as info:
        extract_document(path, **kwargs)
    error = info.value
    assert error.reason == reason and words in error.message, (error.reason, error.message)
    assert str(path.parent) not in error.message and any("\u4e00" <= c <= "\u9fff" for c in error.message)
    return error


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.7\n" + _noise())
    _fails(path, "corrupt", "PDF")


def test_truncated_pdf_either_reads_what_is_there_or_says_it_is_damaged(plan_files, tmp_path):
    data = plan_files["pdf"].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    try:
        doc = extract_document(path)
    except ExtractionError as error:
        assert error.reason == "corrupt" and "PDF" in error.message
    else:  # PDFium rebuilds a lost cross-reference table: what it reads must still be real pages
        assert 1 <= doc.page_count <= 3


def test_encrypted_pdf(plan_files, tmp_path):
    password = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                '"DocumentOpenPassword":{"type":"string","value":"kaibiao"}}')
    path = soffice_convert(plan_files["docx"], password, tmp_path)
    error = _fails(path, "encrypted", "加密")
    assert not error.retryable


@pytest.mark.parametrize("case", ["noise", "no_body", "truncated"])
def test_corrupt_docx(plan_files, tmp_path, case):
    path = tmp_path / "a.docx"
    if case == "noise":
        path.write_bytes(b"PK\x03\x04" + _noise())
    elif case == "no_body":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("_rels/.rels", "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
                                      "relationships'/>")
        path.write_bytes(buffer.getvalue())
    else:
        data = plan_files["docx"].read_bytes()
        path.write_bytes(data[: len(data) // 2])
    _fails(path, "corrupt", "Word")


@pytest.mark.parametrize("case", ["noise", "truncated"])
def test_corrupt_doc(plan_files, tmp_path, case):
    """Left to guess, LibreOffice would import a damaged .doc as plain text; the explicit filter refuses it."""
    path = tmp_path / "a.doc"
    data = plan_files["doc"].read_bytes()
    path.write_bytes(data[:8] + _noise() if case == "noise" else data[: len(data) // 3])
    _fails(path, "corrupt", "旧版 Word")


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "物业服务方案".encode(), b""])
def test_other_content_is_unsupported(tmp_path, content):
    path = tmp_path / "a.pdf"
    path.write_bytes(content)
    _fails(path, "unsupported", "不是 PDF")


def test_missing_file(tmp_path):
    _fails(tmp_path / "none.pdf", "missing", "不存在")


def test_scan_without_tesseract_says_ocr_is_missing_and_may_be_retried(plan_files, tmp_path, monkeypatch):
    """PATH without tesseract, as on a server where the package was not installed."""
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    ocr_available.cache_clear()
    try:
        error = _fails(plan_files["scan"], "ocr_missing", "tesseract")
        assert error.retryable
    finally:
        ocr_available.cache_clear()  # recomputed with the real PATH once monkeypatch restores it


def test_doc_without_libreoffice_says_so(plan_files, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    error = _fails(plan_files["doc"], "converter_missing", "LibreOffice")
    assert error.retryable and shutil.which("soffice") is None
