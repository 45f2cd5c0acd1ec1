"""Vectorised bridging equals the per-run loop it replaced (reference.reference_bridge)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.similarity import Params, prepare, subtract
from scoring.similarity.align import _extend, _guarded, align_arrays
from scoring.similarity.bridge import bridge
from scoring.similarity.subtract import Boilerplate

from .reference import reference_bridge
from .textutil import HAN

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
alphabet = st.sampled_from(HAN[:40])
word = st.lists(alphabet, min_size=0, max_size=5).map("".join)


@SETTINGS
@given(
    base=st.lists(alphabet, min_size=30, max_size=400).map("".join),
    swaps=st.lists(st.tuples(st.integers(0, 400), word), max_size=40),
    rounds=st.sampled_from([1, 3, 40]),
    gap=st.sampled_from([2, 4, 6]),
)
def test_bridge_equals_loop(base, swaps, rounds, gap):
    b_text = base
    for at, w in sorted(swaps, reverse=True):
        at = at % (len(b_text) + 1)
        b_text = b_text[:at] + w + b_text[at + len(w) // 2 :]
    p = Params(bridge_gap=gap, bridge_rounds=rounds, min_chars=8, min_fingerprints=1, k=5, w=3)
    a, b = prepare(base, p), prepare(b_text, p)
    bp = Boilerplate.from_texts([], p)
    sub_a, sub_b = subtract(a, bp), subtract(b, bp)
    s, e, bs, _, _ = align_arrays(a, b, sub_a, sub_b, Params(bridge_gap=0, fill_min_chars=0, k=5, w=3))
    d = bs - s
    _, first = np.unique((d + (1 << 30)) * (1 << 32) + s, return_index=True)
    first.sort()
    d, s, e = d[first], s[first], e[first]
    xa, xb = _guarded(a, sub_a, -1), _guarded(b, sub_b, -2)
    got = bridge(xa, xb, d, s, e, _extend, p)
    want = reference_bridge(xa, xb, d.tolist(), s.tolist(), e.tolist(), p)
    for g, w in zip(got, want, strict=True):
        assert np.asarray(g).tolist() == list(w)
