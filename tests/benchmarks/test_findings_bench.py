"""The findings benchmark's harness in its quick size, run as `make bench` runs it (a fresh process).

Checks the harness, never wall time: the tender is really opened and its bids' text stored, the
timed run in the child found every planted signal on the bids it was planted in, the figures
have the structure the report prints, and a quick run leaves RESULTS.md alone.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.findings import texts
from benchmarks.findings.__main__ import QUICK
from benchmarks.results import RESULTS

ROOT = Path(__file__).resolve().parents[2]


def test_quick_findings_benchmark_finds_every_planted_signal(tmp_path):
    before = RESULTS.read_bytes() if RESULTS.exists() else b""
    out = tmp_path / "figures.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "benchmarks.findings", "--quick", "--json", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert (RESULTS.read_bytes() if RESULTS.exists() else b"") == before  # quick runs never rewrite it
    assert figures["sizes"]["bids"] == QUICK.bids == texts.MIN_BIDS
    [run] = figures["runs"]
    assert run["database"] == "SQLite"
    assert run["planted"] and all(run["planted"].values()), run["planted"]

    result, staged = run["result"], run["staged"]
    counts = result["counts"]
    assert counts["bids"] == counts["compared_bids"] == QUICK.bids
    assert counts["pairs"] == len(result["pairs"]) == QUICK.bids * (QUICK.bids - 1) // 2
    flagged = [(p["a"], p["b"]) for p in result["pairs"] if p["flagged"]]
    assert flagged == [tuple(staged["bid_ids"][i] for i in texts.COPY)]  # only the planted copy
    assert counts["history"] == len(result["history"]) > 0
    reuse = [h for h in result["history"] if h["flagged"]]
    assert [(h["bid_id"], h["other_doc_id"], h["same_company"]) for h in reuse] == [
        (staged["bid_ids"][texts.REUSE], staged["reuse_doc_id"], True)]
    assert counts["findings"] == len(result["findings"])

    assert set(result["steps"]) >= {"fingerprint", "pairs", "history", "checks"}
    assert all(s >= 0 for s in result["steps"].values())
    assert result["seconds"] >= sum(result["steps"].values()) * 0.99
    assert result["peak_rss_mb"] > 50 and result["children_peak_rss_mb"] > 0
    assert run["peer"]["pairs"] == counts["pairs"] and run["peer"]["flagged"] >= 1
    assert "| SQLite |" in figures["text"] and "wall / 60 s" in figures["text"]
