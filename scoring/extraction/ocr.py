"""OCR of scanned pages with the tesseract command line (Debian tesseract-ocr + chi_sim), one process at a time.

Measured (engineering notes): tesseract's OpenMP threads made it 5x slower on 2 cores, so
every call sets ``OMP_THREAD_LIMIT=1`` and runs alone; a worker that wants more throughput
runs more worker processes. While tesseract reads page n, the caller renders page n + 1
(PDFium stays in the calling process, which it must: it is not thread-safe), so the one
OCR process is never waiting for an image. Pages are rendered in grey at ``DPI``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

from scoring.extraction.cleanup import clean_text, join_wrapped_lines, remove_han_spaces
from scoring.extraction.errors import ExtractionError

DPI = 300
LANG = "chi_sim"
PAGE_TIMEOUT = 180  # seconds for one page; a 300 dpi A4 page takes ~2 s
_SPACES = re.compile(r"[ \t]{2,}")  # tesseract pads table columns with runs of spaces


@functools.cache
def ocr_available(lang: str = LANG) -> bool:
    """True when the tesseract binary and its ``lang`` data are installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env())
    except (OSError, subprocess.SubprocessError):
        return False
    return lang in out.stdout.split()


def require_ocr(lang: str = LANG) -> None:
    if not ocr_available(lang):
        raise ExtractionError("文件含扫描页，但服务器未安装文字识别组件（tesseract 及其简体中文语言包），"
                              "无法识别扫描页。请联系管理员安装后重试。", reason="ocr_missing")


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def render_page(page, path: Path, dpi: int = DPI) -> Path:
    """Render a ``pypdfium2.PdfPage`` in grey to a PGM file (no compression to spend time on)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        bitmap.to_pil().convert("L").save(path, format="PPM")
    finally:
        bitmap.close()
    return path


def ocr_text(raw: str) -> str:
    """Tesseract's output as page text: spaces between Han characters gone, runs of spaces one, wraps joined."""
    text = remove_han_spaces(clean_text(raw))
    lines = [_SPACES.sub(" ", line.strip()) for line in text.split("\n")]
    return join_wrapped_lines("\n".join(line for line in lines if line))


class OcrRunner:
    """At most one tesseract process; :meth:`submit` waits for the previous one before starting the next."""

    def __init__(self, dpi: int = DPI, lang: str = LANG, timeout: float = PAGE_TIMEOUT):
        self.dpi, self.lang, self.timeout = dpi, lang, timeout
        self._running: tuple[int, subprocess.Popen, Path] | None = None
        self.results: dict[int, str] = {}

    @property
    def busy(self) -> bool:
        return self._running is not None

    def submit(self, number: int, image: Path) -> None:
        """Start OCR of page ``number`` from ``image`` (deleted when read), after the previous page is done."""
        self.wait()
        cmd = [shutil.which("tesseract") or "tesseract", str(image), "stdout", "-l", self.lang, "--dpi",
               str(self.dpi), "--psm", "3"]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        except OSError as exc:
            raise ExtractionError("无法启动文字识别程序（tesseract），请联系管理员。", reason="ocr_missing") from exc
        self._running = (number, proc, image)

    def wait(self) -> None:
        """Collect the running page's text, if any."""
        if self._running is None:
            return
        number, proc, image = self._running
        self._running = None
        try:
            out, err = proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise ExtractionError(f"第 {number} 页文字识别超过 {self.timeout:.0f} 秒未完成，已停止。",
                                  reason="timeout") from None
        finally:
            image.unlink(missing_ok=True)
        if proc.returncode != 0:
            raise ExtractionError(f"第 {number} 页文字识别失败（tesseract 返回 {proc.returncode}）。",
                                  reason="ocr_failed")
        self.results[number] = ocr_text(out.decode("utf-8", "replace"))

    def close(self) -> None:
        """Stop a running process (on an error elsewhere) without waiting for its text."""
        if self._running is not None:
            _, proc, image = self._running
            self._running = None
            proc.kill()
            proc.communicate()
            image.unlink(missing_ok=True)
