"""The autosave load benchmark keeps working: its quick run saves through the real sheet page and loses nothing.

The quick run is the whole benchmark at a small size (5 experts for 12 s against gunicorn on
a throwaway PostgreSQL cluster), so a change to the sheet page, its token or its save
protocol that the benchmark no longer speaks fails here, not in `make bench`. No time is
asserted: only that saves went through and every cell read back equals what was confirmed.
"""
from __future__ import annotations

import pytest

from benchmarks.autosave.__main__ import compare
from benchmarks.autosave.client import Expert
from benchmarks.autosave.stage import ExpertSpec
from tests.pg import PG_BIN


def test_the_read_back_catches_a_lost_and_a_mixed_up_cell():
    spec = ExpertSpec(1, "e@x.cn", user_id=7, tender_id=1, cells={"1:a": ["1"], "1:b": ["2"], "2:a": ["1"]})
    expert = Expert(0, spec, "pw", seed=1)
    expert.confirmed = {"1:a": ("1", "理由", 3), "1:b": ("2", "理由", 1)}
    stored = {(7, "1:a"): ("1", "理由", 3), (7, "1:b"): ("2", "理由", 1), (7, "2:a"): (None, "", 0)}
    assert compare([expert], stored) == {"checked": 3, "lost": 0}
    stored[(7, "1:a")] = ("1", "理由", 2)  # an older write won
    stored[(7, "2:a")] = ("2", "别人的理由", 1)  # another expert's value where nothing was saved
    assert compare([expert], stored) == {"checked": 3, "lost": 2}


@pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL binaries not installed")
def test_quick_autosave_load_loses_and_mixes_up_nothing():
    from benchmarks.autosave.__main__ import END, START, main

    result = main(["--quick", "--no-write"])
    app, peer = result["app"], result["peer"]
    assert app["failures"] == [] and app["errors"] == [] and peer["failures"] == [] and peer["errors"] == []
    assert app["saves"] > 0 and peer["saves"] > 0
    assert app["checked"] == peer["checked"] == result["cells"] > 0
    assert app["lost"] == 0 and peer["lost"] == 0
    assert result["text"].startswith(START) and result["text"].endswith(END)
