"""The vectorised aligner and report equal the loop-shaped reference (tests/.../reference.py)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.similarity import Boilerplate, Params, compare, prepare, subtract

from .reference import reference_compare
from .textutil import HAN, han_text

EXACT = Params(bridge_gap=0)  # the reference knows no bridging across substituted words
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
piece = st.lists(st.sampled_from(HAN[:60]), min_size=0, max_size=120).map("".join)
noise = st.sampled_from(["", "，", "。\n", "12", "公司", "企业", "第一章 总则\n", "目录\n"])


def _check(a_text: str, b_text: str, boiler: str | None = None) -> None:
    a, b = prepare(a_text, EXACT), prepare(b_text, EXACT)
    bp = Boilerplate.from_texts([("招标文件", "tender", boiler)] if boiler else [], EXACT)
    sub_a, sub_b = subtract(a, bp), subtract(b, bp)
    expected = reference_compare(a, b, sub_a, sub_b, EXACT)
    assert compare(a, b, sub_a, sub_b, EXACT) == expected
    assert compare(a, b, sub_a, sub_b, EXACT) == expected  # again, from the cached seed tables


@SETTINGS
@given(parts=st.lists(st.tuples(piece, noise, st.booleans()), min_size=1, max_size=8), seed=st.integers(0, 50))
def test_fast_compare_equals_reference(parts, seed):
    # small alphabet: many repeated k-grams, ties in winnowing, chains, duplicate runs
    a_text = "".join(p + n for p, n, _ in parts)
    b_text = han_text(seed, 50).join(p + n for p, n, keep in parts if keep)
    _check(a_text, b_text)
    _check(a_text, b_text, boiler=a_text[len(a_text) // 3 : len(a_text) // 2])


@SETTINGS
@given(a_seed=st.integers(0, 10**6), b_seed=st.integers(0, 10**6), n=st.integers(0, 800))
def test_no_overlap_fast_path_equals_reference(a_seed, b_seed, n):
    a_text, b_text = han_text(a_seed, n), han_text(b_seed + 10**7, n)
    _check(a_text, b_text)
    _check(a_text, b_text, boiler=a_text[: n // 2])
    report = compare(prepare(a_text), prepare(b_text))
    assert report.score == 0.0 and not report.passages and not report.flagged
