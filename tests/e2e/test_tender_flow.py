"""Acceptance: publish a tender, download its document anonymously, ask, answer, read the answer."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from docx import Document

from tender.auth.roles import Role
from tender.db import CHINA
from tender.extensions import db
from tender.files import sniff
from tests.e2e.helpers import log_in
from tests.factories import make_officers, make_user, workday_after

pytestmark = pytest.mark.e2e


def tender_docx(path) -> None:
    document = Document()
    document.add_heading("浏览器测试花园前期物业管理招标文件", 0)
    document.add_paragraph("服务内容：共用部位维护、保洁、绿化、秩序维护。")
    document.save(path)


def local(day, hour, minute=0) -> str:
    return datetime.combine(day, time(hour, minute)).strftime("%Y-%m-%dT%H:%M")


def fill_tender_form(page) -> None:
    today = datetime.now(CHINA).date()
    deadline = workday_after(today, 25)
    page.fill("#title", "浏览器测试花园前期物业管理服务")
    page.fill("#tenderer", "测试置业有限公司")
    page.fill("#location", "测试市滨江区一号")
    page.fill("#floor_area", "86000.5")
    page.fill("#notice", "浏览器测试花园前期物业管理服务公开招标公告。")
    page.fill("#docs_from", local(today, 0, 5))
    page.fill("#docs_to", local(today + timedelta(days=7), 17))
    page.fill("#question_deadline", local(today + timedelta(days=8), 17))
    page.fill("#bid_deadline", local(deadline, 9, 30))
    page.fill("#validity_days", "90")
    page.fill("#planned_award", (deadline + timedelta(days=10)).isoformat())


def staff_drafts_a_tender(browser, site: str, email: str, method: bool = True, **date_changes):
    """Log a new staff user in and save a draft through the form (with a scoring method); returns the page."""
    make_user(Role.STAFF, email=email)
    db.session.commit()
    page = browser.new_context().new_page()
    log_in(page, site, email)
    page.goto(f"{site}/tenders/new")
    fill_tender_form(page)
    for field, value in date_changes.items():
        page.fill(f"#{field}", value)
    page.click("#submit")
    page.wait_for_selector("text=已保存为草稿")
    if method:
        choose_method(page)
    return page


def choose_method(page, template: str = "comprehensive") -> None:
    """Pick a ready-made scoring method on the tender's method page, then come back to the tender."""
    tender_url = page.url
    page.click("#method-link")
    page.select_option("#template-form select", template)
    page.click("#template-form button")
    page.wait_for_selector("text=已选用模板")
    page.goto(tender_url)


def choose_officers(page, officers, threshold: int = 2) -> None:
    for officer in officers:
        page.check(f"#officer-choices input[value='{officer.id}']")
    page.fill("#threshold", str(threshold))


def upload(page, path, title: str = "招标文件") -> None:
    page.fill("#document-form #title", title)
    page.set_input_files("#document-form #file", str(path))
    page.click("#document-form #submit")


def test_publish_download_ask_answer(site, browser, tmp_path):
    asker = make_user(Role.BIDDER, email="asker@e2e.cn")
    make_user(Role.BIDDER, email="other@e2e.cn")
    asker_company = asker.company.name

    # Staff create the tender, upload its document and publish it, naming three opening officers.
    officers = make_officers(3)
    staff_page = staff_drafts_a_tender(browser, site, "staff@e2e.cn")
    document = tmp_path / "招标文件.docx"
    tender_docx(document)
    upload(staff_page, document)
    staff_page.wait_for_selector("text=文件已上传")
    choose_officers(staff_page, officers)
    staff_page.click("#publish-form button")
    staff_page.wait_for_selector("text=项目已发布")
    assert staff_page.inner_text("#tender-status") == "已发布"
    tender_url = staff_page.url

    # An anonymous visitor finds it on the public list; the documents come after sign-up (the default).
    visitor = browser.new_context().new_page()
    visitor.goto(site)
    visitor.click("#tender-list >> text=浏览器测试花园前期物业管理服务")
    assert "报名后方可下载" in visitor.inner_text("#documents-locked")
    assert visitor.locator("#documents a").count() == 0
    public_url = visitor.url

    # Two bidders sign up and download the document; one asks a question.
    pages = {}
    for email in ("asker@e2e.cn", "other@e2e.cn"):
        page = browser.new_context().new_page()
        log_in(page, site, email)
        page.goto(public_url)
        page.click("text=报名参加")
        page.wait_for_selector("text=报名成功")
        pages[email] = page
    with pages["asker@e2e.cn"].expect_download() as download_info:
        pages["asker@e2e.cn"].click("#documents a")
    saved = tmp_path / "downloaded.docx"
    download_info.value.save_as(saved)
    assert sniff(saved.read_bytes()) == "docx"
    assert saved.read_bytes() == document.read_bytes()
    pages["asker@e2e.cn"].fill("#body", "地下车库是否纳入本次物业管理范围？")
    pages["asker@e2e.cn"].click("text=提交问题")
    pages["asker@e2e.cn"].wait_for_selector("text=问题已提交")

    # Staff see who asked, and answer to everybody.
    staff_page.goto(tender_url + "/questions")
    assert asker_company in staff_page.inner_text("#question-list")
    staff_page.fill("#title", "关于地下车库的答复")
    staff_page.fill("#body", "地下车库纳入本次物业管理范围，车位约 1,200 个。")
    staff_page.select_option("#questions", index=0)
    staff_page.click("#submit")
    staff_page.wait_for_selector("text=澄清已发布")

    # The asker reads the answer in the inbox.
    asker_page = pages["asker@e2e.cn"]
    asker_page.goto(f"{site}/inbox/")
    asker_page.click("#inbox >> text=澄清通知")
    asker_page.click("text=查看详情")
    assert "车位约 1,200 个" in asker_page.inner_text("#clarifications")

    # The other bidder sees the question and answer, but not who asked.
    other_page = pages["other@e2e.cn"]
    other_page.goto(f"{site}/inbox/")
    assert "澄清通知" in other_page.inner_text("#inbox")
    other_page.goto(public_url)
    text = other_page.inner_text("body")
    assert "地下车库是否纳入" in text and "车位约 1,200 个" in text
    assert asker_company not in text


def test_publish_with_broken_calendar_shows_the_rule(site, browser, tmp_path):
    today = datetime.now(CHINA).date()
    page = staff_drafts_a_tender(browser, site, "staff2@e2e.cn",
                                 bid_deadline=local(workday_after(today, 12), 9, 30),
                                 question_deadline=local(today + timedelta(days=1), 17))
    assert "不得少于 20 日" in page.inner_text("body")
    document = tmp_path / "a.docx"
    tender_docx(document)
    upload(page, document)
    page.wait_for_selector("text=文件已上传")
    page.click("#publish-form button")
    page.wait_for_selector("text=未能发布")
    assert page.inner_text("#tender-status") == "草稿"


def test_mislabelled_upload_gets_a_chinese_message(site, browser, tmp_path):
    page = staff_drafts_a_tender(browser, site, "staff3@e2e.cn")
    fake = tmp_path / "伪装.pdf"
    fake.write_text("这不是 PDF 文件")
    upload(page, fake, "伪装文件")
    page.wait_for_selector("text=不是有效的")
    assert "尚未上传" in page.inner_text("body")
