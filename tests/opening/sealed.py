"""Publishing a sealed tender for the opening tests: a real publication with real officer keys."""
from __future__ import annotations

from datetime import timedelta

from tender.auth.roles import Role
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.models import Invitation
from tender.notices.procedures import Procedure
from tender.unit_of_work import perform
from tests.factories import add_document, make_company, make_officers, make_tender, make_user


def publish(procedure=Procedure.OPEN, officers=None, threshold=None, bids=3):
    """A published tender with `bids` complete sealed bids (three: below that the law forbids an opening)."""
    from tests.opening.bidding import add_bids

    staff = make_user(Role.STAFF)
    tender = make_tender(staff, procedure=procedure)
    if procedure.by_invitation:  # 邀请招标 and 三家比价 invite at least 3 companies, before the deadline
        tender.invitations.extend(Invitation(company_id=make_company().id) for _ in range(3))
        tender.docs_to = tender.bid_deadline - timedelta(days=1)
    add_document(tender, staff)
    officers = officers if officers is not None else make_officers(3)
    db.session.commit()
    perform(notice_ops.publish_tender, tender, staff, officers=officers, threshold=threshold)
    add_bids(tender, bids)
    return tender, officers


def after_deadline(tender, minutes=1):
    return tender.bid_deadline + timedelta(minutes=minutes)
