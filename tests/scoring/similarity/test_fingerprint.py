"""Hashes are stable across processes and winnowing keeps its guarantee."""

import subprocess
import sys

import numpy as np
import pytest

from scoring.similarity.fingerprint import fingerprints, kgram_hashes, splitmix64, winnow
from scoring.similarity.normalise import to_codes

from .textutil import han_text


def test_splitmix64_reference_value():
    # splitmix64 finaliser of 0 is 0 and of 1 is the published constant
    out = splitmix64(np.array([0, 1], dtype=np.uint64))
    assert out[0] == 0
    assert int(out[1]) == 0x5692161D100B05E5


def test_hash_is_polynomial_then_splitmix():
    codes = to_codes("物业服务")
    h = 0
    for c in "物业服务":
        h = (h * 1099511628211 + ord(c)) % 2**64
    expected = splitmix64(np.array([h], dtype=np.uint64)).view(np.int64)[0]
    assert kgram_hashes(codes, 4)[0] == expected


def test_hash_stable_across_processes():
    code = (
        "from scoring.similarity.fingerprint import kgram_hashes;"
        "from scoring.similarity.normalise import to_codes;"
        "print(kgram_hashes(to_codes('前期物业管理招投标服务方案'), 13).tolist())"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": "."},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1


@pytest.mark.parametrize(("k", "w"), [(13, 10), (5, 4), (8, 1)])
def test_winnowing_guarantee(k, w):
    base = han_text(1, 400)
    shared = base[100 : 100 + k + w - 1]
    other = han_text(2, 200) + shared + han_text(3, 200)
    _, pos_a = fingerprints(to_codes(base), k, w)
    hb, _ = fingerprints(to_codes(other), k, w)
    ha = kgram_hashes(to_codes(base), k)[pos_a]
    assert set(ha.tolist()) & set(hb.tolist())


def test_winnow_density_and_short_input():
    hashes = kgram_hashes(to_codes(han_text(4, 5000)), 13)
    pos = winnow(hashes, 10)
    assert 0.12 < pos.shape[0] / hashes.shape[0] < 0.25  # about 2 / (w + 1)
    assert np.all(np.diff(pos) > 0)
    assert winnow(hashes[:3], 10).shape[0] == 1
    assert winnow(hashes[:0], 10).shape[0] == 0


@pytest.mark.parametrize("w", [1, 2, 3, 4, 7, 10, 15])
def test_fast_winnow_equals_argmin_reference(w):
    from scoring.similarity.fingerprint import _winnow_argmin

    rng = np.random.default_rng(w)
    hashes = kgram_hashes(to_codes(han_text(5, 3000)), 13)
    assert np.array_equal(winnow(hashes, w), _winnow_argmin(hashes.view(np.uint64), w))
    for alphabet in (3, 50, 10**6):  # many ties, some, practically none
        values = rng.integers(0, alphabet, 2000).astype(np.int64)
        assert np.array_equal(winnow(values, w), _winnow_argmin(values.view(np.uint64), w))


@pytest.mark.parametrize("k", [1, 2, 5, 8, 13, 16, 21])
def test_doubling_hash_equals_plain_polynomial(k):
    codes = to_codes(han_text(6, 300))
    h = np.zeros(codes.shape[0] - k + 1, dtype=np.uint64)
    for j in range(k):
        h = h * np.uint64(1099511628211) + codes[j : j + h.shape[0]].astype(np.uint64)
    assert np.array_equal(kgram_hashes(codes, k), splitmix64(h).view(np.int64))
