"""check_tender: each non-prose check with positives and negatives, as tables; pages in evidence are 1-based."""

import pytest

from scoring.collusion.identifiers import Identity
from scoring.collusion.key_people import KeyPerson
from scoring.collusion.tender_checks import BidInput, BidPriceForm, KnownTender, check_tender
from scoring.collusion.validators import id_check_char, uscc_check_char

FILLER = "本公司将严格按照招标文件要求提供物业服务，保持公共区域整洁。"
TENDER = KnownTender(1, "ZB-2026-0101", "翠湖花园物业服务项目", "杭州翠湖置业有限公司")


def code(first17: str) -> str:
    return first17 + uscc_check_char(first17)


JIA = Identity("甲乙物业服务有限公司", code("91330100MA2ABCDE1"), ("0571-88776655",), ("jia@jiayi-wy.cn",), ("王建国",))
BING = Identity("丙丁物业管理有限公司", code("91330100MA2BCDEF2"), ("13912345678",), ("bid@bingding.cn",),
                ("李秀英", "张伟"))
WU = Identity("戊己物业服务有限公司", code("91330100MA2CDEFG3"))


def bid(bid_id, identity, pages=(), **kw):
    pages = tuple(pages) or (FILLER,)
    return BidInput(bid_id, identity, pages, **kw)


def found(bids, kind, **kw):
    return [f for f in check_tender(bids, TENDER, **kw) if f.kind == kind]


@pytest.mark.parametrize(
    ("a_identity", "b_identity", "a_pages", "expected"),
    [
        (JIA, BING, [FILLER, "本项目由丙丁物业管理有限公司负责。"], [["company"], [2]]),
        (JIA, BING, [FILLER, FILLER, "联系电话：139 1234 5678"], [["phone"], [3]]),
        (JIA, BING, ["邮箱：BID@bingding.cn"], [["email"], [1]]),
        (JIA, BING, [f"信用代码 {BING.credit_code.lower()}"], [["credit_code"], [1]]),
        (JIA, BING, ["拟派项目经理李秀英，负责本项目。", "队长张伟负责秩序维护。"], [["staff"], [1, 2]]),
        (JIA, BING, ["本项目由丙丁物业管理有限公司负责。", "项目经理李秀英"], [["company", "staff"], [1, 2]]),
        (JIA, BING, ["公司将扩张伟大事业，李秀英俊不是人名。"], None),  # names inside longer words
        (JIA, BING, ["服务范围包括各楼栋公共区域及小区道路的清扫保洁，张伟\n楼南侧绿地养护。"], None),  # wrapped line
        (JIA, BING, ["拟派人员：\n张伟\n李秀英\n"], [["staff"], [1]]),  # one name a line
        (JIA, BING, ["电话 1391234567899"], None),  # digits run on: another number
        (JIA, BING, ["甲乙物业服务有限公司 电话0571-88776655 jia@jiayi-wy.cn 项目经理王建国"], None),  # its own
        (Identity("浙江丙丁物业管理有限公司"), BING, ["浙江丙丁物业管理有限公司承诺"], None),  # rival's name in its own
        (JIA, Identity("物业公司", staff=("经理", "保洁员")), ["物业公司经理与保洁员"], None),  # generic words
        (JIA, Identity("甲乙物业服务有限公司", phones=("13800001111",)), ["手机13800001111"], None),  # one company
        # a two-character name only in a staff entry: chance prose mentions are no evidence
        (JIA, BING, ["做到全程留痕。张伟担任保洁员的负责人，每日复核。", "上报张伟，记录存档。"], None),
        (JIA, BING, [FILLER, "拟派人员一览\n张伟，身份证号 330102199001011234"], [["staff"], [2]]),
        (JIA, BING, ["项目负责人：张伟"], [["staff"], [1]]),
    ],
    ids=["company", "phone", "email", "credit-code", "staff", "several", "inside-words", "wrapped-line", "name-lines",
         "run-on", "own", "own-longer-name", "generic", "same-company", "two-char-by-chance", "two-char-id",
         "two-char-role"],
)
def test_identifier(a_identity, b_identity, a_pages, expected):
    findings = found([bid(1, a_identity, a_pages), bid(2, b_identity)], "identifier")
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    assert finding.bid_ids == (1, 2) and finding.basis == "《招标投标法实施条例》第四十条（五）"
    assert [finding.figures["kinds"], finding.figures["pages"]] == expected
    assert sorted({e.page for e in finding.evidence}) == expected[1]
    assert all(e.bid_id == 1 for e in finding.evidence)


