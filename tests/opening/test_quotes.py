"""三家比价: one officer may open, at least three quotes, a one-page 比价记录 published at once, no objection."""
from __future__ import annotations

import io

import docx
import pytest
import sqlalchemy as sa

from tender.auth.roles import Role
from tender.errors import DomainError
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notices.procedures import Procedure
from tender.opening import record as ops
from tender.opening.operations import unseal_tender
from tender.opening.record_models import RecordKind, RecordStatus
from tender.qualification.models import QualificationItem
from tender.unit_of_work import perform
from tests.factories import PASSPHRASE, make_officers, make_user
from tests.opening.bidding import add_bids
from tests.opening.sealed import after_deadline, publish


def quotes(count: int):
    """A 三家比价 with no qualification checklist: invited companies quote without a qualification step."""
    tender, (officer,) = publish(Procedure.QUOTES, officers=make_officers(1), bids=0)
    assert db.session.scalar(sa.select(sa.func.count(QualificationItem.id))) == 0
    bidders = add_bids(tender, count, status=None)
    return tender, officer, bidders


def test_one_officer_opens_three_quotes_into_a_published_comparison_record(client, login):
    tender, officer, bidders = quotes(3)
    assert perform(unseal_tender, tender, officer, {officer: PASSPHRASE}, after_deadline(tender)).opened
    db.session.expire_all()
    rec = tender.opening_record
    assert rec.kind is RecordKind.QUOTES and rec.status is RecordStatus.PUBLISHED and rec.published_at
    assert [e.company_name for e in rec.entries] == [b.company.name for b in bidders]
    assert all(e.files_ok and e.annual_total for e in rec.entries)
    with pytest.raises(DomainError, match="开标已结束"):
        perform(ops.raise_objection, rec, bidders[0], "异议")
    login(bidders[1])
    page = client.get(f"/opening/tenders/{tender.id}/record").get_data(as_text=True)
    assert "比价记录" in page and "1,083,600.00" in page and "提出异议" not in page and "保证金" not in page
    document = docx.Document(io.BytesIO(client.get(f"/opening/tenders/{tender.id}/record.docx").data))
    assert len(document.tables) == 1 and len(document.tables[0].columns) == 5
    assert [row.cells[1].text for row in document.tables[0].rows[1:]] == [b.company.name for b in bidders]
    assert "异议" not in "\n".join(p.text for p in document.paragraphs)


def test_two_quotes_are_not_opened_and_the_comparison_fails(app):
    tender, officer, _ = quotes(2)
    result = perform(unseal_tender, tender, officer, {officer: PASSPHRASE}, after_deadline(tender))
    assert not result.opened and "报价只有 2 家" in result.problems[0]
    perform(ops.fail_for_too_few_bids, tender, make_user(Role.STAFF), after_deadline(tender))
    db.session.expire_all()
    assert tender.status is TenderStatus.FAILED and tender.opening_record is None
