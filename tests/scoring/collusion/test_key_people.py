"""第四十条(三): the same key person in two bids."""

import pytest

from scoring.collusion.key_people import KeyPerson, people_in_text, same_key_people
from scoring.collusion.validators import id_check_char

VALID_ID = "33010619820315451" + id_check_char("33010619820315451")
ZHANG = KeyPerson("张伟", "项目经理", "110101198001011234", "WY-2019-0001")


@pytest.mark.parametrize(
    ("other", "matched_on", "same_name"),
    [
        (
            KeyPerson("张伟", "项目经理", "110101198001011234", "WY-2019-0001"),
            ("id_number", "certificate"),
            True,
        ),
        (KeyPerson("张伟", "", "", "wy20190001"), ("certificate",), True),
        (KeyPerson("李强", "", "110101 19800101 1234", ""), ("id_number",), False),  # borrowed identity
        (KeyPerson("张伟", "项目经理", "110101198001019999", "WY-2020-0002"), None, None),  # name only
        (KeyPerson("王芳", "", "", ""), None, None),
    ],
)
def test_same_key_people(other, matched_on, same_name):
    found = same_key_people([ZHANG], [other])
    if matched_on is None:
        assert found == ()
    else:
        (shared,) = found
        assert shared.matched_on == matched_on and shared.same_name is same_name
        assert shared.article == "第四十条（三）"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "项目经理：张伟，身份证号：110101198001011234",
            KeyPerson("张伟", "项目经理", "110101198001011234", ""),
        ),
        ("姓名 李强 证书编号：WY-2019-0001", KeyPerson("李强", "", "", "WY-2019-0001")),
        ("项目经理：张伟（无证书）", None),
        (f"项目经理 张伟 {VALID_ID} 男", KeyPerson("张伟", "项目经理", VALID_ID, "")),  # a table row
        ("项目经理 张伟 110101198001011234 男", None),  # unlabelled and its check character is wrong
    ],
)
def test_people_in_text(line, expected):
    assert people_in_text(line) == (() if expected is None else (expected,))