ZHANG = KeyPerson("张伟", "项目经理", "110101198001011234", "WY-2019-0001")
VALID_ID = "33010619820315451" + id_check_char("33010619820315451")
LINE = "项目经理：张伟，身份证号：110101198001011234"


@pytest.mark.parametrize(
    ("a", "b", "b_identity", "expected"),
    [
        (dict(key_people=(ZHANG,)), dict(key_people=(ZHANG,)), BING, (("id_number", "certificate"), 0.9)),
        (dict(key_people=(ZHANG,)), dict(key_people=(KeyPerson("李强", "项目经理", "", "wy20190001"),)), BING,
         (("certificate",), 0.9)),  # a borrowed certificate: same number, other name
        (dict(pages=(FILLER, FILLER, LINE)), dict(pages=(FILLER, FILLER, FILLER, FILLER, LINE)), BING,
         (("id_number",), 0.9)),
        (dict(pages=(f"项目经理：张伟，身份证号：{VALID_ID}",)), dict(pages=(FILLER, f"项目经理 张伟 {VALID_ID} 男")),
         BING, (("id_number",), 0.9)),  # a table row with an unlabelled, valid ID number
        (dict(key_people=(KeyPerson("张伟", "项目经理"),)), dict(key_people=(KeyPerson("张伟", "项目负责人"),)),
         BING, (("name_role",), 0.5)),
        (dict(key_people=(KeyPerson("张伟", "项目经理"),)), dict(key_people=(KeyPerson("张伟", "保洁主管"),)),
         BING, None),  # same name, other post
        (dict(key_people=(ZHANG,)), dict(key_people=(KeyPerson("张伟", "项目经理", "110101198001019999"),)),
         BING, None),  # same name, other ID: two people
        (dict(key_people=(ZHANG,)), dict(key_people=(ZHANG,)), JIA, None),  # two bids of one company
    ],
    ids=["declared", "borrowed", "from-text", "table-row", "name-role", "other-role", "other-id", "same-company"],
)
def test_key_person(a, b, b_identity, expected):
    findings = found([bid(1, JIA, **a), bid(2, b_identity, **b)], "key_person")
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    matched_on, strength = expected
    assert finding.bid_ids == (1, 2) and finding.basis == "《招标投标法实施条例》第四十条（三）"
    assert tuple(finding.figures["people"][0]["matched_on"]) == matched_on
    assert finding.strength >= strength and (finding.strength > 0.5) == (strength > 0.5)


def test_key_person_pages_from_text():
    (finding,) = found([bid(1, JIA, (FILLER, FILLER, LINE)), bid(2, BING, (FILLER, LINE))], "key_person")
    assert [(e.bid_id, e.page) for e in finding.evidence] == [(1, 3), (2, 2)]


@pytest.mark.parametrize(
    ("meta_a", "meta_b", "b_identity", "expected"),
    [
        ({"author": "刘工"}, {"author": "刘工 "}, BING, [("author", (1, 2))]),
        ({"last_modified_by": "小王", "template": "wy.dotx"}, {"last_modified_by": "小王", "template": "WY.dotx"},
         BING, [("last_modified_by", (1, 2)), ("template", (1, 2))]),
        ({"author": "Administrator", "company": "Microsoft"}, {"author": "administrator", "company": "Microsoft"},
         BING, []),
        ({"author": "Microsoft Office User"}, {"author": "microsoft office user"}, BING, []),
        ({"author": "WPS Office", "template": "Normal.dotm"}, {"author": "wps office", "template": "Normal.dotm"},
         BING, []),
        ({"author": "刘工"}, {"last_modified_by": "刘工"}, BING, []),  # different properties
        ({"company": "杭州翠湖置业有限公司"}, {"company": "杭州翠湖置业有限公司"}, BING, []),  # the tenderer's forms
        ({"author": "招标代理小李"}, {"author": "招标代理小李"}, BING, []),  # the tender documents' own author
        ({"author": "刘工"}, {"author": "刘工"}, JIA, []),  # two bids of one company
    ],
    ids=["author", "two-fields", "generic", "office-user", "wps", "other-field", "tenderer", "tender-docs",
         "same-company"],
)
def test_metadata(meta_a, meta_b, b_identity, expected):
    bids = [bid(1, JIA, metadata=(meta_a,)), bid(2, b_identity, metadata=(meta_b,))]
    findings = found(bids, "metadata", tender_metadata_values=("招标代理小李",))
    assert [(f.figures["field"], f.bid_ids) for f in findings] == expected
    assert all(f.basis == "《招标投标法实施条例》第四十条（一）" and f.evidence for f in findings)


