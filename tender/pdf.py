"""HTML to PDF with Debian's headless Chromium: the same fonts and layout the browser shows.

Runs only inside background jobs (a 30 s request budget is no place for it); one
throwaway profile per call, since parallel Chromium processes must not share one.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from tender.errors import DomainError

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--disable-quic", "--no-pdf-header-footer"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise DomainError("服务器未安装 Chromium，无法生成 PDF（请安装 Debian 软件包 chromium）。")


def html_to_pdf(html: str, timeout: int = 120) -> bytes:
    # Chromium's helper processes may still hold the profile when we leave: never let its cleanup
    # replace the real outcome (a stopped worker's interrupt) with an OSError.
    with tempfile.TemporaryDirectory(prefix="tender-pdf-", ignore_cleanup_errors=True) as tmp:
        source, target = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                   f"--print-to-pdf={target}", source.as_uri()]
        _run_group(command, timeout)
        if not target.exists() or target.stat().st_size == 0:
            raise DomainError("生成 PDF 失败，请稍后重试。")
        return target.read_bytes()


def _run_group(command: list[str], timeout: int) -> None:
    """Run Chromium in a process group of its own, and kill the whole group if we stop waiting.

    Killing only the browser would leave its renderer and GPU helpers running; a timeout or a
    worker's stop signal must not leave any of them behind.
    """
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise DomainError("生成 PDF 超时，请稍后重试。") from e
    finally:
        _kill_group(process)  # after a time-out, an interrupt, or helpers outliving a finished browser


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
