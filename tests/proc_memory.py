"""Peak memory of a process and all its descendants, read from /proc while they run.

VmHWM ("high water mark") is a process's own peak resident memory. A job child that
has exited takes its figure with it, so a sampler thread polls the whole process tree
and keeps the largest value seen for each process.
"""
from __future__ import annotations

import threading
from pathlib import Path


def children(pid: int) -> list[int]:
    """Direct children of `pid`; none once it has gone (processes vanish while /proc is being read)."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += children(current)
    return pids


def high_water_kb(pid: int) -> int:
    """The process's peak resident memory in KiB; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemorySampler:
    """Poll the tree under `pid` every `interval` seconds; `peaks` maps each pid seen to its highest VmHWM."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        for pid in tree(self.pid):
            self.peaks[pid] = max(self.peaks.get(pid, 0), high_water_kb(pid))

    def __enter__(self) -> TreeMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def worst_kb(self) -> int:
        return max(self.peaks.values(), default=0)
