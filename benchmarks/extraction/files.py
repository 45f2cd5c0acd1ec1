"""The benchmark's inputs: a 300-page text PDF of a generated bid and a scan of its first pages, cached.

The bid's wording comes from ``benchmarks/preparation/bid.py`` (seeded phrase lists); the
DOCX is laid out as bidders' files are (A4, 宋体, ruled staffing tables every tenth page, a
page break after each generated page) and LibreOffice turns it into PDF (≈ 20 s, so the
result is cached by the generator's source hash). The PDF is cut to exactly ``PAGES`` pages.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PAGES = 300
CACHE = Path(os.environ.get("BENCH_CACHE", Path(tempfile.gettempdir()) / "tender-bench-cache"))
FONTS_CONF = ROOT / "scoring" / "extraction" / "fonts.conf"


def _key() -> str:
    sources = [ROOT / "benchmarks" / "preparation" / "bid.py", Path(__file__)]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]


def _docx(path: Path, generated_pages: int) -> Path:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from benchmarks.preparation.bid import pages

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    section.header.paragraphs[0].text = "某某物业服务有限公司 前期物业服务投标文件"
    for blocks in pages(seed=300, n=generated_pages):
        for block in blocks:
            if isinstance(block, list):
                table = document.add_table(rows=len(block), cols=len(block[0]))
                table.style = "Table Grid"
                for r, row in enumerate(block):
                    for c, value in enumerate(row):
                        table.cell(r, c).text = value
            last = document.add_paragraph(block) if isinstance(block, str) else document.add_paragraph("")
        last.add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))
    return path


def _soffice(source: Path, target: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(outdir), str(source)], check=True,
                       capture_output=True, timeout=900, env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)})
    return outdir / f"{source.stem}.{target}"


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
        pdf = _soffice(docx, "pdf", Path(tmp))
        _first_pages(pdf, Path(tmp) / "cut.pdf", PAGES).replace(target)
    return target


def scan_pdf(source: Path, n: int, dpi: int = 200) -> Path:
    """The first ``n`` pages of ``source`` rendered to greyscale images and saved as an image-only PDF."""
    import pypdfium2 as pdfium

    target = CACHE / f"{source.stem}-scan-{n}-{dpi}.pdf"
    if target.exists():
        return target
    pdf = pdfium.PdfDocument(str(source))
    try:
        images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(n)]
    finally:
        pdf.close()
    images[0].save(target, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return target
