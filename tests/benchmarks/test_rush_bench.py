"""The deadline-rush benchmark keeps working: its bids are real, distinct PDFs, and its quick run loses nothing.

The quick run is the whole benchmark at a small size (5 bidders x 2 MiB against gunicorn
on a throwaway PostgreSQL cluster), so a change to the upload protocol, the login, the
receipts or the opening that the benchmark no longer speaks fails here, not in `make bench`.
No figure is asserted: only that every bid arrived, opened and matched its bidder.
"""
from __future__ import annotations

import hashlib

import pypdfium2
import pytest

from benchmarks.rush.bids import chunks, make_bid
from tests.pg import PG_BIN


def test_bids_are_valid_distinct_pdfs_cut_as_the_upload_script_cuts_them(tmp_path):
    total = 700_001
    first, second = make_bid(tmp_path, 1, total), make_bid(tmp_path, 2, total)
    assert sum(f.size for f in first) == total and [f.part for f in first] == ["business", "technical", "price"]
    for spec in first + second:
        data = spec.path.read_bytes()
        assert len(data) == spec.size and hashlib.sha256(data).hexdigest() == spec.sha256
        pdf = pypdfium2.PdfDocument(data)
        assert len(pdf) == 1
        pdf.close()
        pieces = list(chunks(spec.path, 64 * 1024, 96 * 1024))
        assert b"".join(p for _, p in pieces) == data and [o for o, _ in pieces][0] == 0
        assert b"%%EOF" in pieces[-1][1][-1024:]  # the intake checks the final chunk's end
        assert all(len(p) <= 96 * 1024 for _, p in pieces) and len(pieces[-1][1]) >= 16 * 1024
    assert len({f.sha256 for f in first + second}) == 6
    assert b"BIDDER-002-BUSINESS" in second[0].path.read_bytes() and b"BIDDER-002" not in first[0].path.read_bytes()


@pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL binaries not installed")
def test_quick_rush_loses_and_mixes_up_nothing():
    from benchmarks.rush.__main__ import END, START, main

    result = main(["--quick", "--no-write"])
    sealed, peer, opening = result["sealed"], result["peer"], result["opening"]
    n = result["args"]["bidders"]
    files = (n + 1) * 3  # and one bidder who uploaded alone beforehand
    assert sealed["failures"] == [] and peer["failures"] == [] and opening.problems == []
    assert len(sealed["seconds"]) == n and len(peer["seconds"]) == n
    assert len(sealed["solo"]["seconds"]) == len(peer["solo"]["seconds"]) == 1
    n += 1
    assert opening.bids == n and opening.prices_match == n and opening.leftover_uploads == 0
    assert opening.verified == opening.receipts_match == opening.same_bytes == files == peer["intact"]
    assert all(len(doc["receipt"]["files"]) == 3 for doc in sealed["results"].values())
    text = result["text"]
    assert text.startswith(START) and text.endswith(END) and "lost or mixed up: 0 files" in text
