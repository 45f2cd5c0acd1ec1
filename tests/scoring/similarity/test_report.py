"""Pair reports: passages, subtraction with reasons, structure-only matches, flag rule."""

import numpy as np
import pytest

from scoring.similarity import (
    Boilerplate,
    Document,
    FlagRule,
    Params,
    Reason,
    SubtractionKind,
    compare,
    compare_texts,
    prepare,
    subtract,
)

from .textutil import han_text

COPIED = han_text(10, 600)


def test_identical_and_unrelated():
    assert compare_texts(COPIED, COPIED).score == 1.0
    report = compare_texts(COPIED, han_text(11, 600))
    assert report.score == 0.0 and not report.passages and not report.flagged


def test_partial_copy_offsets_map_to_original():
    a = han_text(12, 300) + "，\n" + COPIED[:200] + "。" + han_text(13, 300)
    b = "标题\n" + COPIED[:200] + han_text(14, 500)
    report = compare_texts(a, b)
    assert report.passages
    p = max(report.passages, key=lambda p: p.length)
    assert a[p.a_start : p.a_end] == b[p.b_start : p.b_end] == COPIED[:200]
    assert 0.2 < report.containment_a < 0.45
    assert report.shared_chars == 200 and report.longest_passage == 200


def test_boilerplate_subtracted_with_reason():
    tender = COPIED[:300]
    a = han_text(15, 200) + tender + han_text(16, 200)
    b = han_text(17, 200) + tender + han_text(18, 200)
    assert compare_texts(a, b).flagged
    report = compare_texts(a, b, boilerplate=[("招标文件", "tender", tender)])
    assert report.score == 0.0 and not report.flagged
    reasons = {(s.side, s.reason, s.kind) for s in report.subtracted}
    tender_text = ("招标文件原文：招标文件", SubtractionKind.TENDER)
    assert reasons == {("a", *tender_text), ("b", *tender_text)}
    span = next(s for s in report.subtracted if s.side == "a")
    assert a[span.start : span.end] == tender


def test_common_to_many_companies_is_subtracted():
    shared = COPIED[:100]
    a, b = prepare(han_text(19, 300) + shared), prepare(shared + han_text(20, 300))
    assert compare(a, b).score > 0
    common = {int(h): 7 for h in a.fp_hash}
    report = compare(a, b, subtract(a, common=common), subtract(b, common=common))
    assert report.score == 0.0
    assert {(s.reason, s.kind) for s in report.subtracted} == {("7家公司共有", SubtractionKind.COMMON)}
    few = {int(h): 2 for h in a.fp_hash}
    assert compare(a, b, subtract(a, common=few), subtract(b, common=few)).score > 0


def test_common_text_is_one_span_per_run_labelled_with_its_most_companies():
    """Counts that change every few k-grams used to cut one stock paragraph into many spans."""
    shared = COPIED[:200]
    a = prepare(han_text(23, 300) + shared + han_text(24, 300))
    hashes = [int(h) for h in a.fp_hash]
    inside = [h for h, p in zip(hashes, a.fp_pos.tolist(), strict=True) if 300 <= p < 300 + 200 - a.k]
    common = {h: 5 + i % 4 for i, h in enumerate(inside)}  # 5, 6, 7, 8, 5, ... along the paragraph
    spans = subtract(a, common=common).spans(a)
    assert len(spans) == 1
    start, end, *_, label, kind = spans[0]
    assert (label, kind) == ("8家公司共有", SubtractionKind.COMMON)
    assert 300 <= start and end <= 500 and end - start >= 150
    few = {h: n - 3 for h, n in common.items()}  # only the k-grams of >= 5 companies count
    assert {s[4] for s in subtract(a, common=few).spans(a)} <= {"5家公司共有"}


def test_headings_and_toc_are_structure():
    toc = "\n".join(
        f"第{n}章 {t}服务方案..........{p}"
        for n, t, p in [("一", "客服", 3), ("二", "秩序维护", 9), ("三", "保洁", 15), ("四", "绿化", 21)]
    )
    a = toc + "\n" + han_text(21, 400)
    b = toc + "\n" + han_text(22, 400)
    report = compare_texts(a, b)
    assert report.structure and not report.passages
    assert report.score == 0.0 and not report.flagged


