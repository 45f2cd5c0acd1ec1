"""The reader benchmark's report states the peer's timeout instead of dividing by nothing."""
from __future__ import annotations

from benchmarks.reader.__main__ import END, START, report

RESULT = {"chars_a": 378000, "chars_b": 381000, "passages": 2594, "build_s": 60.0, "middle": 24,
          "ours_server": 0.13, "ours_bytes": 180_000, "part_server": 0.1, "part_bytes": 60_000,
          "peer_server": 10.0, "peer_bytes": 6_300_000, "ours_view": 1.0, "ours_runs": [1.0, None],
          "jump": 0.9}


def test_report_gives_ratios_and_a_timed_out_peer():
    text = report({**RESULT, "peer_view": 12.0}, 300)
    assert text.startswith(START) and text.endswith(END)
    assert "**12.0x**" in text and "**35.0x**" in text and "timeout" in text
    assert "> 300 s (not loaded)" in report({**RESULT, "peer_view": None}, 300)
