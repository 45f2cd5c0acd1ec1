"""Issue 10 robustness: every file of the hostile corpus through the bid extraction entry point.

Each ends as a document or as an ExtractionError whose message a person can read (Chinese,
no path); nothing else escapes, and the whole corpus runs in one capped child process
(address space 6 GB, so a bomb that got through would fail the test, not the machine).
"""
from __future__ import annotations

import pytest

from tests.robustness.outcome import HAN, TECHNICAL
from tests.scoring.extraction.child import run_child

pytestmark = pytest.mark.robustness

RUN = """
from pathlib import Path
from scoring.extraction import ExtractionError, extract_document
from tests.robustness.hostile_files import write_corpus

outcomes = []
for f in write_corpus(Path({folder!r})):
    try:
        doc = extract_document(f.path, max_chars=2_000_000)
        outcomes.append([f.category, "ok", doc.kind, ""])
    except ExtractionError as e:
        outcomes.append([f.category, "refused", e.reason, e.message])
    except Exception as e:  # noqa: BLE001 - what the test is looking for
        outcomes.append([f.category, "crashed", type(e).__name__, str(e)[:300]])
done(outcomes=outcomes)
"""


def test_every_hostile_file_is_extracted_or_refused_with_a_readable_reason(tmp_path):
    result = run_child(RUN.format(folder=str(tmp_path / "corpus")), timeout=900)
    assert "outcomes" in result, result
    outcomes = result["outcomes"]
    assert len(outcomes) > 200
    assert [o for o in outcomes if o[1] == "crashed"] == []
    for category, _, reason, message in (o for o in outcomes if o[1] == "refused"):
        assert HAN.search(message) and not TECHNICAL.search(message), (category, reason, message)
        assert str(tmp_path) not in message, message
    refused = {o[2] for o in outcomes if o[1] == "refused"}
    assert {"corrupt", "unsupported", "encrypted", "too_large"} <= refused, refused
    assert result["peak_rss_mb"] < 1024, result["peak_rss_mb"]
