"""Turning a bid or tender file into text with a page map: one entry point, no Flask, no database.

Used by the command line, the compare page and, next, the opening of sealed bids. A PDF,
DOCX or TXT file becomes an :class:`Extracted` (text, the offset where each page starts,
whether it was cut at the character cap); every failure is an :class:`ExtractionError`
with a Chinese message and no server path. Zip-based files pass the decompression-bomb
guard (``archive``) before anything is inflated. OCR of scanned pages and table
extraction belong here too when they come.
"""

from scoring.extraction.errors import ExtractionError
from scoring.extraction.text import MAX_CHARS, SUPPORTED, Extracted, extract, join_pages, join_wrapped_lines

__all__ = ["MAX_CHARS", "SUPPORTED", "ExtractionError", "Extracted", "extract", "join_pages", "join_wrapped_lines"]
