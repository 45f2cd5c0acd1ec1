"""Which figures become findings: a flagged pair is a copy finding, many identical headings a structure
finding of its own (neither lost nor mixed with copied prose), an unflagged pair only a figure; history
splits into the company's own reuse and other companies' bids. No database: the rows are the job's figures.
"""
from __future__ import annotations

import pytest

from scoring.similarity import FlagRule
from tender.findings.build import history_specs, pair_specs
from tender.findings.models import FindingKind

NAMES = {1: "甲公司", 2: "乙公司"}


def _row(flagged: bool, headings: int, containment: float = 0.4, **extra) -> dict:
    return {"a": 1, "b": 2, "comparison_id": 7, "score": containment, "flagged": flagged,
            "containment_a": containment, "containment_b": containment / 2, "shared_chars": 3200,
            "longest_passage": 640, "n_passages": 3, "n_structure": headings, "structure_chars": headings * 75,
            "structure_flagged": headings * 75 >= FlagRule().min_structure_chars,
            "passages": [{"page_a": 4, "page_b": 6, "label_a": "技术标第 2 页", "label_b": "技术标第 4 页",
                          "length": 640, "excerpt": "客服中心实行首问负责制"}], **extra}


@pytest.mark.parametrize("flagged, headings, kinds", [
    (True, 0, [FindingKind.COPY_PAIR]),
    (False, 8, [FindingKind.STRUCTURE]),  # a sold template's contents (600 heading chars), no copied prose
    (True, 12, [FindingKind.COPY_PAIR, FindingKind.STRUCTURE]),
    (False, 7, []),  # a few shared headings are ordinary
])
def test_pairs(flagged, headings, kinds):
    specs = pair_specs([_row(flagged, headings)], NAMES)
    assert [s.kind for s in specs] == kinds
    assert len({s.key for s in specs}) == len(specs)  # apart, under keys of their own
    for spec in specs:
        assert spec.bid_ids == (1, 2) and spec.comparison_id == 7 and "第四十条（四）" in spec.basis
    copy = [s for s in specs if s.kind is FindingKind.COPY_PAIR]
    if copy:
        assert copy[0].evidence[0]["label"] == "技术标第 2 页" and copy[0].evidence[0]["other_label"] == "技术标第 4 页"


def test_a_heavier_copy_ranks_higher_and_above_a_price_pattern():
    light, heavy = (pair_specs([_row(True, 0, c)], NAMES)[0].strength for c in (0.15, 0.6))
    assert 0.7 < light < heavy == 1.0


@pytest.mark.parametrize("same, kind", [(True, FindingKind.REUSE_OWN), (False, FindingKind.HISTORY_OTHER)])
def test_history_is_split_by_company(same, kind):
    row = _row(True, 0, bid_id=1, other_doc_id=9, same_company=same)
    earlier = {9: ("丙公司", "“湖畔花苑”（ZB-1）")}
    specs = history_specs([row, {**row, "other_doc_id": 10, "flagged": False}], NAMES, earlier)
    assert [(s.kind, s.bid_ids) for s in specs] == [(kind, (1,))]
    assert "湖畔花苑" in specs[0].summary and ("丙公司" in specs[0].summary) is not same


def test_bids_of_companies_decided_related_are_both_a_finding_and_others_are_not():
    from tender.findings.build import related_specs

    bids = {11: (1, "甲公司"), 12: (2, "乙公司"), 13: (3, "丙公司")}
    related = [(2, 1, "法定代表人为同一人", "法定代表人：王某"), (3, 4, "控股关系", "丙持有丁 60%")]  # 丁 did not bid
    specs = related_specs(bids, related)
    assert [(s.kind, s.bid_ids) for s in specs] == [(FindingKind.RELATED, (11, 12))]
    assert "第三十四条" in specs[0].basis and "均无效" in specs[0].basis and len(specs[0].basis) <= 200
    assert "甲公司 与 乙公司" in specs[0].summary and "法定代表人为同一人" in specs[0].summary
    assert related_specs(bids, []) == []
