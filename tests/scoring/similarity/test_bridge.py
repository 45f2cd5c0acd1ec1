"""Vectorised bridging equals the independent oracle (reference.reference_bridge)."""

import random

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


def _text(n: int, seed: int, alphabet: int = 40) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(HAN[:alphabet]) for _ in range(n))


def _spin(text: str, seed: int, spacing: int, longest: int) -> str:
    """Replace 1-``longest`` characters by 0-``longest`` others about every ``spacing`` characters."""
    rng, out, at = random.Random(seed), [], 0
    while at < len(text):
        step = rng.randint(spacing // 2, spacing)
        out.append(text[at : at + step])
        out.append(_text(rng.randint(0, longest), rng.random()))
        at += step + rng.randint(1, longest)
    return "".join(out)


@SETTINGS
@given(
    # alphabet 4: several candidate windows match at once, so their order matters
    base=st.builds(_text, st.integers(60, 400), st.integers(0, 2**32), st.sampled_from([4, 40, 40])),
    spin=st.tuples(st.integers(0, 2**32), st.integers(12, 40), st.integers(1, 4)),
    masked=st.one_of(st.none(), st.tuples(st.integers(0, 400), st.integers(5, 40))),
    rounds=st.sampled_from([1, 3, 40]),
    gap=st.sampled_from([2, 4, 6]),
    skew=st.sampled_from([0, 2]),
)
def test_bridge_equals_reference(base, spin, masked, rounds, gap, skew):
    b_text = _spin(base, *spin)
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
