"""Generator B of the commitment benchmark: planted commitments are really on their pages, tables carry a
different national-standard figure, distractors are present, the variety promised is there, and it is
deterministic. Numbers are read back with this file's own small parser, not the generator's renderer."""

import re
from decimal import Decimal

import pytest

from benchmarks.commitments.gen_b import build_documents
from scoring.commitments.schema import Comparator, Indicator, Unit

CN = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
FULL = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
UNIT_WORDS = {
    Unit.PERCENT: ("%",),
    Unit.MINUTE: ("分钟",),
    Unit.HOUR: ("小时",),
    Unit.DAY: ("天",),
    Unit.WORKDAY: ("个工作日",),
    Unit.TIMES: ("次",),
    Unit.PERSON: ("人", "名"),
}
CELL_SPLIT = re.compile(r" \| |\t| {2,}")


def cn_value(run: str) -> int:
    total, digit = 0, 0
    for ch in run:
        if ch in CN:
            digit = CN[ch]
        else:
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = 0
    return total + digit


def plain(text: str) -> str:
    """Full-width to ASCII, 百分之X to X%, Chinese numerals to digits."""
    text = text.translate(FULL)
    text = re.sub(r"百分之([零一二两三四五六七八九十百]+)", lambda m: f"{cn_value(m[1])}%", text)
    text = text.replace("百分之百", "100%")
    return re.sub(r"[零一二两三四五六七八九十百千]+", lambda m: str(cn_value(m[0])), text)


def numbers(text: str) -> set[Decimal]:
    return {Decimal(m) for m in re.findall(r"\d+(?:\.\d+)?", plain(text))}


@pytest.fixture(scope="module")
def docs():
    return build_documents(80, seed=3)


def planted(docs):
    return [(pages, c) for pages, cs in docs for c in cs]


def table_of(pages, c):
    """(header cells, row cells) when the commitment's source is a table row, else None."""
    if not CELL_SPLIT.search(c.source):
        return None
    before = "\n".join(pages[: c.page - 1]).split("\n") + pages[c.page - 1].split("\n")
    before = before[: len(before) - before[::-1].index(c.source) - 1]
    header = next(ln for ln in reversed(before) if "承诺" in ln and "标准" in ln)  # may be on an earlier page
    return CELL_SPLIT.split(header), CELL_SPLIT.split(c.source)


def test_cn_parser_reads_what_bids_write():
    assert plain("接到急修电话后十五分钟之内") == "接到急修电话后15分钟之内"
    assert plain("百分之九十五、百分之百、二十四小时、１５分钟、９８％") == "95%、100%、24小时、15分钟、98%"


def test_every_commitment_sits_on_its_page_with_its_number_and_unit(docs):
    for pages, c in planted(docs):
        assert 1 <= c.page <= len(pages)
        assert c.source and c.source in pages[c.page - 1]
        assert c.value in numbers(c.source), (c, c.source)
        assert any(w in plain(c.source) for w in UNIT_WORDS[c.unit]), c.source


def test_table_rows_plant_from_the_promise_column_and_the_national_figure_differs(docs):
    tables = 0
    for pages, c in planted(docs):
        parsed = table_of(pages, c)
        if parsed is None:
            continue
        header, row = parsed
        assert len(header) == len(row), c.source
        promise = row[next(i for i, h in enumerate(header) if "承诺" in h)]
        national = row[next(i for i, h in enumerate(header) if "标准" in h)]
        assert c.value in numbers(promise)
        assert c.value not in numbers(national), c.source
        tables += bool(numbers(national))
    assert tables > 50


def test_each_table_has_a_national_figure_that_is_not_planted(docs):
    seen = 0
    for pages, cs in docs:
        rows = [(c, table_of(pages, c)) for c in cs]
        nationals = [
            row[next(i for i, h in enumerate(head) if "标准" in h)] for _, (head, row) in ((c, t) for c, t in rows if t)
        ]
        if nationals:
            seen += 1
            assert any(numbers(n) for n in nationals)
    assert seen > 20


DISTRACTORS = {
    "date": r"\d{4}年\d{1,2}月|\d{4}-\d{2}-\d{2}",
    "phone": r"0\d{2,3}-\d{7,8}|1[3-9]\d{9}",
    "area": r"\d{1,3}(?:,\d{3})+\.\d{2}(?:平方米|㎡)",
    "household": r"\d[\d,]*户",
    "fee": r"\d+\.\d+元/月·㎡",
    "clause": r"第[一二三四五六七八九十]+条",
    "experience": r"经验\d年以上",
}


def test_distractors_are_present_and_some_share_a_commitment_sentence(docs):
    text = "\n".join(p for pages, _ in docs for p in pages)
    for name, pattern in DISTRACTORS.items():
        assert re.search(pattern, text), name
    for pages, _ in docs:
        kinds = [n for n, p in DISTRACTORS.items() if re.search(p, "\n".join(pages))]
        assert len(kinds) >= 2
    sources = [c.source for _, c in planted(docs)]
    assert any(re.search(DISTRACTORS["phone"], s) for s in sources)
    assert any(re.search(DISTRACTORS["date"], s) for s in sources)


def test_the_promised_variety_is_there(docs):
    cs = [c for _, c in planted(docs)]
    sources = [c.source for c in cs]
    assert {c.indicator for c in cs} == set(Indicator)
    assert {c.comparator for c in cs} >= {
        Comparator.AT_LEAST,
        Comparator.AT_MOST,
        Comparator.EQUAL,
        Comparator.MORE_THAN,
    }
    assert {c.unit for c in cs} == set(Unit) - {Unit.POINTS}
    assert {c.deadline for c in cs} >= {"", "两年内", "第一年", "第三年"}
    assert any(re.search("[０-９]", s) for s in sources) and any("百分之" in s for s in sources)
    assert any("\t" in s for s in sources) and any(" | " in s for s in sources)
    assert any(re.match(r"(\d+[.、]|（\d+）|[•●\-①])", s) for s in sources)
    multi = {s for s in sources if sources.count(s) >= 2}
    assert any("响应" in s and "完成" in s for s in multi)


def test_some_tables_run_over_a_page_break(docs):
    broken = {
        (id(pages), c.page)
        for pages, c in planted(docs)
        if table_of(pages, c) and not any("承诺" in ln and "标准" in ln for ln in pages[c.page - 1].split("\n"))
    }
    continued = [p for pages, _ in docs for p in pages if p.startswith(("续表", "（续上表）"))]
    assert broken and continued


def test_a_range_plants_its_upper_bound_only(docs):
    ranges = 0
    for _, c in planted(docs):
        m = re.search(r"(\d+)[~～\-至](\d+)分钟", plain(c.source))
        if m and c.unit == Unit.MINUTE and c.value in (Decimal(m[1]), Decimal(m[2])):
            ranges += 1
            assert (c.comparator, c.value) == (Comparator.AT_MOST, Decimal(m[2]))
    assert ranges >= 3


def test_no_two_commitments_of_a_document_compare_equal(docs):
    for _, cs in docs:
        keys = [c.key() for c in cs]
        assert len(keys) == len(set(keys))


def test_deterministic_per_seed_and_prefix_stable():
    a = build_documents(15, seed=7)
    assert a == build_documents(15, seed=7)
    assert a[:5] == build_documents(5, seed=7)
    assert a != build_documents(15, seed=8)
