"""The checks keep their answers, and their work per bid, as a tender and the system's history grow.

No clock: the figures that make the run time are asserted instead (names examined per bid,
page numbers on the last page of long bids, both search modes of the name index).
"""
import random

import pytest

from scoring.collusion.bid_text import BidText, TermIndex
from scoring.collusion.identifiers import Identity
from scoring.collusion.leftovers import known_names
from scoring.collusion.tender_checks import BidInput, KnownTender, check_tender

FILLER = "本公司将严格按照招标文件要求提供物业服务，保持公共区域整洁。"
TENDER = KnownTender(1, "ZB-2026-0101", "翠湖花园物业服务项目", "杭州翠湖置业有限公司")
OTHER = KnownTender(2, "ZB-2025-0033", "阳光花园物业服务项目", "宁波阳光房地产开发有限公司")
POOL = "青云松竹梅兰溪湖锦绣明珠金桂银杏紫荆枫林翠峰碧水星河春江秋月"


def history(size: int) -> list[KnownTender]:
    rng = random.Random(size)
    return [OTHER] + [KnownTender(100 + i, f"HX-{i:06d}", f"{''.join(rng.sample(POOL, 4))}物业服务项目",
                                  f"{''.join(rng.sample(POOL, 5))}置业有限公司") for i in range(size)]


@pytest.mark.parametrize("size", [100, 1_000, 5_000])  # past TermIndex.REGEX_LIMIT names
def test_leftover_work_per_bid_does_not_grow_with_history(size):
    pages = (FILLER * 20, "我公司对阳光花园物业服务项目的理解", FILLER * 20)
    past = history(size)
    names, own = known_names(TENDER, past)
    assert len(names) >= 3 * size  # project, its head, tenderer and reference of each
    examined = TermIndex([*names, *own]).candidates(BidText(pages).flat)
    assert sorted(examined) == ["阳光花园", "阳光花园物业服务项目"]  # the rest never reach a search
    findings = check_tender([BidInput(1, Identity("甲乙物业服务有限公司"), pages)], TENDER, past)
    assert [(f.kind, f.figures["pages"]) for f in findings] == [("leftover", [2])]


@pytest.mark.parametrize("pages", [1, 300, 3_000])
def test_pages_right_at_the_end_of_long_bids(pages):
    texts = [FILLER] * (pages - 1) + ["联系丙丁物业管理有限公司，阳光花园物业服务项目"]
    bids = [BidInput(1, Identity("甲乙物业服务有限公司"), tuple(texts)),
            BidInput(2, Identity("丙丁物业管理有限公司"), ())]
    findings = check_tender(bids, TENDER, [OTHER])
    assert sorted((f.kind, tuple(e.page for e in f.evidence)) for f in findings) == [
        ("identifier", (pages,)), ("leftover", (pages,))]


@pytest.mark.parametrize("staff", [5, TermIndex.REGEX_LIMIT + 100])
def test_both_search_modes_find_the_same(staff):
    rng = random.Random(staff)
    names = sorted({"".join(rng.sample(POOL, 3)) for _ in range(staff * 2)})[:staff]
    rival = Identity("丙丁物业管理有限公司", staff=("李秀英", *names))
    bids = [BidInput(1, Identity("甲乙物业服务有限公司"), (FILLER, "拟派项目经理李秀英，负责本项目。")),
            BidInput(2, rival, (FILLER,))]
    (finding,) = check_tender(bids, TENDER)
    assert finding.figures["values"] == {"staff": ["李秀英"]} and finding.figures["pages"] == [2]
