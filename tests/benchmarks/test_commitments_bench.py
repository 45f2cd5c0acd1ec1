"""The commitment benchmark counts right, and its quick run works on every generator present (no figure asserted)."""
from decimal import Decimal

from benchmarks.commitments.__main__ import generators, main, report, score
from scoring.commitments.schema import Commitment
from scoring.commitments.schema import Comparator as C
from scoring.commitments.schema import Indicator as I
from scoring.commitments.schema import Period as P
from scoring.commitments.schema import Unit as U

SAT = Commitment(I.SATISFACTION, C.AT_LEAST, Decimal(95), U.PERCENT)
FIX = Commitment(I.URGENT_FIX, C.AT_MOST, Decimal(12), U.HOUR)
DRILL = Commitment(I.FIRE_DRILL, C.EQUAL, Decimal(1), U.TIMES, P.HALF_YEAR)


def test_harness_counts_found_spurious_and_misses_on_a_hand_made_case():
    documents = [(["a"], [SAT, FIX]), (["b"], [DRILL, SAT])]
    extracted = {"a": [SAT, Commitment(I.URGENT_FIX, C.AT_MOST, Decimal(24), U.HOUR)],  # wrong value
                 "b": [Commitment(I.SATISFACTION, C.AT_LEAST, Decimal("95.0"), U.PERCENT, page=3),  # same value
                       Commitment(I.FIRE_DRILL, C.EQUAL, Decimal(1), U.TIMES, P.YEAR),  # wrong period
                       Commitment(I.PATROL, C.EQUAL, Decimal(1), U.HOUR)]}
    s = score(documents, lambda pages: extracted[pages[0]])
    assert (s.documents, s.planted, s.found, s.extracted, s.spurious) == (2, 4, 2, 5, 3)
    assert dict(s.misses) == {"URGENT_FIX": 1, "FIRE_DRILL": 1}
    assert s.recall == 0.5 and s.spurious_share == 0.6 and not s.met()
    assert "| A " in report({"A": s}, 2, 0) and "NOT met" in report({"A": s}, 2, 0)


def test_a_planted_commitment_found_twice_counts_once():
    s = score([(["a"], [SAT])], lambda pages: [SAT, SAT])
    assert (s.found, s.spurious, s.extracted) == (1, 0, 2) and s.met()


def test_generators_give_pages_and_planted_commitments():
    for name, build in generators().items():
        docs = build(3, 7)
        assert len(docs) == 3 and docs == build(3, 7), name  # deterministic by seed
        for pages, planted in docs:
            assert all(isinstance(p, str) for p in pages) and planted
            assert all(isinstance(c, Commitment) for c in planted)


def test_quick_run_scores_every_generator():
    scores = main(["--documents", "5", "--seed", "3", "--no-write"])
    assert "A" in scores and all(s.documents == 5 and s.planted > 0 for s in scores.values())
