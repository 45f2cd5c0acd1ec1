"""Display segments: every character shown once, in order, with the right marks."""
from __future__ import annotations

from tender.similarity.reader import changed_ranges, reason_key, segments, side_by_side


def test_segments_cover_the_text_exactly_once():
    text = "甲乙丙丁戊己庚辛壬癸"
    parts = segments(text, [(2, 5, 0)], [(3, 4)], [(6, 8, 0)], [(0, 1)], [0, 7])
    assert "".join(p.text for p in parts) == text
    marks = [(p.text, p.passage, p.changed, p.reason, p.structure, p.page) for p in parts]
    assert marks == [
        ("甲", -1, False, -1, True, 1), ("乙", -1, False, -1, False, None), ("丙", 0, False, -1, False, None),
        ("丁", 0, True, -1, False, None), ("戊", 0, False, -1, False, None), ("己", -1, False, -1, False, None),
        ("庚", -1, False, 0, False, None), ("辛", -1, False, 0, False, 2), ("壬癸", -1, False, -1, False, None),
    ]


def test_changed_ranges_find_punctuation_and_script_differences():
    ra, rb = changed_ranges("物业服务，应当公示。", "物業服務,应当公示。")
    assert ra and rb
    assert changed_ranges("完全相同", "完全相同") == ([], [])


def test_reason_keys():
    assert reason_key("法规标准：示例标准") == "legal"
    assert reason_key("招标文件原文：招标文件") == "tender"
    assert reason_key("7家公司共有") == "common"


def test_side_by_side_pairs_passages_by_id():
    report = {"passages": [{"a_start": 0, "a_end": 2, "b_start": 1, "b_end": 3, "length": 2}], "structure": [],
              "subtracted": [{"side": "b", "start": 3, "end": 4, "reason": "法规标准：某标准"}]}
    left, right, reasons = side_by_side(report, "甲乙丙", "丁甲乙戊")
    assert [s.text for s in left if s.passage == 0] == ["甲乙"]
    assert [s.text for s in right if s.passage == 0] == ["甲乙"]
    assert reasons == [("法规标准：某标准", "legal")]
    assert [s.text for s in right if s.reason == 0] == ["戊"]
