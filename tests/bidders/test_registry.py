"""Company registry: validation, versions, uploads that leave nothing behind, invitations, sign-up gate."""
from __future__ import annotations

import re
import struct
import zlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from tender.auth.models import User
from tender.auth.roles import Role
from tender.bidders import operations as ops
from tender.bidders.models import Company, CompanyFile, CompanyVersion
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.unit_of_work import perform
from tests.factories import credit_code, id_number, make_company, make_tender, make_user, minimal_pdf


def png_bytes() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def jpeg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 16 + b"\xff\xd9"


def stored_files(app) -> list[Path]:
    return [p for p in Path(app.config["STORAGE_PATH"]).rglob("*") if p.is_file()]


def profile(n: int = 7, **changes) -> dict:
    fields = dict(name=f"杭州测试物业{n}有限公司", credit_code=credit_code(9000 + n), legal_rep_name="张三",
                  legal_rep_id=id_number(9000 + n), registered_capital=Decimal("1000"), established_on=date(2012, 3, 4),
                  address="杭州市滨江区一号", contact_name="李四", contact_phone="0571-88880000",
                  contact_email="li@wuye-test.cn", business_scope="物业管理；保洁服务",
                  shareholders=[dict(name="王五", identifier=id_number(9100 + n), share=Decimal("60")),
                                dict(name="某投资公司", identifier=credit_code(9200 + n), share=Decimal("40"))],
                  officers=[dict(name="赵六", id_number=id_number(9300 + n), post="监事")],
                  key_staff=[dict(name="钱七", id_number=id_number(9400 + n), certificates="WY-001", role="项目经理")])
    fields.update(changes)
    return fields


@pytest.fixture
def bidder(app):
    user = make_user(Role.BIDDER, company=make_company(complete=False), company_admin=True)
    db.session.commit()
    return user


def test_save_creates_versions_only_on_change(bidder):
    company = bidder.company
    first = perform(ops.save_company, company, bidder, **profile())
    assert first.number == 1 and company.registry_version == 1
    assert perform(ops.save_company, company, bidder, **profile()) is None  # double submit: no new version
    second = perform(ops.save_company, company, bidder, **profile(address="杭州市西湖区二号"))
    assert second.number == 2
    assert db.session.get(CompanyVersion, first.id).snapshot["address"] == "杭州市滨江区一号"
    assert len(company.shareholders) == 2 and company.officers[0].post == "监事"


@pytest.mark.parametrize("changes, field, fragment", [
    (dict(credit_code="91330106MA27XXXX0A"), "credit_code", "统一社会信用代码"),
    (dict(legal_rep_id="330106198001010000"), "legal_rep_id", "校验码错误"),
    (dict(shareholders=[dict(name="甲", identifier="123", share=Decimal("50"))]), "shareholders", "既不是"),
    (dict(shareholders=[dict(name="甲", identifier=id_number(1), share=Decimal("70")),
                        dict(name="乙", identifier=id_number(2), share=Decimal("40"))]), "shareholders", "超过 100%"),
    (dict(officers=[dict(name="甲", id_number=id_number(3), post="保安队长")]), "officers", "职务应为"),
])
def test_invalid_profiles_are_refused_and_change_nothing(bidder, changes, field, fragment):
    with pytest.raises(DomainError, match=fragment) as caught:
        perform(ops.save_company, bidder.company, bidder, **profile(**changes))
    assert caught.value.field == field
    db.session.expire_all()
    assert bidder.company.registry_version == 0 and bidder.company.shareholders == []


def test_only_the_company_itself_may_edit(bidder):
    other = make_user(Role.BIDDER)
    with pytest.raises(NotAllowed):
        perform(ops.save_company, bidder.company, other, **profile())


@pytest.mark.parametrize("filename, data", [("执照.png", png_bytes()), ("执照.jpeg", jpeg_bytes()),
                                            ("执照.pdf", minimal_pdf())])
def test_images_and_pdf_are_accepted(app, bidder, filename, data):
    file = perform(ops.add_company_file, bidder.company, bidder, "license", "营业执照", filename, data)
    assert file.content_type in {"image/png", "image/jpeg", "application/pdf"}
    again = perform(ops.add_company_file, bidder.company, bidder, "license", "营业执照", filename, data)
    assert again.id == file.id and len(stored_files(app)) == 1  # double submit stores nothing new


def test_a_resent_file_under_a_wrong_name_is_still_checked(app, bidder):
    """Issue 8 robustness: the double-submit shortcut returned the stored PDF for "执照.exe" without a check."""
    perform(ops.add_company_file, bidder.company, bidder, "license", "营业执照", "执照.pdf", minimal_pdf())
    with pytest.raises(DomainError, match="扩展名与内容不符"):
        perform(ops.add_company_file, bidder.company, bidder, "license", "营业执照", "执照.exe", minimal_pdf())


@pytest.mark.parametrize("filename, data, fragment", [
    ("执照.png", png_bytes()[:-12], "不是有效的"),  # interrupted upload: the PNG has no end
    ("执照.jpg", jpeg_bytes()[:-2], "不是有效的"),
    ("执照.png", jpeg_bytes(), "扩展名与内容不符"),
    ("执照.exe", b"MZ\x90\x00", "不是有效的"),
])
def test_bad_or_truncated_files_leave_no_file_and_no_row(app, bidder, filename, data, fragment):
    with pytest.raises(DomainError, match=fragment):
        perform(ops.add_company_file, bidder.company, bidder, "license", "营业执照", filename, data)
    assert stored_files(app) == []
    assert db.session.scalar(sa.select(sa.func.count(CompanyFile.id))) == 0


