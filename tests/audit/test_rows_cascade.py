"""Rows that the application deletes along with an audited parent are not reported as tampering."""
from __future__ import annotations

from decimal import Decimal

from tender.audit.rows import row_differences
from tender.auth.roles import Role
from tender.notices import operations as notice_ops
from tender.notices.procedures import TenderStatus
from tender.qualification import operations as qual_ops
from tender.web import perform
from tests.audit.test_rows import new_tender
from tests.factories import make_tender, make_user, minimal_pdf


def test_removing_a_draft_document_is_not_a_difference(app, staff):
    with app.test_request_context():
        tender = new_tender(staff)
        document = perform(notice_ops.add_document, staff, tender, "招标文件", "a.pdf", minimal_pdf())
        perform(notice_ops.remove_document, staff, document)
    assert row_differences() == []


def test_removing_an_item_with_draft_answers_is_not_a_difference(app, staff):
    with app.test_request_context():
        tender = make_tender(staff, status=TenderStatus.PUBLISHED)
        bidder = make_user(Role.BIDDER)
        perform(notice_ops.register_company, bidder, tender)
        item = perform(qual_ops.add_item, tender, staff, title="类似项目", kind="projects", min_value=Decimal("2"),
                       evidence="合同")
        perform(qual_ops.answer_item, tender, bidder, item, "3", "a.pdf", minimal_pdf())
        perform(qual_ops.remove_item, item, staff)
    assert row_differences() == []
