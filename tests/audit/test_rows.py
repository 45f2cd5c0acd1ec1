"""`audit verify --rows`: business rows edited behind the application's back are listed."""
from __future__ import annotations

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tender.audit.rows import row_differences
from tender.auth.roles import Role
from tender.bidders import operations as bidder_ops
from tender.extensions import db
from tender.methods import operations as method_ops
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.notices.procedures import Procedure, SaleMode
from tender.qualification import operations as qual_ops
from tender.qualification.models import SubmissionStatus
from tender.unit_of_work import perform
from tests.factories import make_officers, make_tender, make_user, minimal_pdf, valid_dates


def answered_item(staff, value: str):
    """A published tender where one bidder has answered a two-project requirement with `value` projects."""
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    bidder = make_user(Role.BIDDER)
    perform(notice_ops.register_company, tender, bidder)
    item = perform(qual_ops.add_item, tender, staff, title="类似项目", kind="projects", min_value=Decimal("2"),
                   evidence="合同")
    perform(qual_ops.answer_item, tender, bidder, item, value, "a.pdf", minimal_pdf())
    return tender, bidder, item


def run_rows(app):
    return app.test_cli_runner().invoke(args=["audit", "verify", "--rows"])


def new_tender(staff, max_price="1280000.00"):
    return perform(notice_ops.create_tender, staff, title="锦绣花园前期物业", procedure=Procedure.OPEN,
                   service_type="前期物业管理", tenderer="某置业", tenderer_address="", contact="", location="某地",
                   floor_area=Decimal("52000"), property_mix="", sale_mode=SaleMode.UNKNOWN, sale_date=None,
                   presale_date=None, delivery_date=None, max_price=Decimal(max_price), notice="公告",
                   **valid_dates())


def test_an_untouched_database_has_no_differences(app, staff):
    new_tender(staff)
    result = run_rows(app)
    assert result.exit_code == 0, result.output
    assert "no differences" in result.output


def test_a_directly_edited_maximum_price_is_listed(app, staff):
    tender = new_tender(staff)
    db.session.execute(sa.text("UPDATE tenders SET max_price = 1880000 WHERE id = :i"), {"i": tender.id})
    db.session.commit()
    result = run_rows(app)
    assert result.exit_code == 1
    assert f"tenders #{tender.id} max_price: audited 1280000.00, current 1880000.00" in result.output
    [diff] = row_differences()
    assert (diff.table, diff.row_id, diff.field) == ("tenders", tender.id, "max_price")


def test_a_numeric_value_written_differently_is_not_a_difference(app, staff):
    tender = new_tender(staff, max_price="1280000")  # the audit saw "1280000", the database has 1280000.00
    assert tender.id and row_differences() == []


@pytest.fixture
def failed_submission(app, staff):
    tender, bidder, _ = answered_item(staff, "1")
    submission = perform(qual_ops.submit_qualification, tender, bidder)
    perform(qual_ops.review_answer, submission.answers[0], staff, "fail", "类似项目不足 2 个")
    perform(qual_ops.conclude_review, submission, staff)
    assert submission.status is SubmissionStatus.FAILED
    return submission


def test_a_qualification_result_changed_by_sql_is_listed(app, failed_submission):
    assert row_differences() == []
    db.session.execute(sa.text("UPDATE qualification_submissions SET status = 'passed' WHERE id = :i"),
                       {"i": failed_submission.id})
    db.session.execute(sa.text("UPDATE qualification_answers SET decision = 'pass', reason = '' WHERE id = :i"),
                       {"i": failed_submission.answers[0].id})
    db.session.commit()
    result = run_rows(app)
    assert result.exit_code == 1
    out = result.output
    assert f"qualification_submissions #{failed_submission.id} status: audited failed, current passed" in out
    assert f"qualification_answers #{failed_submission.answers[0].id} decision: audited fail, current pass" in out
    assert "reason: audited 类似项目不足 2 个, current (empty)" in out
    assert "3 differences" in out


def test_a_row_deleted_without_an_audited_delete_is_listed(app, staff):
    affiliate_id = perform(bidder_ops.add_affiliate, staff, name="招标人母公司").id
    db.session.execute(sa.text("DELETE FROM developer_affiliates WHERE id = :i"), {"i": affiliate_id})
    db.session.commit()
    [diff] = row_differences()
    assert (diff.table, diff.row_id, diff.current) == ("developer_affiliates", affiliate_id, None)
    assert "row deleted" in run_rows(app).output


def test_a_row_deleted_through_the_application_is_not_listed(app, staff):
    affiliate = perform(bidder_ops.add_affiliate, staff, name="招标人母公司")
    perform(bidder_ops.remove_affiliate, affiliate, staff)
    assert row_differences() == []


def test_a_deadline_moved_by_a_clarification_is_audited_on_the_tender(app, staff):
    """A clarification moves the tender's 截标时间: that is audited, so only a later SQL edit is a difference."""
    tender = new_tender(staff)
    perform(notice_ops.add_document, tender, staff, "招标文件", "a.pdf", minimal_pdf())
    perform(method_ops.choose_template, tender, staff, "comprehensive")
    perform(notice_ops.publish_tender, tender, staff, officers=make_officers())
    new_deadline = tender.bid_deadline + timedelta(days=7)
    perform(notice_ops.publish_clarification, tender, staff, title="延期", body="截标时间顺延。",
            question_ids=[], new_deadline=new_deadline)
    assert row_differences() == []
    db.session.execute(sa.text("UPDATE tenders SET bid_deadline = :d WHERE id = :i"),
                       {"d": (new_deadline + timedelta(days=1)).astimezone(UTC).replace(tzinfo=None),
                        "i": tender.id})
    db.session.commit()
    [diff] = row_differences()
    assert (diff.table, diff.field) == ("tenders", "bid_deadline")


def test_the_demo_has_no_differences(app):
    from tender.demo import load_demo

    assert load_demo()
    assert row_differences() == []