def test_a_failure_after_storing_removes_the_file_and_the_record(app, bidder):
    def store_then_fail():
        ops.add_company_file(bidder.company, bidder, "license", "营业执照", "执照.pdf", minimal_pdf())
        raise DomainError("后续校验失败")

    with pytest.raises(DomainError):
        perform(store_then_fail)
    assert stored_files(app) == []
    assert db.session.scalar(sa.select(sa.func.count(CompanyFile.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(CompanyVersion.id))) == 0


def test_invitation_creates_a_colleague_with_a_one_time_password(bidder):
    user, password = perform(ops.invite_colleague, bidder.company, bidder, name="同事", email="Col@Test.local")
    assert user.company_id == bidder.company_id and not user.company_admin and user.check_password(password)
    assert len(password) >= 16 and password not in user.password_hash
    assert user.must_change_password  # the inviter has seen it: the colleague replaces it at first login
    with pytest.raises(NotAllowed):
        perform(ops.invite_colleague, bidder.company, user, name="再邀", email="x@test.local")
    with pytest.raises(DomainError, match="已注册"):
        perform(ops.invite_colleague, bidder.company, bidder, name="重复", email="col@test.local")


def test_sign_up_needs_a_complete_record_with_property_management_scope(app, staff, bidder):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    with pytest.raises(DomainError, match="请先在“我的公司”中完善"):
        perform(notice_ops.register_company, tender, bidder)
    perform(ops.save_company, bidder.company, bidder, **profile(business_scope="保洁服务"))
    perform(ops.add_company_file, bidder.company, bidder, "license", "营业执照", "执照.pdf", minimal_pdf())
    with pytest.raises(DomainError, match="经营范围包含“物业管理”"):
        perform(notice_ops.register_company, tender, bidder)
    perform(ops.save_company, bidder.company, bidder, **profile())
    assert perform(notice_ops.register_company, tender, bidder).company_id == bidder.company_id


def test_cleaning_tender_does_not_need_property_management_scope(staff):
    company = make_company(business_scope="保洁服务")
    bidder = make_user(Role.BIDDER, company=company)
    tender = make_tender(staff, status=TenderStatus.PUBLISHED, service_type="保洁服务")
    assert perform(notice_ops.register_company, tender, bidder)


# Over HTTP

def test_registration_form_rejects_a_bad_credit_code_and_keeps_the_input(bidder, login):
    client = login(bidder)
    data = {k: v for k, v in profile().items() if k not in ("shareholders", "officers", "key_staff")}
    data.update(credit_code="91330106MA27XXXX0A", established_on="2012-03-04", registered_capital="1000",
                shareholders=f"王五 | {id_number(5)} | 100%", officers="", key_staff="")
    page = client.post("/company/edit", data=data).get_data(as_text=True)
    assert "校验位错误" in page and "GB 32100" in page and "杭州市滨江区一号" in page
    data["credit_code"] = credit_code(4321)
    response = client.post("/company/edit", data=data)
    assert response.status_code == 302, re.findall(r'invalid-feedback[^>]*>([^<]*)', response.get_data(as_text=True))
    assert db.session.get(Company, bidder.company_id).credit_code == credit_code(4321)


def test_upload_over_http_and_download_only_by_owner_and_staff(app, bidder, login, staff):
    client = login(bidder)
    client.post("/company/files", data={"kind": "license", "title": "营业执照",
                                        "file": (__import__("io").BytesIO(png_bytes()), "执照.png")},
                content_type="multipart/form-data")
    file = db.session.scalar(sa.select(CompanyFile))
    url = f"/companies/{bidder.company_id}/files/{file.id}"
    assert client.get(url).status_code == 200
    other = make_user(Role.BIDDER)
    assert login(other).get(url).status_code == 404
    assert login(staff).get(url).status_code == 200


@pytest.mark.parametrize("path", ["/companies/{a}", "/companies/{a}/versions/1", "/companies/{a}/files/{f}"])
def test_a_bidder_never_sees_another_company(app, login, path):
    owner = make_user(Role.BIDDER, company_admin=True)
    perform(ops.save_company, owner.company, owner, **profile(name=owner.company.name))
    file = perform(ops.add_company_file, owner.company, owner, "license", "执照", "a.pdf", minimal_pdf())
    url = path.format(a=owner.company_id, f=file.id)
    assert login(owner).get(url).status_code == 200
    intruder = make_user(Role.BIDDER)
    assert login(intruder).get(url).status_code in (403, 404)


@pytest.mark.parametrize("path", ["/companies", "/affiliates"])
def test_staff_pages_refuse_bidders(login, path):
    assert login(make_user(Role.BIDDER)).get(path).status_code == 403


def test_my_company_page_shows_whats_missing(bidder, login):
    page = login(bidder).get("/company").get_data(as_text=True)
    assert "尚需完善" in page and "统一社会信用代码" in page


def test_invite_over_http_shows_the_password_once(bidder, login):
    page = login(bidder).post("/company/colleagues", data={"name": "同事", "email": "c2@wuye-test.cn"})
    text = page.get_data(as_text=True)
    assert "只显示这一次" in text
    assert db.session.scalar(sa.select(User).where(User.email == "c2@wuye-test.cn")).company_id == bidder.company_id
