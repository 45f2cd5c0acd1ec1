"""Warnings about experts far from the panel or favouring one bidder (scoring-methods.md §4, last line)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.evaluation.aggregate import Mark
from scoring.evaluation.outliers import OutlierRule, expert_warnings

CRITERIA = ("方案", "安保", "保洁", "设备")


def _panel(overrides=None):
    """Five experts, three bidders, four criteria; everyone agrees unless overridden."""
    base = {"A": 8, "B": 6, "C": 4}
    marks = []
    for e in ("E1", "E2", "E3", "E4", "E5"):
        for bidder, score in base.items():
            for c in CRITERIA:
                value = (overrides or {}).get((e, bidder, c), score)
                marks.append(Mark(e, bidder, c, Decimal(value)))
    return marks


def test_an_agreeing_panel_raises_nothing():
    assert expert_warnings(_panel()) == ()


def test_an_expert_far_below_the_others_on_one_bid_is_flagged_with_figures():
    marks = _panel({("E3", "A", c): 3 for c in CRITERIA})  # 5 below on each of 4 criteria = 20 below
    far = [w for w in expert_warnings(marks) if w.kind == "far"]
    assert [(w.expert, w.bidder, w.gap) for w in far] == [("E3", "A", Decimal(-20))]
    assert "低20.00分" in far[0].text


def test_an_expert_consistently_favouring_one_bidder_is_flagged():
    marks = _panel({("E2", "C", c): 8 for c in CRITERIA})  # lifts C by 4 on every criterion
    favouring = [w for w in expert_warnings(marks, OutlierRule(far_points=Decimal(100))) if w.kind == "favouring"]
    assert [(w.expert, w.bidder) for w in favouring] == [("E2", "C")]
    assert "4/4" in favouring[0].text


def test_one_generous_criterion_is_not_favouring():
    marks = _panel({("E2", "C", "方案"): 9})
    assert [w for w in expert_warnings(marks) if w.kind == "favouring"] == []


def test_thresholds_are_explained_in_chinese():
    assert "提示偏离" in OutlierRule().note and "倾向性" in OutlierRule().note


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 10), min_size=60, max_size=60), st.randoms(use_true_random=False))
def test_warnings_do_not_depend_on_the_order_of_marks(values, rnd):
    marks = [Mark(m.expert, m.bidder, m.criterion, Decimal(v)) for m, v in zip(_panel(), values, strict=True)]
    shuffled = list(marks)
    rnd.shuffle(shuffled)
    rule = OutlierRule(far_points=Decimal(8), favour_points=Decimal(3), favour_share=Decimal("0.5"))
    assert sorted(expert_warnings(shuffled, rule), key=repr) == sorted(expert_warnings(marks, rule), key=repr)
