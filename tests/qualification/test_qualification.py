"""Qualification: checklist, answers with evidence, review with reasons, notices, keep-not-fewer-than-5."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from tender.auth.roles import Role
from tender.bidders import findings
from tender.bidders import operations as bidder_ops
from tender.bidders.models import CompanyFile, RelatedFinding, Shareholder
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.notifications.models import Message
from tender.qualification import operations as ops
from tender.qualification.models import QualificationAnswer, SubmissionStatus
from tender.unit_of_work import perform
from tests.factories import id_number, make_tender, make_user, minimal_pdf


@pytest.fixture
def setup(app, staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    bidders = [make_user(Role.BIDDER) for _ in range(2)]
    for bidder in bidders:
        perform(notice_ops.register_company, tender, bidder)
    items = [perform(ops.add_item, tender, staff, title="营业执照", kind="document", min_value=None,
                     evidence="副本"),
             perform(ops.add_item, tender, staff, title="类似项目", kind="projects", min_value=Decimal("2"),
                     evidence="合同")]
    yield tender, bidders, items


def answer_all(tender, bidder, items, values=("有", "3")):
    for item, value in zip(items, values, strict=True):
        perform(ops.answer_item, tender, bidder, item, value, f"{item.title}.pdf", minimal_pdf() + value.encode())
    return perform(ops.submit_qualification, tender, bidder)


def inbox(user) -> list[Message]:
    return list(db.session.scalars(sa.select(Message).where(Message.user_id == user.id)))


def test_full_review_notifies_pass_and_fail_with_reasons(setup, staff):
    tender, (a, b), items = setup
    sub_a, sub_b = answer_all(tender, a, items), answer_all(tender, b, items, ("有", "1"))
    assert sub_a.company_version == a.company.registry_version >= 1
    assert [ans.below_threshold for ans in sorted(sub_b.answers, key=lambda x: x.item_id)] == [False, True]
    for answer in sub_a.answers:
        perform(ops.review_answer, answer, staff, "pass", "")
    fail = next(x for x in sub_b.answers if x.item.kind == "projects")
    with pytest.raises(DomainError, match="必须填写理由"):
        perform(ops.review_answer, fail, staff, "fail", "  ")
    with pytest.raises(DomainError, match="尚未给出意见"):
        perform(ops.conclude_review, sub_b, staff)
    perform(ops.review_answer, fail, staff, "fail", "类似项目仅 1 个，少于 2 个")
    perform(ops.review_answer, next(x for x in sub_b.answers if x is not fail), staff, "pass", "")
    perform(ops.conclude_review, sub_a, staff)
    perform(ops.conclude_review, sub_b, staff)
    assert sub_a.status is SubmissionStatus.PASSED and sub_b.status is SubmissionStatus.FAILED
    assert "资格预审合格通知书" in inbox(a)[-1].subject
    notice = inbox(b)[-1]
    assert "不合格" in notice.subject and "类似项目仅 1 个" in notice.body
    with pytest.raises(DomainError, match="已有结论"):
        perform(ops.review_answer, fail, staff, "pass", "")


def test_evidence_is_required_and_answers_lock_after_submit(setup):
    tender, (a, _), items = setup
    with pytest.raises(DomainError, match="须上传证明材料"):
        perform(ops.answer_item, tender, a, items[0], "有")
    with pytest.raises(DomainError, match="请填写数字"):
        perform(ops.answer_item, tender, a, items[1], "三个", "x.pdf", minimal_pdf())
    assert db.session.scalar(sa.select(sa.func.count(QualificationAnswer.id))) == 0
    with pytest.raises(DomainError, match="尚未填报"):
        perform(ops.submit_qualification, tender, a)
    answer_all(tender, a, items)
    with pytest.raises(DomainError, match="不能再修改"):
        perform(ops.answer_item, tender, a, items[1], "5")
    with pytest.raises(DomainError, match="无需重复提交"):
        perform(ops.submit_qualification, tender, a)
    with pytest.raises(DomainError, match="清单不能再修改"):
        perform(ops.add_item, tender, a, title="新增", kind="document", min_value=None, evidence="")


def test_an_answer_whose_file_is_bad_leaves_no_file_and_no_row(app, setup):
    tender, (a, _), items = setup
    with pytest.raises(DomainError, match="不是有效的"):
        perform(ops.answer_item, tender, a, items[0], "有", "证明.pdf", b"%PD not really")
    assert db.session.scalar(sa.select(sa.func.count(QualificationAnswer.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(CompanyFile.id)).where(CompanyFile.kind == "evidence")) == 0
    assert [p for p in Path(app.config["STORAGE_PATH"]).rglob("*") if p.is_file()] == []


def test_unregistered_companies_cannot_answer(setup):
    tender, _, items = setup
    with pytest.raises(NotAllowed):
        perform(ops.answer_item, tender, make_user(Role.BIDDER), items[0], "有", "a.pdf", minimal_pdf())


def _passed(app, staff, n, scored=False):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    item = perform(ops.add_item, tender, staff, title="执照", kind="document", min_value=None, evidence="")
    perform(ops.save_plan, tender, staff, keep_count=5, keep_minimum=5, scored=scored,
            control_threshold=Decimal("50"))
    subs = []
    for i in range(n):
        bidder = make_user(Role.BIDDER)
        perform(notice_ops.register_company, tender, bidder)
        perform(ops.answer_item, tender, bidder, item, "有", "a.pdf", minimal_pdf() + bytes([i]))
        sub = perform(ops.submit_qualification, tender, bidder)
        perform(ops.review_answer, sub.answers[0], staff, "pass", "")
        perform(ops.conclude_review, sub, staff, Decimal(90 - i) if scored else None)
        subs.append(sub)
    return tender, subs


def test_plan_cannot_keep_fewer_than_the_minimum(app, staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    with pytest.raises(DomainError, match="不得少于 5 家"):
        perform(ops.save_plan, tender, staff, keep_count=3, keep_minimum=5, scored=False,
                control_threshold=Decimal("50"))


def test_shortlist_by_score_keeps_the_best_five(app, staff):
    tender, subs = _passed(app, staff, 7, scored=True)
    kept = perform(ops.shortlist, tender, staff)
    assert sorted(s.id for s in kept) == sorted(s.id for s in subs[:5])
    assert subs[6].result_label == "合格（未入围）" and not subs[6].qualified and subs[0].qualified
    assert "未能入围" in inbox(subs[6].company.users[0])[-1].body


def test_shortlist_by_choice_needs_at_least_the_minimum(app, staff):
    tender, subs = _passed(app, staff, 6)
    with pytest.raises(DomainError, match="不得少于 5 家"):
        perform(ops.shortlist, tender, staff, [s.id for s in subs[:4]])
    kept = perform(ops.shortlist, tender, staff, [s.id for s in subs[:5]])
    assert len(kept) == 5


def test_no_shortlist_when_not_too_many_pass(app, staff):
    tender, _ = _passed(app, staff, 5)
    with pytest.raises(DomainError, match="无需择优"):
        perform(ops.shortlist, tender, staff)


# Related-bidder findings: loaded from the registry, decided with a reason, audited.

def test_detect_and_decide_related_findings(app, setup, staff):
    tender, (a, b), _ = setup
    b.company.legal_rep_id, b.company.legal_rep_name = a.company.legal_rep_id, a.company.legal_rep_name
    a.company.shareholders.append(Shareholder(name=b.company.name, identifier=b.company.credit_code,
                                              share=Decimal("5")))  # a minority stake: no finding
    perform(bidder_ops.add_affiliate, staff, name="云栖控股", legal_rep_id=id_number(4242))  # matches nobody
    added = perform(findings.detect_related, tender, staff)
    rules = sorted(f.rule for f in added)
    assert rules == ["same_legal_rep"]
    again = perform(findings.detect_related, tender, staff)
    assert again == []  # the same finding is not added twice
    finding = db.session.scalar(sa.select(RelatedFinding))
    with pytest.raises(DomainError, match="处理理由"):
        perform(findings.decide_finding, finding, staff, "related", "")
    perform(findings.decide_finding, finding, staff, "related", "经核实为同一法定代表人，两家投标均无效")
    assert finding.decision_label.startswith("认定关联")
    from tender.audit.models import AuditEntry
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"related.detect", "related.decide"} <= actions


def test_bidder_b_cannot_see_a_s_qualification(app, setup, login, staff):
    tender, (a, b), items = setup
    sub = answer_all(tender, a, items)
    file_id = sub.answers[0].file_id
    outsider = make_user(Role.BIDDER)
    client = login(outsider)
    assert client.get(f"/my/qualification/{tender.id}").status_code == 404  # not signed up
    assert client.get(f"/tenders/{tender.id}/qualification/{sub.id}").status_code == 403
    assert client.get(f"/companies/{a.company_id}/files/{file_id}").status_code == 404
    client = login(b)
    page = client.get(f"/my/qualification/{tender.id}").get_data(as_text=True)
    assert "未填报" in page and a.company.name not in page
    assert client.get(f"/companies/{a.company_id}/files/{file_id}").status_code == 404
    assert client.get(f"/tenders/{tender.id}/related").status_code == 403
    assert login(staff).get(f"/tenders/{tender.id}/qualification/{sub.id}").status_code == 200


def test_demo_shows_a_related_pair_and_a_failed_qualification(app):
    from tender.demo import load_demo

    assert load_demo()
    finding = db.session.scalar(sa.select(RelatedFinding))
    assert finding.rule == "common_control" and "陈国华" in finding.evidence
    from tender.qualification.models import QualificationSubmission
    statuses = sorted(s.status.value for s in db.session.scalars(sa.select(QualificationSubmission)))
    assert statuses == ["failed", "submitted"]


def test_an_empty_evidence_file_is_refused_not_ignored(setup):
    """Issue 8 robustness: an empty replacement file used to be dropped silently, keeping the old one as "saved"."""
    tender, (a, _), items = setup
    first = perform(ops.answer_item, tender, a, items[0], "有", "执照.pdf", minimal_pdf())
    old_file = first.file
    with pytest.raises(DomainError, match="是空文件"):
        perform(ops.answer_item, tender, a, items[0], "有", "新执照.pdf", b"")
    db.session.rollback()
    assert ops.submission_for(tender, a.company_id).answer_for(items[0].id).file.id == old_file.id
