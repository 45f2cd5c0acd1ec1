"""A worker's stop signal stays an interruption even when cleanup code raises something else on the way out."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from tender.errors import DomainError
from tender.jobs.operations import _interrupted
from tender.pdf import _run_group


def raised_while_interrupted(error: Exception) -> Exception:
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise error  # noqa: B904 - what a cleanup step does without meaning to
    except Exception as caught:  # noqa: BLE001
        return caught


def test_an_error_raised_while_handling_an_interrupt_counts_as_the_interrupt():
    assert _interrupted(raised_while_interrupted(OSError(39, "Directory not empty")))
    assert _interrupted(raised_while_interrupted(DomainError("生成 PDF 失败")))
    assert not _interrupted(OSError("a real failure"))
    assert not _interrupted(ValueError("x"))


def test_a_timed_out_renderer_leaves_no_helper_process_behind(tmp_path):
    pid_file = tmp_path / "helper.pid"
    script = f"sleep 300 & echo $! > {pid_file}; wait"  # the browser starts a helper and waits for it
    with pytest.raises(DomainError, match="超时"):
        _run_group(["sh", "-c", script], timeout=1)
    helper = int(pid_file.read_text())
    time.sleep(0.2)
    assert not running(helper)


def running(pid: int) -> bool:
    """Alive and not a zombie (a killed orphan may wait for a pid 1 that never reaps it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")
