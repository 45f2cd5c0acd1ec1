"""How the robustness test runs the jobs its uploads start.

INTERIM INTERFACE, to be replaced by tests/worker.py (branch h-jobs) once it is on main:
the test only calls `start(app)`, then `may_run(file)`, `wait_until_idle()`,
`memory_note()` and `check_memory()` on the result. Today the jobs run with
JOBS_IMMEDIATE, inside the request, in the test process itself: there is no worker
whose memory could be measured or limited, so decompression bombs are kept away from
routes that start jobs (one would expand to more than 1 GB in this process).
"""
from __future__ import annotations

from tests.robustness.hostile_files import HostileFile


class ImmediateJobs:
    """Jobs already ran inside each request; nothing to wait for and no worker to measure."""

    real_worker = False

    def may_run(self, file: HostileFile) -> bool:
        return not file.bomb

    def wait_until_idle(self) -> None:
        pass

    def memory_note(self) -> str:
        return "jobs ran in the test process (JOBS_IMMEDIATE): no worker memory measured"

    def check_memory(self) -> None:
        pass


def start(app) -> ImmediateJobs:
    assert app.config["JOBS_IMMEDIATE"]
    return ImmediateJobs()
