"""Acceptance (issue 5, point 5): a regulation in the library, two demo bids compared side by side."""
from __future__ import annotations

import pytest

from tender.auth.roles import Role
from tender.demo import demo_bids
from tender.demo import texts as demo_texts
from tender.extensions import db
from tender.unit_of_work import perform
from tests.e2e.helpers import log_in
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def test_regulation_is_greyed_and_copied_passage_aligned(app, site, browser, tmp_path):
    staff = make_user(Role.STAFF, email="sim@e2e.cn")
    bidders = [make_user(Role.BIDDER), make_user(Role.BIDDER)]
    db.session.commit()
    first, second = perform(demo_bids, staff, bidders)

    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    log_in(page, site, "sim@e2e.cn")
    page.goto(f"{site}/similarity/library")
    regulation = tmp_path / "示例标准.txt"
    regulation.write_text(demo_texts.STANDARD, encoding="utf-8")
    page.fill("#title", demo_texts.STANDARD_TITLE)
    page.set_input_files("#file", str(regulation))
    page.click("#submit")
    page.wait_for_selector("text=已加入法规标准库")
    assert demo_texts.STANDARD_TITLE in page.inner_text("#library")

    page.goto(f"{site}/similarity/compare")
    page.select_option("#doc_a", str(first.id))
    page.select_option("#doc_b", str(second.id))
    page.click("#submit")
    page.wait_for_selector("#job-result a", state="visible")
    page.click("#job-result a")
    page.wait_for_selector("#reader")

    copied_a = page.locator('#pane-a [data-p]').all_inner_texts()
    copied_b = page.locator('#pane-b [data-p]').all_inner_texts()
    fragment = "建立一户一档的业主信息台账"
    assert any(fragment in t for t in copied_a) and any(fragment in t for t in copied_b)
    pid = page.locator(f'#pane-a [data-p]:has-text("{fragment}")').first.get_attribute("data-p")
    assert fragment in "".join(page.locator(f'#pane-b [data-p="{pid}"]').all_inner_texts())

    legal = page.locator("#pane-a .sub-legal")
    assert legal.count() > 0
    assert "二十四小时值班制度" in "".join(legal.all_inner_texts())
    assert legal.first.get_attribute("title").startswith("已扣除：法规标准")
    assert not any("二十四小时值班制度" in t for t in copied_a)
    grey = legal.first.evaluate("el => getComputedStyle(el).color")
    page.uncheck('.reason-toggle[value="legal"]')
    assert legal.first.evaluate("el => getComputedStyle(el).color") != grey

    page.locator(f'#pane-a [data-p="{pid}"]').first.click()
    partner = page.locator(f'#pane-b [data-p="{pid}"]').first
    assert partner.evaluate("""el => { const p = el.closest('.reader-pane').getBoundingClientRect();
        const r = el.getBoundingClientRect(); return r.top >= p.top - 1 && r.top <= p.bottom; }""")
