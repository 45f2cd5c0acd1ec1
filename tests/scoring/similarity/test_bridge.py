"""Vectorised bridging equals the independent oracle (reference.reference_bridge)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.similarity import Params, prepare, subtract
from scoring.similarity.align import _extend, _guarded, align_arrays
from scoring.similarity.bridge import bridge
from scoring.similarity.subtract import Boilerplate

from .reference import reference_bridge
from .textutil import han_text, spin

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    # alphabet 4: several candidate windows match at once, so their order matters
    base=st.builds(han_text, st.integers(0, 2**32), st.integers(60, 400), st.sampled_from([3, 4, 40])),
    spun=st.tuples(st.integers(0, 2**32), st.integers(12, 40), st.integers(1, 4)),
    masked=st.one_of(st.none(), st.tuples(st.integers(0, 400), st.integers(5, 40))),
    rounds=st.sampled_from([1, 3, 40]),
    gap=st.sampled_from([2, 4, 6]),
    skew=st.sampled_from([0, 1, 2, 2]),
)
def test_bridge_equals_reference(base, spun, masked, rounds, gap, skew):
    b_text = spin(base, *spun)
    p = Params(bridge_gap=gap, bridge_skew=skew, bridge_rounds=rounds, min_chars=8, min_fingerprints=1, k=5, w=3)
    a, b = prepare(base, p), prepare(b_text, p)
    boiler = [("招标文件", "tender", base[masked[0] : masked[0] + masked[1]])] if masked else []
    bp = Boilerplate.from_texts(boiler, p)
    sub_a, sub_b = subtract(a, bp), subtract(b, bp)
    exact = Params(bridge_gap=0, fill_min_chars=0, k=5, w=3, min_chars=8)
    s, e, bs, _, _ = align_arrays(a, b, sub_a, sub_b, exact)
    d = bs - s
    _, first = np.unique((d + (1 << 30)) * (1 << 32) + s, return_index=True)
    first.sort()
    d, s, e = d[first], s[first], e[first]
    xa, xb = _guarded(a, sub_a, -1), _guarded(b, sub_b, -2)
    got = bridge(xa, xb, d, s, e, _extend, p)
    want = reference_bridge(xa, xb, d.tolist(), s.tolist(), e.tolist(), p)
    for g, w in zip(got, want, strict=True):
        assert np.asarray(g).tolist() == list(w)
