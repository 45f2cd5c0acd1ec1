"""Property tests of the aligner and the score (hypothesis)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.similarity import Params, compare_texts
from scoring.similarity.normalise import normalise

from .textutil import HAN

# Shared text has no repeated character, hence no repeated k-gram: the aligner ignores
# fingerprints repeated more than 4 times on purpose (repeated lines are no evidence).
# The noise around it comes from another alphabet plus punctuation, digits, full-width,
# traditional characters and synonyms, which normalisation must see through.
SHARED_ALPHABET, NOISE_ALPHABET = HAN[: len(HAN) // 2], HAN[len(HAN) // 2 :]
FILLER = st.sampled_from(["，", "。", " ", "\n", "１", "23", "、", "Ａ", "業", "企业", "公司"])
han = st.lists(st.sampled_from(SHARED_ALPHABET), min_size=40, max_size=200, unique=True).map("".join)
noisy = st.lists(st.one_of(st.sampled_from(NOISE_ALPHABET), FILLER), min_size=0, max_size=300).map("".join)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(shared=han, a0=noisy, a1=noisy, b0=noisy, b1=noisy)
def test_passages_inside_and_normalise_equal(shared, a0, a1, b0, b1):
    a, b = a0 + shared + a1, b0 + shared + b1
    report = compare_texts(a, b, params=Params(bridge_gap=0))  # exact passages only
    assert report.passages or report.structure
    for p in report.passages + report.structure:
        assert 0 <= p.a_start < p.a_end <= len(a)
        assert 0 <= p.b_start < p.b_end <= len(b)
        slice_a, slice_b = normalise(a[p.a_start : p.a_end]).text, normalise(b[p.b_start : p.b_end]).text
        assert slice_a == slice_b
        assert len(slice_a) == p.length


@SETTINGS
@given(text=han)
def test_identical_texts_score_one(text):
    assert compare_texts(text, text).score == 1.0


@SETTINGS
@given(a=han, b=han)
def test_no_common_run_scores_zero(a, b):
    grams = {a[i : i + 13] for i in range(len(a) - 12)}
    if any(b[i : i + 13] in grams for i in range(len(b) - 12)):
        return
    report = compare_texts(a, b)
    assert report.score == 0.0 and not report.passages


@SETTINGS
@given(shared=han, extra=han, a0=noisy, b0=noisy, cut=st.integers(0, 150), size=st.integers(13, 80))
def test_boilerplate_never_raises_score(shared, extra, a0, b0, cut, size):
    a, b = a0 + shared + extra, shared + b0 + extra
    boiler = (shared + extra)[cut : cut + size]
    without = compare_texts(a, b).score
    with_bp = compare_texts(a, b, boilerplate=[("招标文件", "tender", boiler)]).score
    assert with_bp <= without


def _spun(text: str, every: int, swaps: list[tuple[str, str]]) -> str:
    out = []
    for i in range(0, len(text), every):
        out.append(text[i : i + every])
        out.append(swaps[(i // every) % len(swaps)][1])
    return "".join(out)


@SETTINGS
@given(shared=han, every=st.integers(22, 30), a0=noisy, b0=noisy)
def test_bridged_passage_spans_substitutions_and_stays_inside(shared, every, a0, b0):
    swaps = [("", "甲乙"), ("", "丙丁戊"), ("", "己庚")]  # words the synonym table does not know
    a_core = _spun(shared, every, [("", "子丑")])
    b_core = _spun(shared, every, swaps)
    a, b = a0 + a_core + "。", b0 + b_core + "。"
    report = compare_texts(a, b)
    exact = compare_texts(a, b, params=Params(bridge_gap=0))
    covered = sum(p.norm_b_end - p.norm_b_start for p in report.passages)
    assert covered >= sum(p.norm_b_end - p.norm_b_start for p in exact.passages)
    for p in report.passages:
        assert 0 <= p.a_start < p.a_end <= len(a) and 0 <= p.b_start < p.b_end <= len(b)
    if len(shared) >= 80:
        assert report.passages and max(p.length for p in report.passages) >= 0.8 * len(normalise(a_core).text)
