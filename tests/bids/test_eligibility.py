"""Who may bid: signed up, qualified (合格), invited where the procedure invites, not blocked by 第三十四条."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tender.auth.roles import Role
from tender.bidders.models import RelatedDecision, RelatedFinding
from tender.bids.eligibility import bid_refusal
from tender.bids.models import Bid, BidStatus
from tender.db import utcnow
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Registration
from tender.notices.procedures import Procedure
from tender.qualification.models import QualificationItem, QualificationSubmission, SubmissionStatus
from tests import factories
from tests.bids.helpers import Uploader, padded_pdf, qualified_bidder, sealed_tender


@pytest.fixture
def sealed(app):
    return sealed_tender()


def test_a_qualified_signed_up_company_may_bid(sealed):
    bidder = qualified_bidder(sealed.tender)
    assert bid_refusal(sealed.tender, bidder.company_id) is None


def test_a_company_that_did_not_sign_up_may_not(sealed):
    outsider = factories.make_user(Role.BIDDER)
    assert "尚未报名" in bid_refusal(sealed.tender, outsider.company_id)


@pytest.mark.parametrize("status, words", [
    (None, "须通过本项目的资格审查"),
    (SubmissionStatus.DRAFT, "须通过本项目的资格审查"),
    (SubmissionStatus.SUBMITTED, "须通过本项目的资格审查"),
    (SubmissionStatus.FAILED, "资格审查结论为“不合格”"),
])
def test_only_qualified_companies_may_bid(sealed, status, words):
    checklist(sealed.tender)
    bidder = qualified_bidder(sealed.tender, status=status)
    assert words in bid_refusal(sealed.tender, bidder.company_id)


def checklist(tender):
    db.session.add(QualificationItem(tender_id=tender.id, title="营业执照"))
    db.session.flush()


@pytest.mark.parametrize("procedure", list(Procedure))
def test_without_a_qualification_checklist_signing_up_is_enough(app, procedure):
    """A 三家比价 (or a tender qualified after the opening) has no qualification step: registered invitees bid."""
    sealed = sealed_tender(procedure=procedure)
    bidder = qualified_bidder(sealed.tender, status=None, invite=procedure.by_invitation)
    assert bid_refusal(sealed.tender, bidder.company_id) is None
    checklist(sealed.tender)  # once the tender has a checklist, the company must pass it
    assert "须通过本项目的资格审查" in bid_refusal(sealed.tender, bidder.company_id)
    if procedure.by_invitation:
        stranger = qualified_bidder(sealed.tender, status=None)
        assert "仅受邀单位" in bid_refusal(sealed.tender, stranger.company_id)


def test_a_company_dropped_by_the_shortlist_may_not_bid(sealed):
    bidder = qualified_bidder(sealed.tender)
    submission = db.session.scalar(db.select(QualificationSubmission).filter_by(company_id=bidder.company_id))
    submission.shortlisted = False
    assert "合格（未入围）" in bid_refusal(sealed.tender, bidder.company_id)


@pytest.mark.parametrize("procedure", [Procedure.INVITED, Procedure.QUOTES])
def test_invitation_procedures_take_invitees_only(app, procedure):
    sealed = sealed_tender(procedure=procedure)
    invitee = qualified_bidder(sealed.tender, invite=True)
    stranger = qualified_bidder(sealed.tender)
    assert bid_refusal(sealed.tender, invitee.company_id) is None
    assert f"本项目为{procedure.label}，仅受邀单位可以投标" in bid_refusal(sealed.tender, stranger.company_id)


def _related(tender, a, b, decision=RelatedDecision.RELATED, rule="same_legal_rep"):
    finding = RelatedFinding(tender_id=tender.id, key=f"{rule}:{a.company_id}:{b.company_id if b else ''}", rule=rule,
                             company_a_id=a.company_id, company_b_id=b.company_id if b else None,
                             evidence="法定代表人相同", decision=decision.value if decision else None)
    db.session.add(finding)
    db.session.flush()
    return finding


def _submitted(tender, user):
    db.session.add(Bid(tender_id=tender.id, company_id=user.company_id, status=BidStatus.SUBMITTED,
                       submitted_at=utcnow()))
    db.session.flush()


def test_a_related_company_may_not_bid_once_its_relative_has(sealed):
    first, second = qualified_bidder(sealed.tender), qualified_bidder(sealed.tender)
    _related(sealed.tender, first, second)
    assert bid_refusal(sealed.tender, second.company_id) is None  # nobody bids yet: the first may go ahead
    _submitted(sealed.tender, first)
    reason = bid_refusal(sealed.tender, second.company_id)
    assert "第三十四条" in reason and first.company.name in reason and "不能再投标" in reason


@pytest.mark.parametrize("decision", [None, RelatedDecision.CLEARED])
def test_an_undecided_or_cleared_finding_blocks_nobody(sealed, decision):
    first, second = qualified_bidder(sealed.tender), qualified_bidder(sealed.tender)
    _related(sealed.tender, first, second, decision=decision)
    _submitted(sealed.tender, first)
    assert bid_refusal(sealed.tender, second.company_id) is None


def test_a_company_with_an_interest_in_the_tenderer_may_not_bid_at_all(sealed):
    affiliate = qualified_bidder(sealed.tender)
    _related(sealed.tender, affiliate, None, rule="developer_interest")
    assert "与招标人存在利害关系" in bid_refusal(sealed.tender, affiliate.company_id)


def test_the_server_clock_decides_the_deadline(sealed):
    bidder = qualified_bidder(sealed.tender)
    deadline = sealed.tender.bid_deadline
    assert bid_refusal(sealed.tender, bidder.company_id, now=deadline - timedelta(seconds=1)) is None
    assert "已过" in bid_refusal(sealed.tender, bidder.company_id, now=deadline)


def test_a_draft_or_unsealed_tender_takes_no_bids(app):
    staff = factories.make_user(Role.STAFF)
    draft = factories.make_tender(staff)
    bidder = factories.make_user(Role.BIDDER)
    db.session.add(Registration(tender=draft, company_id=bidder.company_id, user_id=bidder.id))
    assert "尚未发布" in bid_refusal(draft, bidder.company_id)
    unsealed = factories.make_tender(staff, status=TenderStatus.PUBLISHED)
    bidder = qualified_bidder(unsealed)
    assert "密封公钥" in bid_refusal(unsealed, bidder.company_id)


def test_the_page_says_why_and_the_upload_is_refused(client, login, sealed):
    first, second = qualified_bidder(sealed.tender), qualified_bidder(sealed.tender)
    _related(sealed.tender, first, second)
    _submitted(sealed.tender, first)
    db.session.commit()
    login(second)
    page = client.get(f"/my/bids/{sealed.tender.id}").get_data(as_text=True)
    assert "第三十四条" in page and first.company.name in page and 'id="upload-business"' not in page
    reply = Uploader(client, sealed.tender.id).start("business", "商务标.pdf", padded_pdf(2000))
    assert reply.status_code == 422 and "第三十四条" in reply.get_json()["message"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Bid).filter_by(
        company_id=second.company_id)) == 0


def test_an_unqualified_company_sees_why(client, login, sealed):
    bidder = qualified_bidder(sealed.tender, status=SubmissionStatus.FAILED)
    db.session.commit()
    login(bidder)
    page = client.get(f"/my/bids/{sealed.tender.id}").get_data(as_text=True)
    assert "资格审查结论为“不合格”" in page
