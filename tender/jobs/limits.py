"""Run untrusted work (parsing an uploaded file) in a child process with a memory cap and a time limit.

A decompression bomb or a runaway parser then kills only the child: the job
worker survives, runs the next job, and this job ends with a reason a user can
read. The child is forked, so it starts in milliseconds with the worker's
modules already imported, and only the result travels back (pickled).

The memory cap is head-room: the child may grow by `memory_mb` beyond the
address space it inherits from the worker (the worker's own libraries are not
the document's fault). RLIMIT_AS counts address space, not resident memory, so
the cap is a ceiling on what the parser can ever touch.
"""
from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from tender.errors import DomainError

MEMORY_MESSAGE = "文件过大或结构异常，解析超出内存限制"
TIME_MESSAGE = "解析超时（超过 {seconds:g} 秒）"
MB = 1024 * 1024


class LimitExceeded(DomainError):
    """The child ran out of memory or time; the message is shown to the user as the reason."""


def run_limited(fn: Callable[..., Any], *args, memory_mb: int, seconds: float) -> Any:
    """`fn(*args)` in a child; its exceptions are raised here, a breached limit raises LimitExceeded.

    A plain fork, not multiprocessing: Huey's process workers are daemonic and may not start those.
    """
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(receive)
        _child(send, memory_mb, fn, args)
    os.close(send)
    try:
        data = _read_all(receive, time.monotonic() + seconds)
    finally:
        os.close(receive)
        _end(pid)
    if data is None:
        raise LimitExceeded(TIME_MESSAGE.format(seconds=seconds))
    kind, value = pickle.loads(data) if data else ("died", None)  # nothing sent: killed or crashed under the cap
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    raise LimitExceeded(MEMORY_MESSAGE)


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe; None when the deadline passes first."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _end(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)  # harmless if it already exited: it stays a zombie until reaped
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _child(send: int, memory_mb: int, fn: Callable, args: tuple) -> None:
    code = 0
    try:
        if memory_mb:
            cap = address_space() + memory_mb * MB
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        try:
            result = ("ok", fn(*args))
        except MemoryError:
            result = ("memory", None)
        except Exception as e:  # noqa: BLE001 - handed to the parent, which raises it
            result = ("error", e)
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        except Exception as e:  # noqa: BLE001 - an exception that does not pickle
            data = pickle.dumps(("error", RuntimeError(f"{type(e).__name__}: {e}")))
        with os.fdopen(send, "wb") as out:
            out.write(data)
    except BaseException:  # noqa: BLE001 - whatever happens, the child must not return into the worker
        code = 1
    finally:
        os._exit(code)


def address_space() -> int:
    """This process's current virtual size in bytes (Linux /proc)."""
    with open(f"/proc/{os.getpid()}/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def limited(fn: Callable[..., Any], *args) -> Any:
    """`run_limited` with the running job type's parsing limits (tender/jobs/types.py).

    Outside a job (a script, a test) the OUTSIDE_JOBS limits apply, with the same
    operator settings on top. A job type that declares no parsing limits may not
    parse: the declaration would be wrong, and the parser would run without a cap.
    """
    from flask import current_app

    from tender.jobs.types import OUTSIDE_JOBS, running_job_type

    limits = running_job_type() or OUTSIDE_JOBS.overridden(current_app.config)
    if not limits.parses:
        raise RuntimeError(f"this job type declares no parsing limits (memory_mb, parse_seconds): {limits}")
    return run_limited(fn, *args, memory_mb=limits.memory_mb, seconds=limits.parse_seconds)
