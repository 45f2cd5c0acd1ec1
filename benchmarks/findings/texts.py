"""The generated texts of the findings benchmark: the tender's bids, the history bids, the planted signals.

The tender's bids and the bidders' own earlier bids come from ``benchmarks/similarity/textgen.py``
(generator A), other companies' earlier bids from ``benchmarks/similarity/gen_b`` (generator B). A bid is
rendered to ``pages * PAGE_CHARS`` characters and cut into pages as extraction would return them.
Planted, one each (bid numbers are 0-based positions in the tender):

* ``copy``: bid 1's first third is bid 0's first third (bid 0's company name replaced by bid 1's);
* ``reuse``: bid 2 carries a third of its own company's earlier bid for another known tender,
  that tender's project name included (the 一本标书 case);
* ``key_person``: bids 3 and 4 name the same 项目经理 (same ID and certificate numbers);
* ``price``: bids 1, 2 and 3 quote the three lowest totals, 50,000 apart (规律性差异);
* ``leftover``: bid 5 names another known tender's project on two pages.

So a tender needs at least 6 bids (the quick run has exactly 6).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.checks.corpus import _id_number
from benchmarks.similarity.gen_b.doc import make_doc, place
from benchmarks.similarity.gen_b.grammar import Names
from benchmarks.similarity.textgen import make_bid, person, render

PAGE_CHARS = 1250
BID_SEED = 5_100_000
HISTORY_SEED = 5_200_000
PLACE = "东南西北青云松竹梅兰溪湖山海锦绣明珠金桂银杏紫荆枫林翠峰碧水星河春江秋月华庭雅苑泰和嘉禾"

COPY, REUSE, KEY_PERSON, PRICE, LEFTOVER = (0, 1), 2, (3, 4), (1, 2, 3), 5
MIN_BIDS = 6


@dataclass(frozen=True)
class PriceForm:
    annual_total: str
    fees: str
    staffing: str


def pages_of(text: str, page_chars: int = PAGE_CHARS) -> list[str]:
    return [text[i:i + page_chars] for i in range(0, len(text), page_chars)]


def page_starts(text: str, page_chars: int = PAGE_CHARS) -> list[int]:
    return list(range(0, len(text), page_chars))


def tender_titles(count: int, seed: int = 29) -> list[str]:
    """Known tenders' projects: distinct, and never a phrase the generator writes by itself."""
    rng, seen = random.Random(seed), set()
    while len(seen) < count:
        seen.add(f"{''.join(rng.sample(PLACE, 4))}物业服务项目")
    return sorted(seen)


def history_text(index: int, chars: int, company: str, project: str, own: bool = False) -> str:
    """An earlier bid. The bidders' own (``own``) are written like their current bids (generator A: a
    company keeps its style, and bid 2 reuses one); other companies' come from the independent
    generator B (other base text and templates), as unrelated companies' bids would.

    With generator A's small vocabulary for all 5,000, nearly every 13-gram it writes was used by
    >= 5 companies, so the common-text subtraction removed the planted copy with everything else.
    """
    if own:
        return render(make_bid(HISTORY_SEED + index, chars, company=company, project=project))
    rng = random.Random(HISTORY_SEED + index)
    return place(make_doc(rng, Names(co=company, client=f"{project[:4]}置业有限公司", proj=project), chars))[0]


def key_person_line(rng: random.Random) -> str:
    return f"\n项目经理：{person(rng)}，身份证号：{_id_number(rng)}，证书编号：WY-{rng.randint(10**5, 10**6 - 1)}\n"


def bid_pages(companies: list[str], project: str, pages: int, reused: str, leftover: str) -> list[list[str]]:
    """Each bid's pages with the planted signals; `reused` is bid 2's company's earlier bid text."""
    chars = pages * PAGE_CHARS
    texts = [render(make_bid(BID_SEED + i, chars, company=c, project=project)) for i, c in enumerate(companies)]
    a, b = COPY
    third = len(texts[a]) // 3
    texts[b] = texts[a][:third].replace(companies[a], companies[b]) + texts[b][third:]
    own, cut = texts[REUSE], min(len(reused), len(texts[REUSE])) // 3
    texts[REUSE] = own[:cut] + reused[cut: 2 * cut] + own[2 * cut:]
    out = [pages_of(t[:chars]) for t in texts]
    rng = random.Random(17)
    lines = [key_person_line(rng) for _ in companies]
    lines[KEY_PERSON[1]] = lines[KEY_PERSON[0]]
    for bid, line in zip(out, lines, strict=True):
        bid[min(4, len(bid) - 1)] += line
    at = out[LEFTOVER]
    at[min(9, len(at) - 1)] += f"\n我公司对{leftover}的理解"
    at[-1] += f"\n{leftover}服务方案"
    return out


def price_forms(count: int) -> list[PriceForm]:
    """Distinct fees and wages everywhere (a chance equal unit price is a real finding); totals in
    progression only for PRICE, the others above them (a run counts in price order)."""
    rng = random.Random(23)
    fees = [c / 100 for c in rng.sample(range(150, 450), count)]
    shop = [c / 100 for c in rng.sample(range(500, 900), count)]
    out = []
    for i in range(count):
        total = (1_000_000 + 50_000 * PRICE.index(i) if i in PRICE
                 else rng.randint(11_500, 14_000) * 100 + 37 * i)
        out.append(PriceForm(f"{total:.2f}", f"住宅 | {fees[i]:.2f}\n商业 | {shop[i]:.2f}",
                             f"项目经理 | 1 | {11000 + 97 * i}\n保安 | 8 | {4000 + 31 * i}"))
    return out
