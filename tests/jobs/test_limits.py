"""The child-process limits on their own: results and errors come back, breaches become Chinese reasons."""
from __future__ import annotations

import os
import time

import pytest

from scoring.extraction import ExtractionError
from tender.jobs.limits import MEMORY_MESSAGE, LimitExceeded, run_limited


def _grow(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)
    return len(block)


def _sleep() -> None:
    time.sleep(600)


def _refuse() -> None:
    raise ExtractionError("文件已加密，无法读取。")


def _die() -> None:
    os.kill(os.getpid(), 9)


def test_the_result_comes_back_from_the_child():
    assert run_limited(_grow, 8, memory_mb=256, seconds=60) == 8 * 1024 * 1024
    assert run_limited(os.getpid, memory_mb=256, seconds=60) != os.getpid()


def test_more_memory_than_allowed_ends_the_child_with_the_reason():
    with pytest.raises(LimitExceeded) as caught:
        run_limited(_grow, 512, memory_mb=64, seconds=60)
    assert caught.value.message == MEMORY_MESSAGE


def test_a_child_past_its_time_is_killed_with_the_reason():
    with pytest.raises(LimitExceeded) as caught:
        run_limited(_sleep, memory_mb=64, seconds=0.5)
    assert caught.value.message == "解析超时（超过 0.5 秒）"


def test_the_childs_own_errors_are_raised_here():
    with pytest.raises(ExtractionError, match="文件已加密"):
        run_limited(_refuse, memory_mb=64, seconds=60)


def test_a_child_killed_from_outside_counts_as_over_the_limit():
    with pytest.raises(LimitExceeded, match="内存限制"):
        run_limited(_die, memory_mb=64, seconds=60)


def test_a_worker_is_dead_once_its_process_is_a_zombie_or_its_pid_was_reused():
    import subprocess

    from tender.jobs.recovery import worker_alive, worker_id

    child = subprocess.Popen(["sleep", "60"])
    worker = worker_id(child.pid)
    assert worker_alive(worker)
    child.kill()
    os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped: a zombie
    assert not worker_alive(worker)
    child.wait()
    host, pid, started = worker_id().split(":")
    assert worker_alive(f"{host}:{pid}:{started}") and not worker_alive(f"{host}:{pid}:{int(started) - 1}")
    assert worker_alive(f"other-host:{pid}:1")  # another host's processes cannot be checked from here
