"""Old Word files (.doc, .wps, RTF) become .docx through LibreOffice, then follow the .docx path.

Measured pitfalls (engineering notes §3.9): two conversions sharing a LibreOffice profile
lost one output in 4 of 5 tries, so every call gets its own ``-env:UserInstallation``
profile in its own temporary folder, removed afterwards with the output; ``宋体``/``SimSun``
fall back to a random CJK font unless fontconfig maps them, so the conversion runs with
``FONTCONFIG_FILE`` pointing at ``fonts.conf`` beside this module (system configuration
plus the aliases). The whole process group is killed at the timeout: ``soffice`` starts
``soffice.bin`` as a child.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scoring.extraction.errors import ExtractionError

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT = 180  # seconds; a 300-page .doc converts in a few seconds


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run(cmd: list[str], timeout: float, env: dict[str, str]) -> int:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # nothing left behind from this conversion's group
        except ProcessLookupError:
            pass


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def import_filter(source: Path) -> str:
    """The import filter named explicitly: left to guess, LibreOffice imports a damaged .doc as plain text."""
    with open(source, "rb") as f:
        head = f.read(64)
    if head.startswith(_OLE):
        return "MS Word 97"
    if head.lstrip().startswith(b"{\\rtf"):
        return "Rich Text Format"
    return ""


def convert(source: Path, target_ext: str, tmp: Path, timeout: float = TIMEOUT, filter_name: str = "") -> Path:
    """Convert ``source`` with LibreOffice into ``tmp``; return the new file's path."""
    exe = soffice()
    if exe is None:
        raise ExtractionError("服务器未安装 LibreOffice，无法转换旧版 Word（.doc）文件，请联系管理员。",
                              reason="converter_missing")
    work = tmp / "input" / ("input" + source.suffix.lower())
    work.parent.mkdir()
    shutil.copyfile(source, work)  # an ASCII name in a folder of its own: no surprises from the bidder's name
    out, infilter = tmp / "output", import_filter(source)
    cmd = [exe, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore", "--nolockcheck",
           *([f"--infilter={infilter}"] if infilter else []),
           "--convert-to", target_ext + (f":{filter_name}" if filter_name else ""), "--outdir", str(out), str(work)]
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    try:
        _run(cmd, timeout, env)
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"旧版 Word 文件转换超过 {timeout:.0f} 秒未完成，已停止。", source,
                              reason="timeout") from None
    result = out / f"input.{target_ext}"
    if not result.is_file() or result.stat().st_size == 0:
        raise ExtractionError("旧版 Word（.doc）文件损坏或无法转换。", source)
    return result


@contextmanager
def converted(source: Path, target_ext: str = "docx", timeout: float = TIMEOUT) -> Iterator[Path]:
    """The converted file, valid inside the ``with`` block; its folder and profile are removed after."""
    with tempfile.TemporaryDirectory(prefix="extract-lo-") as tmp:
        yield convert(source, target_ext, Path(tmp), timeout)
