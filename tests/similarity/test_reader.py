"""Display segments: every character shown once, in order, with the right marks."""
from __future__ import annotations

from scoring.similarity import SubtractionKind
from tender.similarity.reader import changed_ranges, kinds, legacy_kind, reasons, segments, side_by_side, span_kind


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


def test_stored_kind_is_used_and_never_the_label():
    # a label in no known wording still groups by the kind stored beside it
    assert span_kind({"reason": "某来源：示例", "kind": "legal"}) is SubtractionKind.LEGAL
    assert span_kind({"reason": "法规标准：示例", "kind": "tender"}) is SubtractionKind.TENDER


def test_reports_stored_before_kinds_fall_back_to_their_labels():
    assert span_kind({"reason": "法规标准：示例标准"}) is SubtractionKind.LEGAL
    assert legacy_kind("招标文件原文：招标文件") is SubtractionKind.TENDER
    assert legacy_kind("7家公司共有") is SubtractionKind.COMMON
    assert legacy_kind("共用文本：范本") is SubtractionKind.OTHER
    assert legacy_kind("法规标准汇编") is SubtractionKind.OTHER  # a prefix without its separator is not a kind


def test_reasons_mix_old_and_new_spans_and_list_each_kind_once():
    report = {"subtracted": [{"side": "a", "start": 0, "end": 1, "reason": "7家公司共有"},
                             {"side": "b", "start": 0, "end": 1, "reason": "法规标准：甲", "kind": "legal"},
                             {"side": "a", "start": 2, "end": 3, "reason": "法规标准：甲", "kind": "legal"},
                             {"side": "a", "start": 4, "end": 5, "reason": "招标文件原文：乙", "kind": "tender"}]}
    labelled = reasons(report)
    assert labelled == [("7家公司共有", "common"), ("招标文件原文：乙", "tender"), ("法规标准：甲", "legal")]
    assert kinds(labelled) == [SubtractionKind.TENDER, SubtractionKind.LEGAL, SubtractionKind.COMMON]


def test_side_by_side_pairs_passages_by_id():
    report = {"passages": [{"a_start": 0, "a_end": 2, "b_start": 1, "b_end": 3, "length": 2}], "structure": [],
              "subtracted": [{"side": "b", "start": 3, "end": 4, "reason": "法规标准：某标准", "kind": "legal"}]}
    left, right, labelled = side_by_side(report, "甲乙丙", "丁甲乙戊")
    assert [s.text for s in left if s.passage == 0] == ["甲乙"]
    assert [s.text for s in right if s.passage == 0] == ["甲乙"]
    assert labelled == [("法规标准：某标准", SubtractionKind.LEGAL)]
    assert [s.text for s in right if s.reason == 0] == ["戊"]
