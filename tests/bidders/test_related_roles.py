"""One person in several posts of one company: one finding listing every post, never a 500 (issue 8, defect 2)."""
from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from scoring.collusion.related import Affiliate, Person, find_related
from tender.auth.roles import Role
from tender.bidders import findings
from tender.bidders.models import Officer, RelatedFinding
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Registration
from tender.unit_of_work import perform
from tests.factories import make_company, make_tender
from tests.scoring.collusion.test_related import ID_1, ID_3, A, B


def test_legal_rep_who_is_also_a_director_gives_one_finding_with_every_post():
    a = replace(A, officers=(Person(ID_1, "张三", "董事"),))
    b = replace(B, officers=(Person(ID_1, "张三", "监事"), Person(ID_1, "张三", "总经理")))
    found = find_related([a, b])
    assert [f.rule for f in found] == ["officer_overlap"]
    evidence = found[0].evidence
    assert "法定代表人、董事" in evidence and "监事、总经理" in evidence


def test_same_legal_rep_who_is_director_in_both_gives_distinct_keys():
    a = replace(A, officers=(Person(ID_1, "张三", "董事"),))
    b = replace(B, legal_rep_id=ID_1, legal_rep_name="张三", officers=(Person(ID_1, "张三", "董事"),))
    found = find_related([a, b])
    assert len({f.key for f in found}) == len(found)
    assert "same_legal_rep" in {f.rule for f in found}


def test_key_staff_listed_twice_gives_one_finding():
    a = replace(A, key_staff=(Person(ID_3, "王五", "项目经理"),))
    b = replace(B, key_staff=(Person(ID_3, "王五", "项目经理"), Person(ID_3, "王五", "项目经理")))
    assert [f.rule for f in find_related([a, b])] == ["key_staff_overlap"]


def test_two_affiliates_with_one_credit_code_give_one_finding():
    found = find_related([A, B], affiliates=[Affiliate("甲物业", "CODE-A"), Affiliate("甲物业（旧名）", "CODE-A")])
    assert len(found) == len({f.key for f in found}) == 1
    assert "甲物业（旧名）" in found[0].evidence


def _two_bidders_sharing_a_director(staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    first, second = make_company(), make_company()
    # The first company's legal representative is also its 董事 and sits on the second's board as 监事 and 总经理.
    first.officers.append(Officer(name=first.legal_rep_name, id_number=first.legal_rep_id, post="董事"))
    for post in ("监事", "总经理"):
        second.officers.append(Officer(name=first.legal_rep_name, id_number=first.legal_rep_id, post=post))
    for company in (first, second):
        db.session.add(Registration(tender=tender, company_id=company.id, user_id=staff.id))
    db.session.commit()
    return tender, first, second


def test_detect_stores_one_finding_per_person(app, staff):
    tender, first, second = _two_bidders_sharing_a_director(staff)
    added = perform(findings.detect_related, tender, staff)
    assert [f.rule for f in added] == ["officer_overlap"]
    assert "法定代表人、董事" in added[0].evidence and "监事、总经理" in added[0].evidence
    assert perform(findings.detect_related, tender, staff) == []  # a second run finds the same, adds nothing


def test_detect_over_http_does_not_fail(app, client, login, staff):
    tender, first, second = _two_bidders_sharing_a_director(staff)
    login(staff)
    response = client.post(f"/tenders/{tender.id}/related/detect")
    assert response.status_code == 302
    page = client.get(f"/tenders/{tender.id}/related").get_data(as_text=True)
    assert "法定代表人、董事" in page
    rows = db.session.scalars(sa.select(RelatedFinding).where(RelatedFinding.tender_id == tender.id)).all()
    assert len(rows) == 1 and {rows[0].company_a_id, rows[0].company_b_id} == {first.id, second.id}


def test_bidder_cannot_run_the_check(client, login, staff):
    from tests.factories import make_user

    tender, _, _ = _two_bidders_sharing_a_director(staff)
    login(make_user(Role.BIDDER))
    assert client.post(f"/tenders/{tender.id}/related/detect").status_code == 403
