"""The reader loads in parts (issue 8, defect 6): two 300-page bids gave a 52 MB page.

The first view must stay small, and every character and every passage of both bids must
still be reachable through the part routes, with the same passage ids on both sides.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from benchmarks.reader.bids import add_comparison
from tender.auth.roles import Role
from tender.extensions import db
from tender.similarity.models import Comparison
from tender.similarity.reader import Part, part_bounds, part_segments, parts, side_by_side
from tests.factories import make_user

FIRST_VIEW_LIMIT = 1_000_000


class Reader(HTMLParser):
    """Collects, per pane (or for a fragment), the shown text, passage ids, page marks and parts."""

    def __init__(self):
        super().__init__()
        self.side, self.stack = None, []
        self.text, self.passages, self.pages, self.parts, self.loaded = {}, {}, {}, {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("class") == "reader-pane":
            self.side = attrs["data-side"]
        side = self.side or "fragment"
        if attrs.get("class") == "part":
            self.parts.setdefault(side, []).append(int(attrs["data-part"]))
            if "data-loaded" in attrs:
                self.loaded.setdefault(side, []).append(int(attrs["data-part"]))
        classes = (attrs.get("class") or "").split()
        if "data-p" in attrs:
            self.passages.setdefault(side, set()).add(int(attrs["data-p"]))
        if "page-mark" in classes:
            self.pages.setdefault(side, []).append(int(attrs["data-page"]))
        if tag == "span":
            self.stack.append("seg" in classes)

    def handle_endtag(self, tag):
        if tag == "span":
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1]:
            side = self.side or "fragment"
            self.text[side] = self.text.get(side, "") + data


def runs(segments) -> list[tuple]:
    """Segments merged wherever the marks do not change, so part cuts do not count."""
    out = []
    for s in segments:
        key = (s.passage, s.changed, s.reason, s.structure)
        if out and out[-1][0] == key and not s.page:
            out[-1] = (key, out[-1][1] + s.text, out[-1][2])
        else:
            out.append((key, s.text, s.page))
    return out


def read(html: str) -> Reader:
    parser = Reader()
    parser.feed(html)
    return parser


@pytest.fixture
def big(app, staff):
    return add_comparison(staff)


def test_two_300_page_bids_open_small_and_every_passage_is_reachable(client, login, staff, big):
    comparison: Comparison = big
    report = comparison.report
    assert len(comparison.doc_a.page_starts) == 300 and len(report["passages"]) > 500
    login(staff)
    response = client.get(f"/similarity/comparisons/{comparison.id}")
    assert response.status_code == 200
    assert len(response.data) < FIRST_VIEW_LIMIT, f"first view is {len(response.data)} bytes"
    page = read(response.get_data(as_text=True))
    found = re.search(r'id="reader-index">(.*?)</script>', response.get_data(as_text=True), re.S)
    index = [tuple(x) for x in json.loads(found.group(1))["passages"]]
    assert len(index) == len(report["passages"])
    whole = dict(zip("ab", side_by_side(report, comparison.doc_a.text, comparison.doc_b.text,
                                        comparison.doc_a.page_starts, comparison.doc_b.page_starts)[:2], strict=True))

    for side, doc in (("a", comparison.doc_a), ("b", comparison.doc_b)):
        numbers = page.parts[side]
        assert numbers == list(range(len(numbers))) and len(numbers) > 10 and page.loaded[side] == [0]
        text, seen, pages = page.text[side], set(page.passages.get(side, ())), list(page.pages[side])
        where = dict.fromkeys(page.passages.get(side, ()), 0)
        for number in numbers[1:]:
            fragment = client.get(f"/similarity/comparisons/{comparison.id}/parts/{side}/{number}")
            assert fragment.status_code == 200
            part = read(fragment.get_data(as_text=True))
            text += part.text["fragment"]
            pages += part.pages.get("fragment", [])
            for pid in part.passages.get("fragment", ()):
                where.setdefault(pid, number)
            seen |= part.passages.get("fragment", set())
        assert text == doc.text  # every character once, in order
        assert pages == list(range(1, 301))
        # the same passages as the whole-document render (a passage wholly covered by another one
        # on the same side has never had a span of its own)
        shown = {s.passage for s in whole[side] if s.passage >= 0}
        assert seen == shown and len(shown) > 0.9 * len(report["passages"])
        doc_parts = parts(doc.text, doc.page_starts)
        pieces = [seg for part in doc_parts
                  for seg in part_segments(report, side, comparison.doc_a.text, comparison.doc_b.text, part,
                                           doc.page_starts)]
        assert runs(pieces) == runs(whole[side])  # same colours, word marks, greying and page numbers
        column = 0 if side == "a" else 1
        assert all(where[pid] == index[pid][column] for pid in seen)  # a jump fetches the right part


def test_part_routes_check_the_comparison_like_the_reader(client, login, staff, app):
    from tender.similarity import operations as ops
    from tender.similarity.models import DocumentKind
    from tender.unit_of_work import perform
    from tests.similarity.texts import BID_A, BID_B

    a, b = (perform(ops.add_document, staff, title=t, filename=f"{t}.txt", data=x.encode(), kind=DocumentKind.UPLOAD)
            for t, x in (("甲", BID_A), ("乙", BID_B)))
    comparison = perform(ops.request_comparison, staff, a, b, False)
    url = f"/similarity/comparisons/{comparison.id}/parts"
    login(staff)
    assert client.get(f"{url}/a/0").status_code == 200
    assert client.get(f"{url}/b/0").status_code == 200
    assert client.get(f"{url}/a/99").status_code == 404
    assert client.get(f"{url}/c/0").status_code == 404
    assert client.get(f"/similarity/comparisons/{comparison.id + 1}/parts/a/0").status_code == 404
    comparison.report = None
    db.session.commit()
    assert client.get(f"{url}/a/0").status_code == 404
    login(make_user(Role.SUPERVISOR))
    assert client.get(f"{url}/a/0").status_code == 404
    login(make_user(Role.BIDDER))
    assert client.get(f"{url}/a/0").status_code == 403


def test_parts_keep_whole_pages_and_cut_long_pages_at_line_breaks():
    pages = "".join(f"第{i}页" + "字" * 95 + "\f" for i in range(40))  # 40 pages of 100 chars
    starts = [i * 100 for i in range(40)]
    bounds = part_bounds(pages, starts, size=1000)
    assert bounds[0] == 0 and bounds[-1] == len(pages)
    assert all(b in starts for b in bounds[:-1]) and len(bounds) == 5
    one_page = ("一行文字。" * 30 + "\n") * 100  # a .docx: one page, many lines
    bounds = part_bounds(one_page, [0], size=1000)
    assert all(one_page[b - 1] == "\n" for b in bounds[1:-1])
    assert all(b - a <= 2000 for a, b in zip(bounds, bounds[1:], strict=False))
    assert part_bounds("短", [0]) == [0, 1]


def test_a_part_keeps_document_page_numbers_and_passage_ids():
    text_a = "甲乙丙\f丁戊己\f庚辛壬"
    text_b = "庚辛壬"
    report = {"passages": [{"a_start": 8, "a_end": 11, "b_start": 0, "b_end": 3, "length": 3}],
              "structure": [],
              "subtracted": [{"side": "a", "start": 5, "end": 6, "reason": "法规标准：某", "kind": "legal"}]}
    part = Part(1, 4, 11, 2, 3)
    segs = part_segments(report, "a", text_a, text_b, part, [0, 4, 8])
    assert "".join(s.text for s in segs) == text_a[4:]
    assert [s.page for s in segs if s.page] == [2, 3]
    assert [s.text for s in segs if s.passage == 0] == ["庚辛壬"]
    assert [s.text for s in segs if s.reason == 0] == ["戊"]
    assert len(parts(text_a, [0, 4, 8])) == 1


def test_changed_words_are_found_between_the_common_head_and_tail():
    from tender.similarity.reader import changed_ranges

    assert changed_ranges("物业服务应当公示。", "物业服務应当公示。") == ([(3, 4)], [(3, 4)])
    assert changed_ranges("甲乙丙", "甲乙丙丁") == ([], [(3, 4)])
    assert changed_ranges("相同", "相同") == ([], [])
