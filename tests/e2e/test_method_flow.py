"""Acceptance (issue 12 scope 1): staff pick a template, move points with the live sum, publish; the public reads it."""
from __future__ import annotations

import pytest

from scoring.evaluation import TEMPLATES
from tests.e2e.test_tender_flow import choose_officers, staff_drafts_a_tender, tender_docx, upload
from tests.factories import make_officers

pytestmark = pytest.mark.e2e


def test_staff_edit_the_method_and_the_public_reads_it(site, browser, tmp_path):
    method = TEMPLATES["comprehensive"][1]()
    first, second = [leaf for leaf in method.leaves() if hasattr(leaf.scale, "tiers")][:2]
    officers = make_officers(3)
    page = staff_drafts_a_tender(browser, site, "staff-method@e2e.cn", method=False)
    tender_url = page.url
    document = tmp_path / "招标文件.docx"
    tender_docx(document)
    upload(page, document)
    page.wait_for_selector("text=文件已上传")

    # Without a method publication is refused, saying why.
    choose_officers(page, officers)
    page.click("#publish-form button")
    page.wait_for_selector("text=请先设置评分办法")

    # Pick the template; one item gets a point more: the live sum warns before anything is posted.
    page.click("#method-link")
    page.select_option("#template-form select", "comprehensive")
    page.click("#template-form button")
    page.wait_for_selector("text=已选用模板")
    assert page.inner_text("#points-sum") == "100" and page.locator("#sum-warning").is_hidden()
    page.fill(f"#leaf-{first.code}-points", str(first.max_points + 1))
    page.wait_for_selector("#sum-warning", state="visible")
    assert page.inner_text("#points-sum") == "101"
    # Saved anyway: refused whole, with the reason beside the form and the typed figure kept.
    page.click("#save-method")
    page.wait_for_selector("text=各评分项分值合计101分，应为100分")
    assert page.input_value(f"#leaf-{first.code}-points") == str(first.max_points + 1)
    # Fixed by taking the point from the second item; the first item's top tier follows its points.
    page.fill(f"#leaf-{second.code}-points", str(second.max_points - 1))
    tiers = page.input_value(f"textarea[name='leaf-{second.code}-tiers']").splitlines()
    tiers[0] = f"{second.max_points - 1}|{tiers[0].split('|', 1)[1]}"
    page.fill(f"textarea[name='leaf-{second.code}-tiers']", "\n".join(tiers))
    page.wait_for_selector("#sum-warning", state="hidden")
    page.click("#save-method")
    page.wait_for_selector("text=评分办法已保存")
    assert "第 2 版" in page.inner_text("body")

    # Publish; an anonymous visitor reads the method on the public page.
    page.goto(tender_url)
    choose_officers(page, officers)
    page.click("#publish-form button")
    page.wait_for_selector("text=项目已发布")
    visitor = browser.new_context().new_page()
    visitor.goto(site)
    visitor.click("#tender-list >> text=浏览器测试花园前期物业管理服务")
    table = visitor.inner_text("#method-criteria")
    assert first.title in table and str(first.max_points + 1) in table
    assert "价格分＝基准价÷投标总价×" in visitor.inner_text("#published-method")
