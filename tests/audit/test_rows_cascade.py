"""Rows that the application deletes along with an audited parent are not reported as tampering."""
from __future__ import annotations

from tender.audit.rows import row_differences
from tender.notices import operations as notice_ops
from tender.qualification import operations as qual_ops
from tender.unit_of_work import perform
from tests.audit.test_rows import answered_item, new_tender
from tests.factories import minimal_pdf


def test_removing_a_draft_document_is_not_a_difference(app, staff):
    tender = new_tender(staff)
    document = perform(notice_ops.add_document, tender, staff, "招标文件", "a.pdf", minimal_pdf())
    perform(notice_ops.remove_document, document, staff)
    assert row_differences() == []


def test_removing_an_item_with_draft_answers_is_not_a_difference(app, staff):
    _, _, item = answered_item(staff, "3")
    perform(qual_ops.remove_item, item, staff)
    assert row_differences() == []
