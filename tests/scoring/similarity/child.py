"""Run a snippet in a fresh Python process and read back its JSON result and peak RSS.

Peak memory is only meaningful per process (ru_maxrss never goes down), so each
measurement gets its own child. The child's address space is capped so a regression
fails the test instead of swapping the shared machine.
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
import json, resource, sys
def done(**result):
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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
