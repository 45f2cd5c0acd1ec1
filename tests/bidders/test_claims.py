"""Credit-code squatting (issue 8, defect 13): a claim blocks nobody until staff verify it against the 营业执照."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.bidders import operations as ops
from tender.bidders.models import Company
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.notifications.models import Message
from tender.unit_of_work import perform
from tests.bidders.test_registry import profile
from tests.factories import credit_code, make_company, make_tender, make_user, minimal_pdf

CODE = credit_code(7777)


def _bidder(n: int):
    user = make_user(Role.BIDDER, company=make_company(complete=False), company_admin=True)
    db.session.commit()
    return user


def _claim(user, n: int, code: str = CODE, licence: bool = True):
    perform(ops.save_company, user.company, user, **profile(n, credit_code=code))
    if licence:
        perform(ops.add_company_file, user.company, user, "license", "营业执照", f"执照{n}.pdf",
                minimal_pdf() + str(n).encode())
    return user.company


@pytest.fixture
def squatted(app):
    """A squatter claims the victim's code first; the victim then claims it too."""
    squatter, victim = _bidder(1), _bidder(2)
    _claim(squatter, 1)
    _claim(victim, 2)
    return squatter, victim


def test_a_squatted_code_does_not_stop_the_real_company(app, staff, squatted):
    squatter, victim = squatted
    assert squatter.company.credit_code == victim.company.credit_code == CODE
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    assert perform(notice_ops.register_company, tender, victim).company_id == victim.company_id


def test_staff_verify_one_claim_and_the_others_are_rejected_with_notice(app, staff, squatted):
    squatter, victim = squatted
    rejected = perform(ops.verify_credit_code, victim.company, staff)
    assert [c.id for c in rejected] == [squatter.company_id]
    db.session.expire_all()
    assert victim.company.credit_code_verified and victim.company.verified_credit_code == CODE
    assert squatter.company.credit_code is None and not squatter.company.credit_code_verified
    note = db.session.scalar(sa.select(Message).where(Message.user_id == squatter.id))
    assert note is not None and CODE in note.body and "驳回" in note.subject
    actions = db.session.scalars(sa.select(AuditEntry.action)).all()
    assert "company.credit_code.verify" in actions and "company.credit_code.reject" in actions
    # The squatter can neither take the code back nor sign up without a code.
    with pytest.raises(DomainError, match="经招标人核验"):
        perform(ops.save_company, squatter.company, squatter, **profile(1, credit_code=CODE))
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    with pytest.raises(DomainError, match="统一社会信用代码"):
        perform(notice_ops.register_company, tender, squatter)


def test_verification_needs_a_licence_and_staff(app, staff):
    user = _bidder(3)
    company = _claim(user, 3, licence=False)
    with pytest.raises(DomainError, match="营业执照"):
        perform(ops.verify_credit_code, company, staff)
    with pytest.raises(NotAllowed):
        perform(ops.verify_credit_code, company, user)
    assert not db.session.get(Company, company.id).credit_code_verified


def test_verified_code_cannot_be_verified_twice(app, staff, squatted):
    _, victim = squatted
    perform(ops.verify_credit_code, victim.company, staff)
    with pytest.raises(DomainError, match="已核验"):
        perform(ops.verify_credit_code, victim.company, staff)


def test_changing_a_verified_code_drops_the_verification(app, staff):
    user = _bidder(4)
    company = _claim(user, 4)
    perform(ops.verify_credit_code, company, staff)
    perform(ops.save_company, company, user, **profile(4, credit_code=credit_code(7778)))
    db.session.expire_all()
    assert not company.credit_code_verified and company.verified_credit_code is None


# Over HTTP

def test_staff_list_conflicts_and_resolve_one(app, client, login, staff, squatted):
    squatter, victim = squatted
    login(staff)
    page = client.get("/companies/claims").get_data(as_text=True)
    assert CODE in page and squatter.company.name in page and victim.company.name in page
    response = client.post(f"/companies/{victim.company_id}/verify")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Company, victim.company_id).credit_code_verified
    assert db.session.get(Company, squatter.company_id).credit_code is None
    assert "没有重复登记" in client.get("/companies/claims").get_data(as_text=True)


def test_a_verify_that_breaks_a_rule_is_a_message(app, client, login, staff):
    user = _bidder(5)
    company = _claim(user, 5, licence=False)
    login(staff)
    response = client.post(f"/companies/{company.id}/verify", follow_redirects=True)
    assert response.status_code == 200 and "尚未上传营业执照" in response.get_data(as_text=True)


@pytest.mark.parametrize("role, method, path, expected", [
    (None, "GET", "/companies/claims", 302),
    (None, "POST", "/companies/{id}/verify", 302),
    (Role.BIDDER, "GET", "/companies/claims", 403),
    (Role.BIDDER, "POST", "/companies/{id}/verify", 403),
    (Role.SUPERVISOR, "GET", "/companies/claims", 200),
    (Role.SUPERVISOR, "POST", "/companies/{id}/verify", 403),
    (Role.EXPERT, "POST", "/companies/{id}/verify", 403),
])
def test_only_staff_may_resolve_claims(app, client, login, squatted, role, method, path, expected):
    _, victim = squatted
    if role is not None:
        login(make_user(role))
    response = client.open(path.format(id=victim.company_id), method=method)
    assert response.status_code == expected
    if role is None:
        assert "/login" in response.headers["Location"]
    assert not db.session.get(Company, victim.company_id).credit_code_verified