def form(total, fees=None, wages=None):
    return BidPriceForm(total, fees or {}, tuple((post, 2, wage) for post, wage in (wages or {}).items()))


@pytest.mark.parametrize(
    ("forms", "fixed", "expected"),
    [
        ([form(1_000_000), form(1_000_000), form(1_234_567)], None, [("identical_total", (1, 2))]),
        ([form(1_200_000), form(1_100_000), form(1_150_000), form(990_000)], None,
         [("constant_difference", (2, 3, 1))]),
        ([form(1_000_000), form(1_050_000), form(1_102_500), form(1_500_000)], None,
         [("constant_ratio", (1, 2, 3))]),
        ([form(1.0e6, {"住宅": 3.47}), form(1.2e6, {"住宅": 3.47}), form(1.3e6, {"住宅": 3.5})], None,
         [("identical_unit_price", (1, 2))]),
        ([form(1.0e6, wages={"秩序维护员": 3847}), form(1.2e6, wages={"秩序维护员": 3847}), form(1.3e6)], None,
         [("identical_wage", (1, 2))]),
        ([form(1.0e6, {"电梯年检": 3.47}), form(1.2e6, {"电梯年检": 3.47}), form(1.3e6)], {"电梯年检": 3.47}, []),
        ([form(1_000_000), form(1_000_800), form(1_003_100)], None, []),  # close, not equal or regular
        ([form(1_366_896), form(1_371_692), form(1_376_470)], None, []),  # ratios 1.00351 and 1.00348 differ
        ([form(1.0e6, {"住宅": 3.47}), form(1.2e6, {"住宅": 3.48}), form(1.3e6)], None, []),  # close unit prices
        ([form(1.0e6, {"住宅": 2.8}, {"保洁员": 3850}), form(1.2e6, {"住宅": 2.8}, {"保洁员": 3850}), form(1.3e6)],
         None, []),  # round prices and wages everyone writes
    ],
    ids=["identical-total", "difference", "ratio", "unit-price", "wage", "tender-fixed", "close-totals", "close-ratios",
         "close-units", "round-values"],
)
def test_price_pattern(forms, fixed, expected):
    identities = [JIA, BING, WU, Identity("庚辛物业服务有限公司")]
    bids = [bid(i + 1, identities[i], prices=p) for i, p in enumerate(forms)]
    findings = found(bids, "price_pattern", fixed_unit_prices=fixed)
    assert [(f.figures["pattern"], f.bid_ids) for f in findings] == expected
    assert all(f.basis == "《招标投标法实施条例》第四十条（四）" for f in findings)


def test_price_pattern_same_company():
    bids = [bid(1, JIA, prices=form(1_000_000)), bid(2, JIA, prices=form(1_000_000)), bid(3, BING, prices=form(9e5))]
    assert found(bids, "price_pattern") == []


SUNNY = KnownTender(7, "ZB-2025-0033", "阳光花园物业服务项目", "宁波阳光房地产开发有限公司")


