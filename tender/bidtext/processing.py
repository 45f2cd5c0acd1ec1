"""The slow steps of one bid file: decrypt, extract (with OCR) and render pages. Called from jobs, never a request.

The plaintext goes to a private temporary folder (0700, the file 0600) that is removed
when the step ends, whatever happens: the extractor and LibreOffice read paths, and the
bid is open by now. The parsing runs in a memory-capped child (`limited`), which also
renders the page images there, so a hostile file kills only the child.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from scoring.extraction import ExtractedDocument, extract_document
from tender.bids.models import BidFile
from tender.bids.operations import open_bid_file
from tender.bids.uploads import hash_context
from tender.files import archive_limits
from tender.sealing import envelope

IMAGE_DPI = 100
PROGRESS_EVERY = 1.0  # seconds between progress reports from the parsing child
PIPE_LINE = 512  # bytes: one write below PIPE_BUF is atomic


@dataclass(frozen=True)
class Decrypted:
    path: Path
    sha256: str
    size: int
    declared: str  # the SHA-256 the bidder's browser declared at upload (its receipt's)

    @property
    def matches(self) -> bool:
        return self.sha256 == self.declared


@contextlib.contextmanager
def decrypted(bid_file: BidFile, private_key: bytes) -> Iterator[Decrypted]:
    """The bid file's plaintext in a private temporary file, removed on leaving."""
    folder = Path(tempfile.mkdtemp(prefix="bid-extract-"))  # mkdtemp makes it 0700
    try:
        path = folder / f"bid.{bid_file.kind}"
        digest, size = hashlib.sha256(), 0
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            for chunk in open_bid_file(bid_file, private_key):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        declared = envelope.open_sealed(private_key, bid_file.sha256_sealed, hash_context(bid_file.token)).hex()
        yield Decrypted(path, digest.hexdigest(), size, declared)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Result:
    document: ExtractedDocument
    images: dict[int, str]  # page number -> PNG file name in the temporary folder


def extract_in_child(path: Path, kind: str, progress_fd: int | None) -> Result:
    """Runs inside `limited`'s child: extract every page, then render PDF pages beside the file.

    Progress goes up a pipe to the worker (`relayed_progress`): the child never touches the
    database, since a SQLite connection opened in a forked child can corrupt the parent's
    locks and shared memory.
    """
    config = current_app.config
    report = _child_reporter(progress_fd)
    document = extract_document(path, kind=kind, max_chars=config["EXTRACT_MAX_CHARS"], limits=archive_limits(),
                                progress=lambda done, total: report(5 + 75 * done // max(total, 1),
                                                                    f"提取文本：第 {done}/{total} 页"))
    images = render_pages(path, report) if document.kind == "pdf" else {}
    return Result(document, images)


def render_pages(path: Path, report) -> dict[int, str]:
    """Each page as a PNG at IMAGE_DPI next to `path`; a page PDFium cannot draw simply has no image."""
    import pypdfium2 as pdfium

    images = {}
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return images
    try:
        total = len(pdf)
        for index in range(total):
            name = f"page-{index + 1:05d}.png"
            try:
                page = pdf[index]
                try:
                    page.render(scale=IMAGE_DPI / 72).to_pil().save(path.parent / name, format="PNG", optimize=True)
                finally:
                    page.close()
            except pdfium.PdfiumError:
                continue
            images[index + 1] = name
            report(80 + 15 * (index + 1) // total, f"生成页面图像：第 {index + 1}/{total} 页")
    finally:
        pdf.close()
    return images


def _child_reporter(fd: int | None):
    """Write "percent<TAB>message" lines to the worker, at most once a second."""
    if fd is None:
        return lambda progress, message: None
    last = [0.0]

    def send(progress: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            with contextlib.suppress(OSError):  # progress is advisory: it must never fail the extraction
                os.write(fd, f"{progress}\t{message.replace(chr(10), ' ')}\n".encode()[:PIPE_LINE])

    return send


@contextlib.contextmanager
def relayed_progress(job_id: int) -> Iterator[int]:
    """A pipe for the parsing child's progress, and a thread in the worker that reports each line on the job.

    The report runs on the job layer's own short connection (tender.jobs.progress), in this
    worker process, so no database connection ever crosses a fork.
    """
    from tender.jobs.progress import report

    app = current_app._get_current_object()
    receive, send = os.pipe()

    def relay():
        with app.app_context(), os.fdopen(receive, "rb") as lines:
            for line in lines:
                percent, _, message = line.decode(errors="replace").rstrip("\n").partition("\t")
                with contextlib.suppress(Exception):  # advisory: a busy database skips a step
                    report(job_id, int(percent), message)

    thread = threading.Thread(target=relay, name=f"progress-{job_id}", daemon=True)
    thread.start()
    try:
        yield send
    finally:
        os.close(send)  # the child is gone by now: the relay sees the end and stops
        thread.join(timeout=10)
