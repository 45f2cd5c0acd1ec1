"""Decompression bombs are refused from the zip directory, quickly and in little memory (issue 8, defect 4)."""
from __future__ import annotations

import io
import zipfile

import pytest

from scoring.extraction.archive import ArchiveLimits, ArchiveTooLarge, CappedReader, check_archive
from scoring.extraction.text import ExtractionError, extract
from tests.scoring.extraction.bombs import CHUNK, docx_bomb
from tests.scoring.extraction.child import run_child

REFUSE = """
from scoring.extraction.text import ExtractionError, extract
try:
    extracted = extract({path!r}, max_chars={max_chars})
    done(refused=False, chars=len(extracted.text))
except ExtractionError as e:
    done(refused=True, message=e.message)
except MemoryError:
    done(refused=False, message="MemoryError")
"""


def test_an_11_mb_docx_expanding_to_2_gb_is_refused_in_little_memory(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx")
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size > 2 * 1024**3
    assert bomb.stat().st_size < 16 * 1024**2
    result = run_child(REFUSE.format(path=str(bomb), max_chars=2_000_000))
    assert result.get("refused") is True, result
    assert "压缩炸弹" in result["message"] and str(tmp_path) not in result["message"]
    assert result["peak_rss_mb"] < 200, result


def test_a_directory_that_understates_the_size_still_stops_early(tmp_path):
    """The directory declares 40 MB; the stream would inflate 2.4 GB. Reading stops at the declared size
    (zipfile, then the CRC no longer matches) even with no character cap to stop it sooner."""
    bomb = docx_bomb(tmp_path / "liar.docx", declared=40 * CHUNK)
    result = run_child(REFUSE.format(path=str(bomb), max_chars=10**12))
    assert result.get("refused") is True, result
    assert result["peak_rss_mb"] < 300, result


def test_the_capped_reader_counts_inflated_bytes_not_declared_ones(tmp_path):
    bomb = docx_bomb(tmp_path / "small.docx", expanded=8 * CHUNK)
    with zipfile.ZipFile(bomb) as z, CappedReader(z, "word/document.xml", cap=3 * CHUNK) as stream:
        with pytest.raises(ArchiveTooLarge, match="上限"):
            while stream.read(64 * 1024):
                pass


def test_a_high_compression_ratio_is_refused_below_the_size_limits(tmp_path):
    bomb = docx_bomb(tmp_path / "dense.docx", expanded=40 * CHUNK)
    with pytest.raises(ExtractionError, match="压缩比"):
        extract(bomb)
    limits = ArchiveLimits(max_ratio=10_000)
    assert extract(bomb, max_chars=1000, limits=limits).truncated


@pytest.mark.parametrize(("limits", "words"), [
    (ArchiveLimits(max_member_bytes=1000), "单个部件"),
    (ArchiveLimits(max_total_bytes=1000), "共"),
    (ArchiveLimits(max_members=2), "文件数"),
])
def test_each_limit_has_its_own_message(limits, words):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("a.xml", "b.xml", "c.xml"):
            z.writestr(name, "<x>" + "物业" * 300 + "</x>")
    with zipfile.ZipFile(buffer) as z, pytest.raises(ArchiveTooLarge, match=words):
        check_archive(z, limits)