@pytest.mark.parametrize(
    ("history", "pages", "expected"),
    [
        ([SUNNY], [FILLER, "我公司对阳光花园物业服务项目的理解", FILLER, "阳光花园物业服务项目服务方案"],
         [("project", "阳光花园物业服务项目", [2, 4])]),
        ([SUNNY], [FILLER, FILLER, "本方案适用于阳光花园全体业主"], [("project", "阳光花园物业服务项目", [3])]),
        ([SUNNY], ["致：宁波阳光房地产开发有限公司", "致宁波阳光房地产开发"],
         [("tenderer", "宁波阳光房地产开发有限公司", [1, 2])]),
        ([SUNNY], ["招标编号：ＺＢ－２０２５－００３３"], [("reference", "ZB-2025-0033", [1])]),
        ([SUNNY], ["阳光花园物业服务项目\n的方案", "阳光花园物业服务项目", "阳光花\n园物业服务项目"],
         [("project", "阳光花园物业服务项目", [1, 2, 3])]),  # once per bid, all its pages; line breaks ignored
        ([SUNNY, KnownTender(8, "", "阳光花园二期物业服务项目", "")], ["阳光花园全体业主", "阳光花园物业服务项目"],
         [("project", "阳光花园", [1]), ("project", "阳光花园物业服务项目", [2])]),  # a name two tenders share
        ([KnownTender(9, "", "萧山·湖畔花苑前期物业管理服务", "")], ["湖畔花苑位于萧山湘湖板块"],
         [("project", "萧山·湖畔花苑前期物业管理服务", [1])]),  # the part after the separator
        ([KnownTender(9, "", "杭州市城西花苑物业服务项目", "")], ["", "城西花苑业主"],
         [("project", "杭州市城西花苑物业服务项目", [2])]),  # without the city
        ([KnownTender(9, "", "新城市花园物业服务项目", "")], ["花园绿化", "城市花园"], []),  # 新城市 is no place prefix
        ([SUNNY], ["编号ZB-2025-00331"], []),  # inside a longer code
        ([KnownTender(8, "X", "枫林", "枫林")], ["小区枫林步道养护", "枫林物业"], []),  # short name
        ([KnownTender(8, "", "枫林物业服务项目", "")], ["小区枫林物业服务项目"], []),  # specific part too short
        ([KnownTender(8, "", "花园物业服务项目", "")], ["翠湖花园物业服务项目服务方案"], []),  # inside own name
        ([], ["翠湖花园物业服务项目 杭州翠湖置业有限公司 ZB-2026-0101"], []),  # the tender's own names
        ([TENDER], ["翠湖花园物业服务项目 杭州翠湖置业有限公司 ZB-2026-0101"], []),  # itself in history
        ([KnownTender(9, "ZB-2024-0999", "翠湖花园二期物业服务项目", "杭州翠湖置业有限公司")],
         ["致杭州翠湖置业有限公司"], []),  # the same client ran another tender
        ([KnownTender(9, "", "", "甲乙物业服务有限公司")], ["甲乙物业服务有限公司承诺"], []),  # bidder's own name
    ],
    ids=["project", "project-head", "tenderer", "reference", "once-per-bid", "shared-head", "after-separator",
         "without-city", "short-after-city", "longer-code", "short-name",
         "short-specific-part",
         "inside-own-name", "own-names", "itself", "same-client", "bidder-itself"],
)
def test_leftover(history, pages, expected):
    findings = found([bid(1, JIA, pages)], "leftover", history=history)
    assert [(f.figures["field"], f.figures["value"], f.figures["pages"]) for f in findings] == expected
    for f in findings:
        assert f.bid_ids == (1,) and "第二十七条" in f.basis and "评标委员会" in f.basis
        assert [e.page for e in f.evidence] == f.figures["pages"]
        assert all(any(found in e.excerpt for found in f.figures["found"]) for e in f.evidence)


def test_leftover_two_names_of_one_tender_rank_higher():
    one = found([bid(1, JIA, ["阳光花园物业服务项目"])], "leftover", history=[SUNNY])
    two = found([bid(1, JIA, ["阳光花园物业服务项目", "宁波阳光房地产开发有限公司"])], "leftover", history=[SUNNY])
    assert one[0].strength < min(f.strength for f in two)


def planted():
    return [
        bid(3, WU, ["我公司对阳光花园物业服务项目的理解"], prices=form(1_100_000)),
        bid(1, JIA, ["项目经理：张伟，身份证号：110101198001011234", "本项目由丙丁物业管理有限公司负责。"],
            metadata=({"author": "刘工"},), prices=form(1_000_000)),
        bid(2, BING, [FILLER, LINE], metadata=({"author": "刘工"},), prices=form(1_200_000)),
    ]


def test_all_checks_ranked_and_deterministic():
    findings = check_tender(planted(), TENDER, [SUNNY, TENDER])
    assert check_tender(list(reversed(planted())), TENDER, [TENDER, SUNNY]) == findings
    assert {f.kind for f in findings} == {"identifier", "key_person", "metadata", "price_pattern", "leftover"}
    strengths = [f.strength for f in findings]
    assert strengths == sorted(strengths, reverse=True) and all(0 <= s <= 1 for s in strengths)
    assert findings[0].kind == "identifier"  # a rival's name inside a bid outranks a shared author
    assert all(f.summary and "\n" not in f.summary for f in findings)


@pytest.mark.parametrize(
    "bids",
    [[], [bid(1, JIA)], [BidInput(1, JIA, ()), BidInput(2, BING, ("", "   \n"))], [bid(1, Identity("")), bid(2, WU)]],
    ids=["no-bids", "one-bid", "empty-pages", "no-company-name"],
)
def test_nothing_to_find(bids):
    assert check_tender(bids, TENDER, [SUNNY]) == ()
