"""extract_document on a generated plan: the DOCX, the PDF LibreOffice makes of it, a scan of that PDF, a .doc
(issue 10, acceptance 4): pages, page map, tables and metadata come out right."""
from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess

import pytest

from scoring.extraction import extract_document
from scoring.extraction.ocr import ocr_available
from tests.scoring.extraction.plans import HEADER


def squeeze(text: str) -> str:
    return "".join(text.split())


def kept_share(reference: str, found: str) -> float:
    """Share of the reference's characters that a character-level alignment finds in ``found``."""
    a, b = squeeze(reference), squeeze(found)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


def test_docx_keeps_body_order_tables_and_explicit_pages(plan, plan_files):
    doc = extract_document(plan_files["docx"])
    assert doc.kind == "docx" and doc.page_count == 3 and len(doc.pages) == 3
    for page, (paragraphs, table) in zip(doc.pages, plan.pages, strict=True):
        positions = [page.text.index(p) for p in paragraphs]
        assert positions == sorted(positions)
        if table:
            assert page.tables[0].rows == table and page.tables[0].page == page.number
            assert page.text.index("\t".join(table[0])) > positions[-1]  # the table after the paragraphs
        else:
            assert page.tables == ()
        assert doc.text[page.start:page.start + len(page.text)] == page.text
        assert doc.page_of(page.start + len(page.text) // 2) == page.number
    assert doc.text.count("\f") == 2 and HEADER not in doc.text  # the header lives in its own part


def test_docx_metadata(plan, plan_files):
    meta = extract_document(plan_files["docx"]).metadata
    assert (meta.author, meta.last_modified_by, meta.title) == (plan.author, plan.last_modified_by, plan.title)
    assert (meta.created, meta.modified) == (plan.created, plan.modified)


def test_libreoffice_pdf_pages_page_map_and_tables(plan, plan_files):
    doc = extract_document(plan_files["pdf"])
    assert doc.kind == "pdf" and doc.page_count == 3 and doc.scanned_pages == 0
    for page, (paragraphs, table) in zip(doc.pages, plan.pages, strict=True):
        flat = squeeze(page.text)
        assert all(squeeze(p) in flat for p in paragraphs)
        assert doc.page_of(doc.text.index(paragraphs[-1][:12])) == page.number
        assert [t.rows for t in page.tables] == ([table] if table else [])
        assert not page.scanned and not page.ocr and page.image_ratio == 0
    assert HEADER not in doc.text and "页" not in doc.text  # running header and page-number footer dropped


def test_libreoffice_pdf_metadata(plan, plan_files):
    meta = extract_document(plan_files["pdf"]).metadata
    assert meta.author == plan.author and meta.title == plan.title
    assert meta.producer.startswith("LibreOffice") and meta.creator == "Writer"
    assert meta.created is not None and meta.created.tzinfo is not None


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed: make system-deps-test")
def test_scanned_pdf_is_detected_and_ocr_keeps_95_percent(plan, plan_files):
    calls = []
    text_doc = extract_document(plan_files["pdf"])
    scan = extract_document(plan_files["scan"], progress=lambda done, total: calls.append((done, total)))
    assert scan.page_count == 3 and scan.scanned_pages == 3 and scan.ocr_pages == 3
    assert all(p.image_ratio > 0.95 for p in scan.pages)
    assert kept_share(text_doc.text, scan.text) >= 0.95, kept_share(text_doc.text, scan.text)
    for text_page, scan_page in zip(text_doc.pages, scan.pages, strict=True):
        assert kept_share(text_page.text, scan_page.text) >= 0.9  # each page's text stays on its page
    assert not re.search("[\u4e00-\u9fff] [\u4e00-\u9fff]", scan.text)  # OCR's spaces between Han removed
    assert calls[-1] == (3, 3) and [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_scanned_pages_without_ocr_are_flagged_with_no_text(plan_files):
    scan = extract_document(plan_files["scan"], ocr=False)
    assert scan.scanned_pages == 3 and scan.ocr_pages == 0 and squeeze(scan.text) == ""


def test_doc_is_converted_with_text_tables_and_metadata(plan, plan_files):
    doc = extract_document(plan_files["doc"])
    assert doc.kind == "doc" and len(doc.pages) == 3
    for page, (paragraphs, table) in zip(doc.pages, plan.pages, strict=True):
        assert all(p in page.text for p in paragraphs)
        assert [t.rows for t in page.tables] == ([table] if table else [])
    meta = doc.metadata
    assert (meta.author, meta.last_modified_by, meta.title) == (plan.author, plan.last_modified_by, plan.title)
    assert (meta.created, meta.modified) == (plan.created, plan.modified)


def test_kind_comes_from_content_not_name(plan_files, tmp_path):
    disguised = tmp_path / "投标文件.docx"
    shutil.copyfile(plan_files["pdf"], disguised)
    assert extract_document(disguised).kind == "pdf"


def test_tables_can_be_skipped(plan_files):
    doc = extract_document(plan_files["pdf"], tables=False)
    assert doc.page_count == 3 and doc.tables == () and "秩序维护队长" in doc.text


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed: make system-deps-test")
def test_one_tesseract_at_a_time_with_one_thread(plan_files, tmp_path, monkeypatch):
    """A wrapper ahead of the real tesseract on PATH logs when each run starts and ends, and its thread limit."""
    real = shutil.which("tesseract")
    shim = tmp_path / "bin" / "tesseract"
    shim.parent.mkdir()
    log = tmp_path / "runs.log"
    shim.write_text(f'#!/bin/sh\ncase "$1" in --*) exec {real} "$@";; esac\n'
                    f'echo "start $(date +%s%N) $OMP_THREAD_LIMIT" >> {log}\n'
                    f'{real} "$@"; rc=$?\necho "end $(date +%s%N)" >> {log}\nexit $rc\n')
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim.parent}:{os.environ['PATH']}")
    ocr_available.cache_clear()
    try:
        doc = extract_document(plan_files["scan"])
    finally:
        ocr_available.cache_clear()
    events = [line.split() for line in log.read_text().splitlines()]
    assert [e[0] for e in events] == ["start", "end"] * 3  # never two started before one ended
    assert all(e[2] == "1" for e in events if e[0] == "start")
    times = [int(e[1]) for e in events]
    assert times == sorted(times) and doc.ocr_pages == 3


def test_progress_for_docx_and_cap_for_pdf(plan_files):
    calls = []
    extract_document(plan_files["docx"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(3, 3)]
    full = extract_document(plan_files["pdf"])
    limit = len(full.pages[0].text) + 10
    cut = extract_document(plan_files["pdf"], max_chars=limit)
    assert cut.truncated and len(cut.text) == limit and len(cut.pages) < 3 and cut.page_count == 3
    assert squeeze(full.pages[0].text)[:100] in squeeze(cut.pages[0].text)  # too few pages read to call a header
    assert cut.as_extracted().page_starts == cut.page_starts and cut.as_extracted().truncated


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed: make system-deps-test")
def test_a_scan_with_its_own_text_layer_keeps_it_without_han_spaces(plan, plan_files, tmp_path):
    """A searchable scan (tesseract's own PDF output: the image plus invisible text) is not OCR'd again."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(plan_files["scan"]))
    try:
        pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(tmp_path / "page.png")
    finally:
        pdf.close()
    subprocess.run(["tesseract", str(tmp_path / "page.png"), str(tmp_path / "searchable"), "-l", "chi_sim", "pdf"],
                   check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    doc = extract_document(tmp_path / "searchable.pdf", ocr=False)
    page = doc.pages[0]
    assert page.scanned and not page.ocr and page.image_ratio > 0.95
    assert kept_share(plan.pages[0][0][1], page.text) >= 0.95
    assert not re.search("[\u4e00-\u9fff] [\u4e00-\u9fff]", page.text)
