"""Normalisation folds layout differences and keeps an exact map to original offsets."""

import pytest

from scoring.similarity.normalise import normalise


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("ＡＢＣ１２３", "abc0"),  # full-width letters and digits
        ("⼀⽅", "一方"),  # Kangxi radicals (NFKC)
        ("物業服務", "物业服务"),  # traditional -> simplified
        ("保洁，\n  绿化。", "保洁绿化"),  # punctuation, whitespace, line breaks
        ("电话010-8888 1234", "电话0"),  # digit runs (with separators) collapse
        ("第3章\t总则", "第0章总则"),
        ("Room\u00a0B\u200b", "roomb"),  # no-break space and zero-width space
        ("", ""),
    ],
)
def test_folds(original, expected):
    assert normalise(original, fold_synonyms=False).text == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("本企业严格规定", "本公司严格要求"), ("仔细检查", "认真查看"), ("最大程度", "最大限度")],
)
def test_synonyms_fold_to_one_form(a, b):
    assert normalise(a).text == normalise(b).text


def test_offsets_point_into_original():
    text = "第１章　物業公司：电话 010-12345，⼀⽅面。"
    norm = normalise(text)
    for i, ch in enumerate(norm.text):
        piece = text[norm.starts[i] : norm.ends[i]]
        assert piece, i
        assert ch in normalise(piece).text


def test_folded_word_spans_whole_word():
    text = "本企业"
    norm = normalise(text)
    assert norm.text == "本公司"
    assert norm.original_span(1, 3) == (1, 3)


def test_digit_run_span_covers_run():
    norm = normalise("价1,000,000元", fold_synonyms=False)
    assert norm.text == "价0元"
    assert norm.original_span(1, 2) == (1, 10)