def test_flag_rule_thresholds():
    rule = FlagRule()
    assert rule.flags(0.15, 0, 0) and rule.flags(0.0, 3000, 0) and rule.flags(0.0, 0, 500)
    assert not rule.flags(0.149, 2999, 499)


def test_serialised_document_gives_same_report():
    a, b = prepare(COPIED + han_text(23, 100)), prepare(han_text(24, 50) + COPIED[50:])
    a2 = Document.from_bytes(a.to_bytes())
    assert np.array_equal(a2.fp_hash, a.fp_hash) and a2.norm.text == a.norm.text
    assert compare(a2, b) == compare(a, b)


def test_boilerplate_from_documents_matches_texts():
    doc = prepare(COPIED)
    bp = Boilerplate.from_documents([("法规", "legal", doc)])
    sub = subtract(prepare(COPIED[:50]), bp)
    assert sub.mask.all() and sub.reasons == (Reason(SubtractionKind.LEGAL, "法规标准：法规"),)


def test_an_unknown_boilerplate_kind_is_refused():
    with pytest.raises(ValueError):
        Boilerplate.from_texts([("范本", "template", COPIED)])


def test_medium_passages_rule_for_short_bids():
    rule = FlagRule()
    assert rule.flags(0.0, 0, 120, substantial=300)
    assert not rule.flags(0.0, 0, 119, substantial=3000) and not rule.flags(0.0, 0, 499, substantial=299)
    # three copied paragraphs of 200 chars in a 6,000-char bid: 10 %, no 500-char passage
    pieces = [han_text(60 + i, 200) for i in range(3)]
    host_a, host_b = han_text(70, 6000), han_text(71, 6000)
    a = host_a[:1000] + pieces[0] + host_a[1000:3000] + pieces[1] + host_a[3000:5000] + pieces[2] + host_a[5000:]
    b = host_b[:2000] + pieces[0] + host_b[2000:2500] + pieces[1] + host_b[2500:4000] + pieces[2] + host_b[4000:]
    report = compare_texts(a, b)
    assert report.score < 0.15 and report.longest_passage < 500 and report.shared_chars < 3000
    assert report.flagged


def test_heading_and_paragraph_are_cut_apart():
    heading = "第三章 秩序维护服务方案"
    paragraph = han_text(80, 300)
    a = han_text(81, 200) + "\n" + heading + "\n" + paragraph + "\n" + han_text(82, 200)
    b = han_text(83, 200) + "\n" + heading + "\n" + paragraph + "\n" + han_text(84, 200)
    report = compare_texts(a, b)
    assert [b[p.b_start : p.b_end] for p in report.passages] == [paragraph]
    assert [b[p.b_start : p.b_end].strip() for p in report.structure] == [heading]
    assert report.structure_chars == len("第三章秩序维护服务方案") and not report.structure_flagged


def test_sold_template_headings_flagged_as_structure_not_prose():
    titles = [f"{i + 1}.{j} " + han_text(500 + 10 * i + j, 14) for i in range(12) for j in range(1, 5)]
    a = "\n".join(f"{t}\n{han_text(600 + n, 60)}" for n, t in enumerate(titles))
    b = "\n".join(f"{t}\n{han_text(700 + n, 60)}" for n, t in enumerate(titles))
    report = compare_texts(a, b)
    assert report.structure_flagged and report.structure_chars >= 600
    assert report.score == 0.0 and not report.flagged and not report.passages


def test_short_copied_clauses_between_edits_are_found():
    clauses = [han_text(900 + i, 18) for i in range(30)]
    a = "，".join(clauses)
    # four clauses copied together, then every other clause rewritten: copies of 18 chars alone
    copied = [i < 4 or i % 2 for i in range(len(clauses))]
    b = "，".join(c if keep else han_text(990 + i, 18) for i, (c, keep) in enumerate(zip(clauses, copied, strict=True)))
    seeded = compare_texts(a, b, params=Params(near_gap=0))
    report = compare_texts(a, b)
    covered = sum(p.length for p in report.passages)
    assert sum(p.length for p in seeded.passages) == 4 * 18
    assert covered == 18 * sum(copied)
    for p in report.passages:
        assert a[p.a_start : p.a_end] == b[p.b_start : p.b_end]
