"""Run a snippet in a fresh Python process and read back its JSON result and peak RSS.

Peak memory is only meaningful per process, so each measurement gets its own child. It is
read from /proc/self/status (VmHWM, this process's own high-water mark): on Linux a child's
``getrusage(...).ru_maxrss`` keeps the peak of the process it was forked from, across exec.
The child's address space is capped so a regression fails the test instead of swapping
the shared machine.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ADDRESS_SPACE_CAP = 6 * 1024**3

_PRELUDE = """
import json, sys
def done(**result):
    with open("/proc/self/status") as status:
        hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    result["peak_rss_mb"] = hwm / 1024
    print("RESULT " + json.dumps(result, ensure_ascii=False))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def run_child(code: str, timeout: float = 600) -> dict:
    """The ``done(...)`` result of ``code``; on a crash, {"crashed": stderr tail, "peak_rss_mb": None}."""
    proc = subprocess.run([sys.executable, "-c", _PRELUDE + textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_limit)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    return {"crashed": proc.stderr[-2000:], "peak_rss_mb": None}
