"""Acceptance: a bidder registers its company (a bad credit code is refused), signs up, answers the checklist
with evidence; staff fail one item with a reason and pass another bidder; both bidders read their result."""
from __future__ import annotations

import re
import struct
import zlib
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tender.auth.roles import Role
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.notifications.models import OutboxMail
from tender.qualification import operations as qual_ops
from tender.unit_of_work import perform
from tests.e2e.helpers import log_in
from tests.factories import add_document, credit_code, id_number, make_tender, make_user, minimal_pdf

pytestmark = pytest.mark.e2e


def png(path) -> None:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\0\0"))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b""))


def prepare(app):
    staff = make_user(Role.STAFF, email="staff@e2e-q.cn", name="王敏")
    tender = make_tender(staff, status=TenderStatus.PUBLISHED, title="浏览器测试苑前期物业管理服务")
    add_document(tender, staff)
    items = [perform(qual_ops.add_item, tender, staff, title="营业执照（经营范围含物业管理）", kind="document",
                     min_value=None, evidence="营业执照副本"),
             perform(qual_ops.add_item, tender, staff, title="类似项目业绩", kind="projects",
                     min_value=Decimal("2"), evidence="物业服务合同")]
    other = make_user(Role.BIDDER, email="other@e2e-q.cn")
    perform(notice_ops.register_company, tender, other)
    for item, value in zip(items, ("有", "4"), strict=True):
        perform(qual_ops.answer_item, tender, other, item, value, "证明.pdf", minimal_pdf() + value.encode())
    perform(qual_ops.submit_qualification, tender, other)
    db.session.commit()
    return tender, items, other.company.name


def register_company(page, site, tmp_path) -> None:
    page.goto(f"{site}/register")
    page.fill("#company_name", "杭州浏览器物业服务有限公司")
    page.fill("#name", "张宏")
    page.fill("#email", "bidder@e2e-q.cn")
    page.fill("#phone", "13805710001")
    page.fill("#password", "long-enough-password")
    page.fill("#confirm", "long-enough-password")
    page.click("#submit")
    page.wait_for_selector("text=发送一封邮件")
    db.session.rollback()  # see what the live server committed
    mail = db.session.scalar(sa.select(OutboxMail).where(OutboxMail.to_address == "bidder@e2e-q.cn"))
    page.goto(site + re.search(r"(/register/confirm/\S+)", mail.body).group(1))
    page.wait_for_selector("text=注册完成")
    log_in(page, site, "bidder@e2e-q.cn", "long-enough-password")
    page.goto(f"{site}/company/edit")
    page.fill("#credit_code", "91330106MA27XXXX0A")
    page.fill("#legal_rep_name", "张宏")
    page.fill("#legal_rep_id", id_number(8101))
    page.fill("#registered_capital", "1000")
    page.fill("#established_on", "2012-03-04")
    page.fill("#address", "杭州市滨江区浏览器路 1 号")
    page.fill("#contact_phone", "0571-88990011")
    page.fill("#business_scope", "物业管理；保洁服务")
    page.fill("#shareholders", f"张宏 | {id_number(8102)} | 100%")
    page.click("#submit")
    page.wait_for_selector("text=校验位错误")
    assert "GB 32100" in page.content()
    assert page.input_value("#address") == "杭州市滨江区浏览器路 1 号"  # nothing typed is lost
    page.fill("#credit_code", credit_code(8103))
    page.click("#submit")
    page.wait_for_selector("text=公司信息已保存")
    licence = tmp_path / "营业执照.png"
    png(licence)
    page.select_option("#kind", "license")
    page.set_input_files("#file", str(licence))
    page.click("#file-form button[type=submit], #file-form input[type=submit]")
    page.wait_for_selector("#company-complete")


def test_register_sign_up_answer_review_and_read_results(site, app, browser, tmp_path):
    tender, items, other_name = prepare(app)
    bidder = browser.new_context().new_page()
    register_company(bidder, site, tmp_path)

    bidder.goto(f"{site}/notices/{tender.id}")
    bidder.click("text=报名参加")
    bidder.wait_for_selector("text=报名成功")
    bidder.click("#qualification-link")
    evidence = tmp_path / "证明材料.pdf"
    evidence.write_bytes(minimal_pdf())
    for item, value in zip(items, ("有", "1"), strict=True):
        bidder.fill(f"#value-{item.id}", value)
        bidder.set_input_files(f"#file-{item.id}", str(evidence))
        bidder.click(f"#item-{item.id} button[type=submit]")
        bidder.wait_for_selector(f"text=“{item.title}”已保存")
    bidder.click("#submit-qualification button")
    bidder.wait_for_selector("text=资格审查材料已提交")

    staff = browser.new_context().new_page()
    log_in(staff, site, "staff@e2e-q.cn")
    staff.goto(f"{site}/tenders/{tender.id}/qualification")
    staff.click("#submissions tr:has-text('杭州浏览器物业服务有限公司') a.review-link")
    review_url = staff.url
    staff.click(f"#review-item-{items[0].id} button[type=submit]")  # default: 合格
    staff.wait_for_selector("text=意见已保存")
    staff.select_option(f"#review-item-{items[1].id} select[name=decision]", "fail")
    staff.click(f"#review-item-{items[1].id} button[type=submit]")
    staff.wait_for_selector("text=判定不合格时必须填写理由")
    staff.select_option(f"#review-item-{items[1].id} select[name=decision]", "fail")
    staff.fill(f"#review-item-{items[1].id} textarea[name=reason]", "类似项目业绩仅 1 个，少于要求的 2 个")
    staff.click(f"#review-item-{items[1].id} button[type=submit]")
    staff.wait_for_selector("text=意见已保存")
    staff.click("#conclude-form button[type=submit], #conclude-form input[type=submit]")
    staff.wait_for_selector("#submission-status:has-text('不合格')")

    staff.goto(f"{site}/tenders/{tender.id}/qualification")
    staff.click(f"#submissions tr:has-text('{other_name}') a.review-link")
    assert staff.url != review_url
    for item in items:
        staff.click(f"#review-item-{item.id} button[type=submit]")
        staff.wait_for_selector("text=意见已保存")
    staff.click("#conclude-form button[type=submit], #conclude-form input[type=submit]")
    staff.wait_for_selector("#submission-status:has-text('合格')")

    bidder.goto(f"{site}/my/qualification/{tender.id}")
    assert bidder.inner_text("#my-status") == "不合格"
    assert "类似项目业绩仅 1 个" in bidder.inner_text(f"#item-{items[1].id}")
    bidder.goto(f"{site}/my/tenders")
    assert bidder.inner_text(".qualification-status") == "不合格"
    bidder.goto(f"{site}/inbox/")
    bidder.click("text=资格审查不合格通知书")
    bidder.wait_for_selector("text=类似项目业绩仅 1 个")

    other = browser.new_context().new_page()
    log_in(other, site, "other@e2e-q.cn")
    other.goto(f"{site}/my/qualification/{tender.id}")
    assert other.inner_text("#my-status") == "合格"
    other.goto(f"{site}/inbox/")
    other.wait_for_selector("text=资格预审合格通知书")
