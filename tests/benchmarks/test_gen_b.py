"""Generator B's pairs: exact ground truth, the promised shape per class, determinism.

The shape checks read the cases themselves (runs of copied characters, sentence ends,
lines) rather than trusting the generator's own bookkeeping, except where the edit log
is cross-checked against the ground truth.
"""

import random
import re

import pytest

from benchmarks.similarity.gen_b import COPY_CLASSES, NEGATIVE_CLASSES, build_cases
from benchmarks.similarity.gen_b.cases import case, names
from benchmarks.similarity.gen_b.doc import make_doc
from benchmarks.similarity.gen_b.edits import sentence_copy


@pytest.fixture(scope="module")
def cases():
    return build_cases(3, 2, seed=5)


def by_class(cases, cls):
    return [c for c in cases if c.cls == cls]


def runs(origin):
    """Maximal runs of copied characters in B as (start, end)."""
    out, start = [], None
    for i, o in enumerate((*origin, -1)):
        if o >= 0 and start is None:
            start = i
        elif o < 0 and start is not None:
            out.append((start, i))
            start = None
    return out


def test_ground_truth_is_exact_and_classes_are_complete(cases):
    assert {c.cls for c in cases} == set(COPY_CLASSES) | set(NEGATIVE_CLASSES)
    for c in cases:
        assert c.cls.startswith("b_") and len(c.origin_b) == len(c.b)
        assert all(c.b[i] == c.a[o] for i, o in enumerate(c.origin_b) if o >= 0), c.cls
        assert c.copy == any(o >= 0 for o in c.origin_b), c.cls
        assert c.copy == (c.cls in COPY_CLASSES)


@pytest.mark.parametrize("cls", ["b_sent_20", "b_template_toc", "b_neg_tender"])
def test_same_seed_same_case_other_seed_other_case(cls):
    assert case(cls, 3, 0) == case(cls, 3, 0)
    assert case(cls, 3, 0).b != case(cls, 4, 0).b


@pytest.mark.parametrize("rate", [0.1, 0.2, 0.3])
def test_sentence_edits_match_rate_and_ground_truth(rate):
    rng = random.Random(f"rate {rate}")
    na, nb = names(rng), names(rng)
    a, b, origin, log = sentence_copy(make_doc(rng, na, 12_000), nb, rate, rng)
    assert abs(log.edited / log.sentences - rate) <= 1 / log.sentences
    assert min(log.delete, log.rewrite, log.insert) > 0 and log.moved >= 4
    ends_a = {i for i, ch in enumerate(a) if ch == "。"}
    kept = ends_a & set(origin)
    assert len(ends_a - kept) == log.delete + log.rewrite  # every sentence of A ends in 。
    foreign = sum(1 for i, ch in enumerate(b) if ch == "。" and origin[i] < 0)
    assert foreign == log.rewrite + log.insert
    assert na.co in a and na.co not in b and nb.co in b


def test_sentence_copies_are_mixed_lengths_with_long_ones(cases):
    sizes = [len(c.a) for cls in ("b_sent_10", "b_sent_20", "b_sent_30", "b_light") for c in by_class(cases, cls)]
    assert min(sizes) >= 5_000 and max(sizes) <= 41_000
    assert any(s >= 15_000 for s in sizes)


def test_partial_copies_are_two_or_three_short_passages_in_short_hosts():
    for c in (case("b_partial_short", 2, i) for i in range(10)):
        passages = runs(c.origin_b)
        assert 2 <= len(passages) <= 3
        assert all(200 <= end - start <= 400 for start, end in passages)
        assert 5_000 <= len(c.b) <= 40_000
        share = sum(end - start for start, end in passages) / len(c.b)
        assert 0.06 <= share <= 0.12 or len(c.b) >= 12_000


def test_sold_template_copies_headings_only(cases):
    for c in by_class(cases, "b_template_toc"):
        lines = c.b.split("\n")
        assert sum(1 for line in lines if line.startswith("第")) >= 0.6 * len(lines)
        assert sum(1 for o in c.origin_b if o >= 0) >= 0.4 * len(c.b.replace("\n", ""))
        cover = len("\n".join(lines[:3]))  # title, bidder, 目录: the template's layout
        for start, end in runs(c.origin_b):
            assert start < cover or re.match(r"第.+章", c.b[start:end])
        assert c.a.split("\n")[1] != c.b.split("\n")[1]  # two companies


def test_light_copies_change_few_characters(cases):
    for c in by_class(cases, "b_light"):
        share = sum(1 for o in c.origin_b if o >= 0) / len(c.b)
        assert 0.8 <= share < 0.98
        assert re.search("[０-９]", c.b) and re.search(r"\d", c.b)


def test_negatives_share_only_declared_or_generic_text(cases):
    kinds = {"b_neg_tender": "tender", "b_neg_legal": "legal"}
    for c in cases:
        if c.copy:
            continue
        assert set(c.origin_b) == {-1}
        if c.cls in kinds:
            ((_, kind, text),) = c.boilerplate
            assert kind == kinds[c.cls]
            clauses = [t for t in text.split("\n") if len(t) > 30]
            assert any(t in c.a and t in c.b for t in clauses)
        else:
            assert c.boilerplate == ()


def test_unrelated_documents_rarely_share_thirty_characters(cases):
    def grams(text, k=30):
        text = re.sub(r"[\s\d]", "", text)
        return {text[i : i + k] for i in range(len(text) - k + 1)}

    for c in by_class(cases, "b_neg_generic"):
        ga, gb = grams(c.a), grams(c.b)
        assert len(ga & gb) <= 0.01 * min(len(ga), len(gb))
