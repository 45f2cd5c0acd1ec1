"""The benchmark's inputs: a 300-page text PDF of a generated bid and a scan of its first pages, cached.

The bid's wording comes from ``benchmarks/preparation/bid.py`` (seeded phrase lists); the
DOCX is laid out as bidders' files are, with the tests' builder (``tests/scoring/extraction/plans.py``:
A4, 宋体, ruled staffing tables every tenth page, a page break after each generated page), and
LibreOffice turns it into PDF (≈ 20 s, so the result is cached by the generators' source hash).
The PDF is cut to exactly ``PAGES`` pages.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from tests.scoring.extraction import plans

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PAGES = 300
CACHE = Path(os.environ.get("BENCH_CACHE", Path(tempfile.gettempdir()) / "tender-bench-cache"))


def _key() -> str:
    sources = [ROOT / "benchmarks" / "preparation" / "bid.py", Path(__file__), Path(plans.__file__),
               *sorted((ROOT / "benchmarks" / "similarity" / "gen_b").glob("*.py"))]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]


def _docx(path: Path, generated_pages: int) -> Path:
    from docx.enum.text import WD_BREAK

    from benchmarks.preparation.bid import pages

    document = plans.new_docx("某某物业服务有限公司 前期物业服务投标文件")
    for blocks in pages(seed=300, n=generated_pages):
        for block in blocks:
            if isinstance(block, list):
                plans.add_grid(document, block)
            last = document.add_paragraph(block) if isinstance(block, str) else document.add_paragraph("")
        last.add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))
    return path


def _first_pages(source: Path, out: Path, n: int) -> Path:
    import pypdfium2 as pdfium

    src, dst = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    try:
        if len(src) < n:
            raise RuntimeError(f"LibreOffice made {len(src)} pages, fewer than {n}")
        dst.import_pages(src, list(range(n)))
        dst.save(str(out))
    finally:
        dst.close()
        src.close()
    return out


def text_pdf() -> Path:
    """The cached ``PAGES``-page text PDF (built on first use)."""
    target = CACHE / f"bid-{PAGES}-{_key()}.pdf"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-extract-", dir=CACHE) as tmp:
        docx = _docx(Path(tmp) / "bid.docx", PAGES)
        pdf = plans.soffice_convert(docx, "pdf", Path(tmp), timeout=900)
        _first_pages(pdf, Path(tmp) / "cut.pdf", PAGES).replace(target)
    return target


def gen_b_pdf(n: int) -> Path:
    """``n`` pages of generator B's wording (``benchmarks/similarity/gen_b``, written apart from ``bid.py``).

    OCR accuracy measured on one generator's phrase lists could hold only for those phrases;
    generator B has other vocabulary (后勤物业 for hospitals, schools, parks), digits and names.
    """
    import random

    from benchmarks.similarity.gen_b.cases import names, render_plain
    from benchmarks.similarity.gen_b.doc import make_doc

    target = CACHE / f"gen-b-{n}-{_key()}.pdf"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    text = render_plain(make_doc(rng, names(rng), 1_100 * n))
    document = plans.new_docx("后勤物业服务投标文件")
    for line in text.splitlines():
        document.add_paragraph(line)
    with tempfile.TemporaryDirectory(prefix="bench-extract-", dir=CACHE) as tmp:
        docx = Path(tmp) / "gen-b.docx"
        document.save(str(docx))
        pdf = plans.soffice_convert(docx, "pdf", Path(tmp), timeout=300)
        _first_pages(pdf, Path(tmp) / "cut.pdf", n).replace(target)
    return target


def scan_pdf(source: Path, n: int, dpi: int = 200) -> Path:
    """The first ``n`` pages of ``source`` rendered to greyscale images and saved as an image-only PDF."""
    target = CACHE / f"{source.stem}-scan-{n}-{dpi}.pdf"
    return target if target.exists() else plans.scan_pdf(source, target, dpi, pages=n)
