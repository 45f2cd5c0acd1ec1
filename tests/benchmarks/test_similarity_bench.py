"""The similarity benchmark's harness: both generators in one run, the datasketch peer, seeds."""

import numpy as np

from benchmarks.similarity.__main__ import run_generator
from benchmarks.similarity.cases import COPY_CLASSES, NEGATIVE_CLASSES
from benchmarks.similarity.generators import REPORT_SEED, TUNING_SEED, cases_a, cases_b, classes_b
from benchmarks.similarity.peer_datasketch import containment_estimate


def test_both_generators_give_rows_per_class_and_a_pooled_row():
    b_copy, b_neg = classes_b()
    for name, make, copy_classes, negative_classes in (
        ("A", cases_a, COPY_CLASSES, NEGATIVE_CLASSES),
        ("B", cases_b, b_copy, b_neg),
    ):
        result = run_generator(name, make, copy_classes, negative_classes, 1, 2)
        rows = {r["class"]: r for r in result["rows"]}
        assert set(rows) == {*copy_classes, *negative_classes, f"all copy classes ({name})"}
        assert all(rows[c]["pairs"] == 1 and "recall" in rows[c] for c in copy_classes)
        assert all(rows[c]["pairs"] == 2 and rows[c]["flag_rate"] == 0.0 for c in negative_classes)
        pooled = result["pooled"]
        assert pooled["precision"] >= 0.95 and pooled["recall"] >= 0.9
        assert 0.0 <= result["threshold"] < 1.0 and result["subset"]


def test_reported_pairs_differ_from_the_tuning_pairs():
    tuning, reported = cases_a(1, 1, TUNING_SEED), cases_a(1, 1, REPORT_SEED)
    assert [c.cls for c in tuning] == [c.cls for c in reported]
    assert all(t.b != r.b for t, r in zip(tuning, reported, strict=True))


def test_minhash_containment_estimate():
    rng = np.random.default_rng(3)
    big = np.unique(rng.integers(0, 2**62, 4000))
    other = np.unique(rng.integers(0, 2**62, 4000))
    assert containment_estimate(big, big) > 0.95
    assert containment_estimate(big, other) < 0.05
    half = np.concatenate((big[:1000], other[:1000]))
    assert 0.35 < containment_estimate(big, half) < 0.65
    assert containment_estimate(big, big[:0]) == 0.0
