"""第四十条(五)/(二): a rival's identifiers inside a bid, identifiers shared by two bids."""

import pytest

from scoring.collusion.identifiers import Identity, find_identifiers, shared_identifiers

RIVAL = Identity(
    company="甲乙物业服务有限公司",
    credit_code="91330100MA2ABCDE1X",
    phones=("0571-88776655", "13912345678"),
    emails=("Bid@JiaYi-wy.cn",),
    staff=("王建国",),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本项目由甲乙物业服务有限公司负责。", [("company", 4, 14)]),
        ("信用代码91330100ma2abcde1x。", [("credit_code", 4, 22)]),
        ("联系电话：0571 88776655", [("phone", 5, 18)]),
        ("手机139-1234-5678转", [("phone", 2, 15)]),
        ("电话 105718877665512", []),  # digits run on: a different number
        ("邮箱 bid@jiayi-wy.cn", [("email", 3, 18)]),
        ("项目经理王建国，主管王建", [("staff", 4, 7)]),
        ("本公司独立编制投标文件。", []),
    ],
)
def test_find_identifiers(text, expected):
    hits = find_identifiers(text, RIVAL)
    assert [(h.kind, h.start, h.end) for h in hits] == expected
    assert all(h.article == "第四十条（五）" and h.owner == RIVAL.company for h in hits)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("授权代表电话13800001111", "联系人手机 13800001111", [("phone", "13800001111")]),
        ("邮箱 AB@x.com", "ab@x.com", [("email", "ab@x.com")]),
        ("身份证号 11010119800101123x", "身份证11010119800101123X", [("id_number", "11010119800101123X")]),
        ("电话 13800001111", "电话 13800001112", []),
        ("招标人电话 0571-87000000", "招标人电话 057187000000", []),  # ignored: the tenderer's own number
    ],
)
def test_shared_identifiers(a, b, expected):
    shared = shared_identifiers(a, b, ignore=frozenset({"0571-87000000".replace("-", "")}))
    assert [(s.kind, s.value) for s in shared] == expected
    assert all(s.article == "第四十条（二）" for s in shared)
