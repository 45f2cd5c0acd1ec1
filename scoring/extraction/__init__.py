"""Turning a bid or tender file into text with a page map: pure Python, no Flask, no database.

Two entry points:

``extract_document(path, *, kind=None, ocr=True, tables=True, dpi=300, max_chars=MAX_CHARS,
limits=DEFAULT_LIMITS, progress=None, convert_timeout=180) -> ExtractedDocument``
    For bids (PDF, DOCX, DOC; also WPS/RTF saved as .doc). The kind is recognised from the
    file's content, not its name (``kind`` overrides). Run it in a job worker, never in a
    request: OCR takes ~1-2 s per scanned page, a .doc conversion a few seconds.

    - PDF (pypdfium2): per page its text, whether it is ``scanned`` (images cover >= 50 %
      and fewer than 20 characters of text), OCR'd with tesseract ``chi_sim`` when scanned
      (``ocr=False`` skips it; the page then has no text), ``image_ratio``, and ``tables``
      from pdfplumber on the pages whose drawing has table rules (``tables=False`` skips).
    - DOCX (python-docx, streamed, after the zip-bomb check of ``archive``): paragraphs and
      tables in body order; one page unless the document has explicit page breaks
      (a page-break run, ``pageBreakBefore``, a new-page section); every table's cells.
    - DOC: converted to DOCX by LibreOffice (own profile, timeout, temporary folder removed),
      then as DOCX; ``kind`` stays "doc".
    - Everywhere: NUL removed, CR LF -> LF, Kangxi radicals mapped, running headers/footers
      and page-number lines dropped (PDF), lines a PDF wrapped joined, OCR spaces between Han
      characters removed. Text beyond ``max_chars`` is cut and ``truncated`` is set.
    - ``progress(done_pages, total_pages)`` is called as pages finish (PDF: after each page,
      OCR included; DOCX/DOC: once at the end).
    - Every failure is an :class:`ExtractionError`: ``message`` in Chinese for staff (never a
      server path), ``reason`` a code ("corrupt", "encrypted", "unsupported", "too_large",
      "missing", "ocr_missing", "ocr_failed", "converter_missing", "timeout") and
      ``retryable`` True when a retry can help (a missing tool or a timeout, not the file).

    The result (frozen dataclasses of plain values, ``dataclasses.asdict`` stores it):

    - ``ExtractedDocument``: ``kind``, ``text`` (pages joined by ``\\f``), ``pages``,
      ``metadata``, ``page_count`` (pages in the file), ``truncated``; ``page_starts``,
      ``page_of(offset)`` (1-based), ``scanned_pages``, ``ocr_pages``, ``tables``,
      ``as_extracted()`` (the :class:`Extracted` the similarity engine takes).
    - ``Page``: ``number``, ``text``, ``start`` (offset in the document's text), ``scanned``,
      ``ocr``, ``image_ratio``, ``tables``.  ``Table``: ``page``, ``rows`` (tuples of cell text).
    - ``Metadata``: ``author``, ``last_modified_by``, ``creator``, ``producer``, ``title``,
      ``company``, ``template``, ``created``, ``modified`` (datetimes; "" / None when absent).

    One OCR process runs at a time per call (``OMP_THREAD_LIMIT=1``); PDFium is not
    thread-safe, so call it from one thread per process (job workers are processes).

``extract(path, max_chars=MAX_CHARS, limits=DEFAULT_LIMITS) -> Extracted``
    The older, lighter path used by the similarity command line and compare page: .txt, .pdf
    (text layer only, no OCR, no tables) and .docx by extension; text and page starts only.
"""

from scoring.extraction.document import ExtractedDocument, Metadata, Page, Table
from scoring.extraction.errors import ExtractionError
from scoring.extraction.pipeline import extract_document, sniff
from scoring.extraction.text import MAX_CHARS, SUPPORTED, Extracted, extract, join_pages, join_wrapped_lines

__all__ = [
    "MAX_CHARS",
    "SUPPORTED",
    "ExtractedDocument",
    "ExtractionError",
    "Extracted",
    "Metadata",
    "Page",
    "Table",
    "extract",
    "extract_document",
    "join_pages",
    "join_wrapped_lines",
    "sniff",
]
