"""The method pages: staff edit, the supervisor reads, everyone else reads only the published method."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from scoring.evaluation import TEMPLATES
from tender.auth.roles import Role
from tender.extensions import db
from tender.methods import operations as ops
from tender.notices.lifecycle import TenderStatus
from tender.unit_of_work import perform
from tests.factories import make_tender, make_user

COMPREHENSIVE = TEMPLATES["comprehensive"][1]()


@pytest.fixture
def draft(staff):
    tender = make_tender(staff, method=False)
    db.session.commit()
    return tender


def _csrf_free(app):
    app.config["WTF_CSRF_ENABLED"] = False


def _tiered():
    return next(leaf for leaf in COMPREHENSIVE.leaves() if hasattr(leaf.scale, "tiers"))


def test_staff_pick_a_template_edit_and_save(app, login, staff, draft):
    _csrf_free(app)
    client = login(staff)
    page = client.get(f"/tenders/{draft.id}/method").get_data(as_text=True)
    assert "尚未设置评分办法" in page and "前期物业综合评分法" in page and "三家比价" not in page
    assert client.post(f"/tenders/{draft.id}/method/template", data={"template": "comprehensive"}).status_code == 302
    leaf = _tiered()
    key = f"leaf-{leaf.code}-points"
    # Too many points: refused whole, the sum problem shown, nothing saved.
    response = client.post(f"/tenders/{draft.id}/method/save", data={"version": "1", key: str(leaf.max_points + 2)})
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "各评分项分值合计102分，应为100分" in text
    assert f'value="{leaf.max_points + 2}"' in text  # the staff's figure stays in the field
    db.session.expire_all()
    assert ops.stored_method(draft).version == 1
    # Not a number: the field says so.
    response = client.post(f"/tenders/{draft.id}/method/save", data={"version": "1", key: "很多"})
    assert response.status_code == 400 and "须为数字" in response.get_data(as_text=True)
    # A valid edit: a gate's wording.
    gate = COMPREHENSIVE.gates[0]
    response = client.post(f"/tenders/{draft.id}/method/save",
                           data={"version": "1", f"gate-{gate.code}-requirement": "经营范围包含物业服务"})
    assert response.status_code == 302
    db.session.expire_all()
    row = ops.stored_method(draft)
    assert row.version == 2 and row.method.gates[0].requirement == "经营范围包含物业服务"
    # A second tab still on version 1 is refused.
    response = client.post(f"/tenders/{draft.id}/method/save", data={"version": "1", f"gate-{gate.code}-title": "执照"})
    assert response.status_code == 400 and "已被他人修改" in response.get_data(as_text=True)


def test_an_overlong_title_is_refused_in_chinese(app, login, staff, draft):
    _csrf_free(app)
    perform(ops.choose_template, draft, staff, "comprehensive")
    leaf = _tiered()
    data = {"version": "1", f"leaf-{leaf.code}-title": "长" * 101}
    response = login(staff).post(f"/tenders/{draft.id}/method/save", data=data)
    assert response.status_code == 400 and "不能超过100个字" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, status", [(Role.SUPERVISOR, 200), (Role.BIDDER, 403), (Role.EXPERT, 403),
                                          (Role.OPENER, 403), (None, 302)])
def test_who_reads_the_editor(app, client, login, staff, draft, role, status):
    perform(ops.choose_template, draft, staff, "comprehensive")
    if role is not None:
        login(make_user(role))
    response = client.get(f"/tenders/{draft.id}/method")
    assert response.status_code == status
    if status == 200:  # the supervisor reads, without an editor
        text = response.get_data(as_text=True)
        assert 'id="method-form"' not in text and COMPREHENSIVE.gates[0].title in text


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.BIDDER, Role.EXPERT])
def test_only_staff_change_it(app, login, staff, draft, role):
    _csrf_free(app)
    client = login(make_user(role))
    assert client.post(f"/tenders/{draft.id}/method/template", data={"template": "comprehensive"}).status_code == 403
    assert client.post(f"/tenders/{draft.id}/method/save", data={"version": "1"}).status_code == 403
    assert ops.stored_method(draft) is None


@pytest.mark.parametrize("role", [None, Role.BIDDER, Role.EXPERT, Role.STAFF])
def test_a_draft_method_is_nobodys_to_read_publicly(client, login, staff, draft, role):
    perform(ops.choose_template, draft, staff, "comprehensive")
    if role is not None:
        login(make_user(role))
    assert client.get(f"/notices/{draft.id}/method").status_code == 404


@pytest.mark.parametrize("role", [None, Role.BIDDER, Role.EXPERT])
def test_the_published_method_is_public(client, login, staff, role):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    db.session.commit()
    if role is not None:
        login(make_user(role))
    for url in (f"/notices/{tender.id}/method", f"/notices/{tender.id}"):
        text = client.get(url).get_data(as_text=True)
        assert 'id="published-method"' in text and COMPREHENSIVE.gates[0].title in text
        assert "价格分＝基准价÷投标总价×" in text and "四舍五入" in text
        assert "低于全部有效报价算术平均值的80%" in text  # the low-price trigger bidders are told of
        assert "相差10分及以上的，提示偏离" in text  # and the outlier thresholds the chair's warnings use


def test_after_publication_an_edit_needs_a_reason_and_becomes_a_clarification(app, login, staff):
    _csrf_free(app)
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    db.session.commit()
    client = login(staff)
    page = client.get(f"/tenders/{tender.id}/method").get_data(as_text=True)
    assert 'id="template-form"' not in page and "修改理由" in page
    response = client.post(f"/tenders/{tender.id}/method/save", data={"version": "1", "rounding-places": "3"})
    assert response.status_code == 400 and "请填写修改评分办法的理由" in response.get_data(as_text=True)
    response = client.post(f"/tenders/{tender.id}/method/save",
                           data={"version": "1", "rounding-places": "3", "reason": "保留三位小数"})
    assert response.status_code == 302
    assert ops.method_of(tender).rounding.places == 3
    assert "评分办法修改（第 2 版）" in client.get(f"/notices/{tender.id}").get_data(as_text=True)


def test_staff_switch_the_price_formula_to_the_mean_price_deviation(app, login, staff, draft):
    _csrf_free(app)
    perform(ops.choose_template, draft, staff, "comprehensive")
    price = next(leaf for leaf in COMPREHENSIVE.leaves() if hasattr(leaf.scale, "formula"))
    key = f"leaf-{price.code}"
    client = login(staff)
    response = client.post(f"/tenders/{draft.id}/method/save", data={
        "version": "1", f"{key}-formula": "deviation", f"{key}-base": "mean", f"{key}-above": "0.5",
        f"{key}-below": "0.25"})
    assert response.status_code == 302
    formula = ops.stored_method(draft).method.criterion(price.code).scale.formula
    assert (formula.base.kind, formula.above_per_unit, formula.below_per_unit) == ("mean", Decimal("0.5"),
                                                                                 Decimal("0.25"))
    assert formula.weight == price.max_points
    text = client.get(f"/tenders/{draft.id}/method").get_data(as_text=True)
    assert "每高于基准价1%扣0.5分，每低于1%扣0.25分" in text
    response = client.post(f"/tenders/{draft.id}/method/save", data={"version": "2", f"{key}-formula": "guess"})
    assert response.status_code == 400 and "请从列表中选择价格公式" in response.get_data(as_text=True)


def test_staff_set_the_low_price_trigger_in_the_editor_and_it_is_published(app, login, staff, draft):
    """条例第五十一条: the mean share and the staffing floor (minimum wage, social insurance) are part of the method."""
    _csrf_free(app)
    perform(ops.choose_template, draft, staff, "comprehensive")
    client = login(staff)
    page = client.get(f"/tenders/{draft.id}/method").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="lowprice-mean"[^>]*>', page).group(0)
    assert 'id="lowprice-mean"' in field and 'maxlength="12"' in field and 'value="80"' in field
    data = {"version": "1", "lowprice-mean": "85", "lowprice-wage": "2200", "lowprice-insurance": "32.5",
            "lowprice-ceiling": "", "lowprice-ceiling-share": ""}
    bad = client.post(f"/tenders/{draft.id}/method/save", data=data | {"lowprice-insurance": "130"})
    assert bad.status_code == 400 and "须在0到100之间" in bad.get_data(as_text=True)
    bad = client.post(f"/tenders/{draft.id}/method/save", data=data | {"lowprice-ceiling-share": "70"})
    assert bad.status_code == 400 and "须填写最高投标限价" in bad.get_data(as_text=True)
    db.session.expire_all()
    assert ops.stored_method(draft).version == 1
    assert client.post(f"/tenders/{draft.id}/method/save", data=data).status_code == 302
    db.session.expire_all()
    rule = ops.stored_method(draft).method.low_price
    assert (rule.mean_share, rule.minimum_wage, rule.social_insurance_rate) == (
        Decimal("0.85"), Decimal(2200), Decimal("0.325"))
    assert rule.ceiling is None and rule.ceiling_share is None
    text = client.get(f"/tenders/{draft.id}/method").get_data(as_text=True)
    assert "低于全部有效报价算术平均值的85%" in text and "最低工资标准2200元" in text and "费率按32.5%计" in text


def test_staff_set_the_outlier_thresholds_in_the_editor_and_they_are_published(app, login, staff, draft):
    """The chair's outlier warnings follow thresholds fixed with the method, not the library's defaults."""
    _csrf_free(app)
    perform(ops.choose_template, draft, staff, "comprehensive")
    client = login(staff)
    page = client.get(f"/tenders/{draft.id}/method").get_data(as_text=True)
    assert "偏离提示阈值（分）" in page and "倾向性提示的评分项比例（%）" in page
    assert 'value="80"' in re.search(r'<input[^>]*name="outlier-favour-share"[^>]*>', page).group(0)
    data = {"version": "1", "outlier-far": "12.5", "outlier-favour": "4", "outlier-favour-share": "75"}
    for field, value, message in (("outlier-far", "0", "偏离提示阈值（分）须大于零"),
                                  ("outlier-favour-share", "120", "比例须大于0%且不超过100%"),
                                  ("outlier-favour", "许多", "倾向性提示阈值（分）须为数字")):
        bad = client.post(f"/tenders/{draft.id}/method/save", data=data | {field: value})
        assert bad.status_code == 400 and message in bad.get_data(as_text=True), field
    db.session.expire_all()
    assert ops.stored_method(draft).version == 1
    assert client.post(f"/tenders/{draft.id}/method/save", data=data).status_code == 302
    db.session.expire_all()
    rule = ops.stored_method(draft).method.outliers
    assert (rule.far_points, rule.favour_points, rule.favour_share) == (Decimal("12.5"), 4, Decimal("0.75"))
    assert "相差12.5分及以上的，提示偏离" in client.get(f"/tenders/{draft.id}/method").get_data(as_text=True)
