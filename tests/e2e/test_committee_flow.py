"""Experts in the browser: one sees the task and declares no conflict; another declares a conflict, is recused,
and the first reserve finds the task in their own list."""
from __future__ import annotations

import pytest

from tender.auth.roles import Role
from tender.committee import operations as ops
from tender.extensions import db
from tender.unit_of_work import perform
from tests.committee.helpers import make_pool, tender_with_bidders
from tests.e2e.helpers import log_in
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def prepare():
    staff = make_user(Role.STAFF, email="staff@e2e-c.cn")
    experts = {str(e.id): e for e in make_pool(staff, 8)}
    tender, bidders = tender_with_bidders(staff)
    draw = perform(ops.draw_tender_committee, tender, staff, 5, seed="browser")
    db.session.commit()
    return tender, draw, experts, bidders


def declare(page, site, email, tender, conflict: str, company: str = "", reason: str = "") -> None:
    log_in(page, site, email)
    page.click("#tasks-link")
    page.click(f"#tasks tr:has-text('{tender.title}') >> text=声明利害关系")
    page.check(f"input[name=conflict][value='{conflict}']")
    if company:
        page.fill("#company_name", company)
        page.fill("#reason", reason)
    page.click("#submit")
    page.wait_for_selector("text=利害关系声明已签署")


def test_declare_and_recuse(app, site, browser):
    tender, draw, experts, bidders = prepare()
    clear, conflicted = experts[draw.members[0]], experts[draw.members[1]]
    reserve = experts[draw.reserves[0]]
    pages = [browser.new_context().new_page() for _ in range(3)]
    declare(pages[0], site, clear.email, tender, "0")
    assert "已声明" in pages[0].inner_text("#tasks")
    declare(pages[1], site, conflicted.email, tender, "1", bidders[0].company.name, "其配偶在该公司任职")
    assert tender.title not in pages[1].inner_text("#tasks")
    log_in(pages[2], site, reserve.email)
    pages[2].click("#tasks-link")
    assert "未声明" in pages[2].inner_text(f"#tasks tr:has-text('{tender.title}')")
    db.session.rollback()
    assert str(reserve.id) in ops.draw_of(tender).members and str(conflicted.id) not in ops.draw_of(tender).members
