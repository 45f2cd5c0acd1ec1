"""The committee pages: who may open them, and that the routes do what the operations promise."""
from __future__ import annotations

import pytest

from tender.auth.roles import Role
from tender.committee import operations as ops
from tender.extensions import db
from tender.unit_of_work import perform
from tests.committee.helpers import make_pool, tender_with_bidders
from tests.factories import make_user


def _drawn(staff):
    experts = {str(e.id): e for e in make_pool(staff, 8)}
    tender, bidders = tender_with_bidders(staff)
    draw = perform(ops.draw_tender_committee, tender, staff, 5, seed="views")
    return tender, draw, experts, bidders


def test_staff_draw_in_the_browser_and_replay(client, login, staff):
    make_pool(staff, 8)
    tender, _ = tender_with_bidders(staff)
    db.session.commit()
    login(staff)
    page = client.post(f"/committee/tenders/{tender.id}", data={"size": 4, "representatives": 0, "reserve_count": 2},
                       follow_redirects=True).get_data(as_text=True)
    assert "评标委员会至少5人，当前4人" in page and ops.draw_of(tender) is None
    client.post(f"/committee/tenders/{tender.id}", data={"size": 5, "representatives": 0, "reserve_count": 2})
    draw = ops.draw_of(tender)
    assert draw is not None and len(draw.members) == 5
    page = client.post(f"/committee/tenders/{tender.id}/verify", follow_redirects=True).get_data(as_text=True)
    assert "复核一致" in page and draw.seed in page
    assert f"/committee/tenders/{tender.id}" in client.get(f"/tenders/{tender.id}").get_data(as_text=True)


def test_a_bidder_never_sees_expert_names(client, login, staff):
    tender, draw, experts, bidders = _drawn(staff)
    db.session.commit()
    login(bidders[0])
    for url in (f"/committee/tenders/{tender.id}", f"/notices/{tender.id}", "/my/tenders"):
        response = client.get(url)
        text = response.get_data(as_text=True)
        assert not any(draw.name_of(m) in text for m in draw.members), url
    assert client.get(f"/committee/tenders/{tender.id}").status_code == 403


def test_an_expert_not_drawn_cannot_open_the_committee_page(client, login, staff):
    tender, draw, experts, _ = _drawn(staff)
    outsider = make_user(Role.EXPERT)
    reserve = experts[draw.reserves[0]]
    db.session.commit()
    for user in (outsider, reserve):
        login(user)
        assert client.get(f"/committee/tenders/{tender.id}").status_code == 404
        assert client.get(f"/committee/tenders/{tender.id}/declare").status_code == 404
        assert draw.name_of(draw.members[0]) not in client.get("/committee/mine").get_data(as_text=True)
    member = experts[draw.members[0]]
    login(member)
    assert client.get(f"/committee/tenders/{tender.id}").status_code == 200
    assert tender.title in client.get("/committee/mine").get_data(as_text=True)


def test_an_expert_declares_only_for_themselves(client, login, staff):
    tender, draw, experts, bidders = _drawn(staff)
    first, second = experts[draw.members[0]], experts[draw.members[1]]
    db.session.commit()
    login(first)
    client.post(f"/committee/tenders/{tender.id}/declare", data={"conflict": "0"})
    assert ops.declaration_of(tender, first) is not None and ops.declaration_of(tender, second) is None
    login(second)
    client.post(f"/committee/tenders/{tender.id}/declare",
                data={"conflict": "1", "company_name": bidders[0].company.name, "reason": "曾任该公司顾问"})
    db.session.expire_all()
    assert ops.declaration_of(tender, second).conflict and str(second.id) not in ops.draw_of(tender).members


def test_an_expert_keeps_only_their_own_relations(client, login, staff):
    experts = make_pool(staff, 2)
    db.session.commit()
    login(experts[0])
    assert client.post(f"/committee/experts/{experts[1].id}/relations",
                       data={"company_name": "甲公司", "relation": "亲属"}).status_code == 404
    client.post(f"/committee/experts/{experts[0].id}/relations", data={"company_name": "甲公司", "relation": "亲属"})
    page = client.get("/committee/mine").get_data(as_text=True)
    assert "甲公司" in page and "亲属" in page
    profile = ops.profile_of(experts[0])
    login(experts[1])
    assert client.post(f"/committee/relations/{profile.relations[0].id}/remove").status_code == 404


def test_staff_keep_the_pool(client, login, staff):
    expert = make_user(Role.EXPERT, name="库内专家")
    db.session.commit()
    login(staff)
    client.post(f"/committee/experts/{expert.id}", data={"specialty": "法律", "organisation": "某律师事务所",
                                                          "external": "y", "in_pool": "y"})
    assert "某律师事务所" in client.get("/committee/experts").get_data(as_text=True)
    login(make_user(Role.SUPERVISOR))
    assert client.get(f"/committee/experts/{expert.id}").status_code == 200
    assert client.post(f"/committee/experts/{expert.id}", data={"specialty": "工程"}).status_code == 403


def test_staff_name_a_cleared_member_chair(app, client, login, staff):
    """评标委员会负责人: named by the tenderer among the members who declared no conflict; audited."""
    from tender.committee.permissions import is_chair
    from tender.errors import DomainError, NotAllowed

    app.config["WTF_CSRF_ENABLED"] = False
    experts = {str(e.id): e for e in make_pool(staff, 7)}
    tender, _ = tender_with_bidders(staff)
    draw = perform(ops.draw_tender_committee, tender, staff, 5, seed="chair")
    first, second = experts[draw.members[0]], experts[draw.members[1]]
    outsider = experts[draw.reserves[0]]
    with pytest.raises(DomainError, match="尚未声明"):
        perform(ops.appoint_chair, draw, staff, first.id)
    perform(ops.declare_conflict, tender, first, False)
    with pytest.raises(DomainError, match="须为本项目评标委员会成员"):
        perform(ops.appoint_chair, draw, staff, outsider.id)
    with pytest.raises(NotAllowed):
        perform(ops.appoint_chair, draw, first, first.id)
    login(staff)
    page = client.get(f"/committee/tenders/{tender.id}").get_data(as_text=True)
    assert 'id="chair-form"' in page and "未确定" in page
    assert client.post(f"/committee/tenders/{tender.id}/chair", data={"expert": str(second.id)}).status_code == 302
    db.session.expire_all()
    assert draw.chair_id is None  # not offered: the second member has not declared
    assert client.post(f"/committee/tenders/{tender.id}/chair", data={"expert": str(first.id)}).status_code == 302
    db.session.expire_all()
    assert draw.chair_id == first.id and is_chair(tender, first) and not is_chair(tender, second)
    assert f"评标委员会负责人：{first.name}" in client.get(f"/committee/tenders/{tender.id}").get_data(as_text=True)
    login(first)
    assert client.post(f"/committee/tenders/{tender.id}/chair", data={"expert": str(first.id)}).status_code == 403
