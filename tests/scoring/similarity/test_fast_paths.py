"""The vectorised aligner and pair report equal the independent oracle (reference.py).

Texts are built from drawn lengths and seeds rather than drawn character lists: hypothesis
keeps lists short, and pieces under ``min_chars`` never make a passage, so a mistake in
the run ends would go unseen (it did, before the oracle was rewritten).
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.similarity import Boilerplate, Params, compare, prepare, subtract

from .reference import reference_compare
from .textutil import HAN, han_text, spin

EXACT = Params(bridge_gap=0)  # the oracle checks bridging on its own (test_bridge.py)
SMALL = Params(bridge_gap=0, k=5, w=3, min_chars=12)  # short passages, many seeds, gap pieces
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOC = "目录\n第一章 服务方案\n一、客服管理\n二、保洁服务\n三、绿化养护\n1.1 总体服务方案……………3\n"


# alphabet 6: repeated k-grams, ties in winnowing, over-repeated hashes; 60: chains and seams
piece = st.builds(han_text, st.integers(0, 2**32), st.integers(0, 120), st.sampled_from([6, 60, 60, len(HAN)]))
noise = st.sampled_from(["", "，", "。\n", "12", "公司", "企业", "第一章 总则\n", "目录\n", TOC, "株式"])


def _check(a_text: str, b_text: str, boiler: str | None = None, p: Params = EXACT) -> None:
    a, b = prepare(a_text, p), prepare(b_text, p)
    # two kinds side by side: runs of subtracted text end where the reason changes
    half = len(boiler or "") // 2
    sources = [("招标文件", "tender", boiler[:half]), ("示例标准", "legal", boiler[half:])] if boiler else []
    bp = Boilerplate.from_texts(sources, p)
    sub_a, sub_b = subtract(a, bp), subtract(b, bp)
    expected = reference_compare(a, b, sub_a, sub_b, p)
    assert compare(a, b, sub_a, sub_b, p) == expected
    assert compare(a, b, sub_a, sub_b, p) == expected  # again, from the cached seed tables


@SETTINGS
@given(
    parts=st.lists(st.tuples(piece, noise, st.integers(0, 5)), min_size=1, max_size=8),
    seed=st.integers(0, 50),
    p=st.sampled_from([EXACT, SMALL]),
)
def test_fast_compare_equals_reference(parts, seed, p):
    # each part is copied 0-5 times into B: missing, copied once, repeated beyond max_occurrences
    a_text = "".join(x + n for x, n, _ in parts)
    b_text = han_text(seed, 50).join(x + n for x, n, times in parts for _ in range(times))
    b_text = b_text.replace("株式", "㍿")  # NFKC: one original character, four normalised ones
    _check(a_text, b_text, p=p)
    _check(a_text, b_text, boiler=a_text[len(a_text) // 3 : len(a_text) // 2], p=p)


@SETTINGS
@given(
    base=st.builds(han_text, st.integers(0, 2**32), st.integers(30, 500), st.sampled_from([60, len(HAN)])),
    spun=st.tuples(st.integers(0, 2**32), st.integers(10, 40)),
    headings=st.lists(st.integers(0, 500), max_size=3),
    p=st.sampled_from([EXACT, SMALL]),
)
def test_spun_copy_equals_reference(base, spun, headings, p):
    # substitutions cut the copy into pieces: gap pieces between passages, shifted diagonals
    a_text = base
    for at in sorted(headings, reverse=True):
        at %= len(a_text) + 1
        a_text = a_text[:at] + "\n" + TOC + a_text[at:]
    b_text = spin(a_text, *spun)
    _check(a_text, b_text, p=p)
    _check(a_text, b_text, boiler=TOC, p=p)


@SETTINGS
@given(a_seed=st.integers(0, 10**6), b_seed=st.integers(0, 10**6), n=st.integers(0, 800))
def test_no_overlap_fast_path_equals_reference(a_seed, b_seed, n):
    a_text, b_text = han_text(a_seed, n), han_text(b_seed + 10**7, n)
    _check(a_text, b_text)
    _check(a_text, b_text, boiler=a_text[: n // 2])
    report = compare(prepare(a_text), prepare(b_text))
    assert report.score == 0.0 and not report.passages and not report.flagged


@SETTINGS
@given(
    seed=st.integers(0, 2**32),
    clauses=st.lists(st.tuples(st.integers(6, 40), st.sampled_from(["keep", "keep", "drop", "foreign", "after"])),
                     min_size=3, max_size=25),
    p=st.sampled_from([EXACT, SMALL]),
)
def test_sentence_edits_equal_reference(seed, clauses, p):
    # clause-length copies standing alone between deleted, rewritten and inserted clauses:
    # the pieces found next to confirmed passages (scoring/similarity/neighbours.py)
    a_parts, b_parts = [], []
    for n, (size, op) in enumerate(clauses):
        clause = han_text(seed + n, size) + "，"
        foreign = han_text(seed + 10**6 + n, size) + "。"
        a_parts.append(clause)
        b_parts.append({"keep": clause, "drop": "", "foreign": foreign, "after": clause + foreign}[op])
    _check("".join(a_parts), "".join(b_parts), p=p)
    _check("".join(a_parts), "".join(b_parts), boiler="".join(a_parts)[::7][:30], p=p)
