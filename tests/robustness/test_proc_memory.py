"""The memory sampler sees a grandchild's peak, even after the grandchild has exited."""
from __future__ import annotations

import subprocess
import sys

from tests.proc_memory import TreeMemorySampler


def test_sampler_sees_the_peak_of_a_short_lived_grandchild():
    grandchild = "x = bytearray(200 * 1024 * 1024); import time; time.sleep(0.3)"
    child = f"import subprocess, sys, time; subprocess.run([sys.executable, '-c', {grandchild!r}]); time.sleep(0.3)"
    process = subprocess.Popen([sys.executable, "-c", child])
    with TreeMemorySampler(process.pid) as sampler:
        process.wait()
    assert sampler.worst_kb >= 200 * 1024
    assert len(sampler.peaks) >= 2
