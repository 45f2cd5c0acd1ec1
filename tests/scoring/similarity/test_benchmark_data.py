"""The benchmark's generated text is deterministic and its ground truth is exact."""

import pytest

from benchmarks.similarity.cases import COPY_CLASSES, copy_case, negative_case
from benchmarks.similarity.textgen import make_bid, render


def test_generator_is_deterministic_and_varied():
    assert render(make_bid(1, 3000)) == render(make_bid(1, 3000))
    assert render(make_bid(1, 3000)) != render(make_bid(2, 3000))
    assert len(render(make_bid(3, 6000))) >= 6000


@pytest.mark.parametrize("cls", [c for c in COPY_CLASSES if c not in ("spun", "spun_heldout", "traditional")])
def test_copied_characters_equal_their_source(cls):
    case = copy_case(cls, 5, 4000)
    full = {chr(c + 0xFEE0): chr(c) for c in range(0x21, 0x7F)}
    copied = [(i, o) for i, o in enumerate(case.origin_b) if o >= 0]
    assert len(copied) > 0.05 * len(case.b)
    assert all(case.a[o] in (case.b[i], full.get(case.b[i])) for i, o in copied)


def test_negative_cases_have_no_truth():
    case = negative_case("tender", 3, 4000)
    assert not case.copy and set(case.origin_b) == {-1} and case.boilerplate


def test_held_out_spin_pairs_are_not_folded_by_the_detector():
    from benchmarks.similarity.spin import SPIN_TABLE, held_out
    from scoring.similarity.normalise import normalise

    assert len(held_out()) >= 40 and set(held_out()) < set(SPIN_TABLE)
    assert all(normalise(w).text != normalise(s).text for w, s in held_out())


def test_unrelated_generated_bids_rarely_share_30_chars():
    from scoring.similarity import compare, prepare

    reports = [compare(prepare(render(make_bid(s, 8000))), prepare(render(make_bid(s + 99, 8000)))) for s in range(5)]
    assert sum(r.shared_chars for r in reports) < 0.005 * 5 * 8000
