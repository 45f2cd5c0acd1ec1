"""Staff handle findings (explained with a reason, or referred), the committee's decision is recorded,
and the panel gate opens only once staff recorded that the page was shown: operations without a
request, then the same through the page, with denials by role.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.findings import operations as ops
from tender.findings.models import Finding, FindingKind, FindingsRun, FindingStatus, RunState
from tender.unit_of_work import perform
from tests.factories import make_tender, make_user


@pytest.fixture
def checked(app):
    """A tender whose checks are done, with one copy-pair finding (as the job stores them)."""
    staff = make_user(Role.STAFF)
    tender = make_tender(staff)
    run = FindingsRun(tender_id=tender.id, state=RunState.DONE, counts={"findings": 1}, pairs=[], history=[])
    finding = Finding(tender_id=tender.id, key="copy_pair:1-2", kind=FindingKind.COPY_PAIR, basis="第四十条（四）",
                      bid_ids=[1, 2], summary="两份投标文件雷同", strength=0.8, figures={}, evidence=[])
    db.session.add_all([run, finding])
    db.session.commit()
    return staff, tender, run, finding


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_explained_needs_a_reason_and_is_audited(checked):
    staff, _, _, finding = checked
    with pytest.raises(DomainError, match="请填写说明理由") as e:
        perform(ops.explain_finding, finding, staff, "  ")
    assert e.value.field == "reason" and finding.status is FindingStatus.OPEN
    perform(ops.explain_finding, finding, staff, "该段为招标文件第五章要求的格式文本")
    assert (finding.status, finding.status_by_id) == (FindingStatus.EXPLAINED, staff.id)
    assert _actions() == ["findings.explained"]


def test_a_referred_finding_gets_the_committees_decision_and_then_stays(checked):
    staff, _, _, finding = checked
    with pytest.raises(DomainError, match="只有已提交"):
        perform(ops.record_committee_decision, finding, staff, "reject", "理由")
    perform(ops.refer_finding, finding, staff, "两家技术方案大段相同")
    with pytest.raises(DomainError, match="请选择"):
        perform(ops.record_committee_decision, finding, staff, "maybe", "理由")
    perform(ops.record_committee_decision, finding, staff, "reject", "两份投标文件异常一致，依第四十条（四）否决")
    assert finding.decision_label.startswith("否决投标") and finding.decided_by_id == staff.id
    with pytest.raises(DomainError, match="已对该项作出决定"):
        perform(ops.explain_finding, finding, staff, "改为已说明")
    assert _actions() == ["findings.referred", "findings.committee_decision"]


def test_only_staff_handle_findings(checked):
    _, tender, _, finding = checked
    for role in (Role.SUPERVISOR, Role.EXPERT, Role.BIDDER):
        with pytest.raises(NotAllowed):
            perform(ops.refer_finding, finding, make_user(role), "理由")
        with pytest.raises(NotAllowed):
            perform(ops.record_shown_to_panel, tender, make_user(role))
    assert finding.status is FindingStatus.OPEN and _actions() == []


def test_experts_may_score_only_after_the_page_was_shown_to_the_panel(checked):
    staff, tender, run, _ = checked
    expert = make_user(Role.EXPERT)
    assert not ops.findings_shown(tender) and not ops.may_open_score_sheet(tender, expert)
    perform(ops.record_shown_to_panel, tender, staff)
    assert ops.findings_shown(tender) and ops.may_open_score_sheet(tender, expert)
    assert not ops.may_open_score_sheet(tender, staff)  # scoring is the experts'
    with pytest.raises(DomainError, match="已记录"):
        perform(ops.record_shown_to_panel, tender, staff)
    assert _actions() == ["findings.shown_to_panel"]


def test_the_page_cannot_be_shown_before_the_checks_finished(checked):
    staff, tender, run, _ = checked
    run.state = RunState.RUNNING
    db.session.commit()
    with pytest.raises(DomainError, match="尚未完成"):
        perform(ops.record_shown_to_panel, tender, staff)
    assert not ops.findings_shown(make_tender(staff))  # no run at all


def test_staff_handle_findings_on_the_page(client, login, checked):
    staff, tender, _, finding = checked
    base = f"/findings/tenders/{tender.id}"
    login(staff)
    page = client.get(base).get_data(as_text=True)
    assert "两份投标文件雷同" in page and "第四十条（四）" in page and "尚未记录" in page
    empty = client.post(f"{base}/items/{finding.id}/status", data={"reason": "", "refer": "1"}, follow_redirects=True)
    assert "请填写理由" in empty.get_data(as_text=True)
    db.session.expire_all()
    assert finding.status is FindingStatus.OPEN
    client.post(f"{base}/items/{finding.id}/status", data={"reason": "须由委员会判断", "refer": "1"})
    client.post(f"{base}/items/{finding.id}/decision", data={"decision": "not_established", "note": "属行业通用写法"})
    client.post(f"{base}/shown")
    db.session.expire_all()
    assert (finding.status, finding.decision) == (FindingStatus.REFERRED, "not_established")
    page = client.get(base).get_data(as_text=True)
    assert "属行业通用写法" in page and "已于" in page and ops.findings_shown(tender)


@pytest.mark.parametrize("role, get, post", [
    (Role.SUPERVISOR, 200, 403), (Role.EXPERT, 403, 403), (Role.BIDDER, 403, 403), (Role.OPENER, 403, 403)])
def test_who_reads_and_who_acts(client, login, checked, role, get, post):
    _, tender, _, finding = checked
    login(make_user(role))
    base = f"/findings/tenders/{tender.id}"
    assert client.get(base).status_code == get
    assert client.post(f"{base}/items/{finding.id}/status", data={"reason": "x", "refer": "1"}).status_code == post
    assert client.post(f"{base}/shown").status_code == post
    db.session.expire_all()
    assert finding.status is FindingStatus.OPEN and not ops.findings_shown(tender)


def test_a_finding_of_another_tender_is_not_found(client, login, checked):
    staff, _, _, finding = checked
    other = make_tender(staff)
    login(staff)
    response = client.post(f"/findings/tenders/{other.id}/items/{finding.id}/status", data={"reason": "x"})
    assert response.status_code == 404
