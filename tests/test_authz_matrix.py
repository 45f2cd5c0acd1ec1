"""Every route × every role (anonymous included) against the rule the route declares.

A route without a declared rule fails `test_every_route_declares_a_rule`. A new
URL parameter needs a value in `world` below, or the matrix test says which one.
"""
from __future__ import annotations

import pytest
from flask import current_app
from werkzeug.routing import BuildError

from tender.auth.roles import Role
from tender.extensions import db
from tender.jobs.models import JobRecord
from tender.notices.lifecycle import TenderStatus
from tender.notifications.operations import notify
from tender.similarity import operations as sim_ops
from tender.similarity.models import DocumentKind
from tender.unit_of_work import perform
from tests.conftest import session_user_id
from tests.factories import add_document, make_tender, make_user, minimal_pdf
from tests.similarity.texts import BID_A, REGULATION

STATIC = {"static", "bootstrap.static"}
ROLES = [None, *Role]
SKIP_METHODS = {"HEAD", "OPTIONS"}


def declared_rule(app, endpoint):
    return getattr(app.view_functions[endpoint], "access_rule", None)


def routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in STATIC:
            continue
        for method in sorted(rule.methods - SKIP_METHODS):
            yield rule, method


def test_every_route_declares_a_rule(app):
    missing = sorted({r.endpoint for r, _ in routes(app) if declared_rule(app, r.endpoint) is None})
    assert missing == [], f"routes without an access rule: {missing}"


@pytest.fixture
def world(app):
    """One of everything a URL can name, plus a user per role."""
    users = {role: make_user(role) for role in Role}
    # Documents public, so the route-level rule holds; the object-level rule is test_tender_documents below.
    tender = make_tender(users[Role.STAFF], status=TenderStatus.PUBLISHED, public_documents=True)
    document = add_document(tender, users[Role.STAFF])
    message = notify([users[Role.BIDDER]], "测试消息")[0]
    job = JobRecord(kind="test", title="测试任务", created_by_id=users[Role.STAFF].id)
    db.session.add(job)
    db.session.commit()
    library = perform(sim_ops.add_document, users[Role.STAFF], title="标准", filename="标准.txt",
                      data=REGULATION.encode(), kind=DocumentKind.LIBRARY)
    upload = perform(sim_ops.add_document, users[Role.STAFF], title="投标文件", filename="a.txt",
                     data=BID_A.encode(), kind=DocumentKind.UPLOAD)
    comparison = perform(sim_ops.request_comparison, users[Role.STAFF], library, upload)
    params = {
        "tender_id": tender.id, "document_id": document.id, "user_id": users[Role.EXPERT].id,
        "message_id": message.id, "job_id": job.id, "doc_id": library.id, "comparison_id": comparison.id,
        "token": "not-a-valid-token",
        "side": "a", "part": 0,  # the reader's parts
        "upload_id": 1, "receipt_id": 1,  # a bid's upload and receipt (the bidder's own, checked in tests/bids)
        "bid_id": 1, "bid_document_id": 1, "page_id": 1,  # a bid's extracted text (content rules: tests/bidtext)
        "contract_id": 1,  # a tender's contract (content rules: tests/contracts/test_views.py)
        "commitment_id": 1,  # a confirmed commitment (review and tracking rules: tests/contracts/test_review.py)
        "objection_id": 1,  # an objection to publicised candidates (object rules: tests/result)
        "name": "prices",  # a result chart (object rules: test_evaluation_report_downloads)
        "request_id": 1, "evidence_id": 1,  # a low-price clarification (who sees which: test_low_price_requests)
        **registry_world(users, tender),
        **committee_world(users),
    }
    return users, params


def registry_world(users, tender) -> dict:
    """The bidder's company with a file and a version, a qualification answer, a finding, an affiliate."""
    from tender.bidders import operations as bidder_ops
    from tender.bidders.models import RelatedFinding
    from tender.notices import operations as notice_ops
    from tender.qualification import operations as qual_ops
    from tests.factories import minimal_pdf

    bidder, staff = users[Role.BIDDER], users[Role.STAFF]
    file = perform(bidder_ops.add_company_file, bidder.company, bidder, "certificate", "证书", "a.pdf", minimal_pdf())
    with current_app.test_request_context():
        perform(notice_ops.register_company, tender, bidder)
        item = perform(qual_ops.add_item, tender, staff, title="营业执照", kind="document", min_value=None,
                       evidence="")
        answer = perform(qual_ops.answer_item, tender, bidder, item, "有", "b.pdf", minimal_pdf() + b"%b")
        perform(qual_ops.submit_qualification, tender, bidder)
    affiliate = perform(bidder_ops.add_affiliate, staff, name="招标人母公司")
    finding = RelatedFinding(tender_id=tender.id, key="k", rule="same_contact", company_a_id=bidder.company_id,
                             evidence="相同电话")
    db.session.add(finding)
    db.session.commit()
    return {"company_id": bidder.company_id, "file_id": file.id, "number": bidder.company.registry_version,
            "item_id": item.id, "submission_id": answer.submission_id, "answer_id": answer.id,
            "affiliate_id": affiliate.id, "finding_id": finding.id}


def committee_world(users) -> dict:
    """The world's expert in the pool with one declared relation (the committee pages: tests/committee)."""
    from tender.committee import operations as committee_ops

    profile = perform(committee_ops.save_expert_profile, users[Role.EXPERT], users[Role.STAFF], "物业管理")
    relation = perform(committee_ops.add_expert_relation, profile, users[Role.STAFF], "某公司", "亲属任职")
    return {"relation_id": relation.id}


def build(app, rule, params):
    missing = set(rule.arguments) - set(params)
    assert not missing, f"add a value for {sorted(missing)} to world() so {rule.endpoint} can be checked"
    with app.test_request_context():
        try:
            from flask import url_for

            return url_for(rule.endpoint, **{k: params[k] for k in rule.arguments})
        except BuildError as e:  # pragma: no cover - a malformed rule
            pytest.fail(str(e))


def verdict(response) -> str:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/login" in location:
        return "login"
    if response.status_code in (401, 403):
        return "denied"
    return "allowed"


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_matrix(app, client, world, role):
    users, params = world
    wrong = []
    for rule, method in routes(app):
        session_id = session_user_id(users[role]) if role is not None else None  # logout ends the last one
        access = declared_rule(app, rule.endpoint)
        url = build(app, rule, params)
        with client.session_transaction() as session:
            session.clear()
            if role is not None:
                session["_user_id"] = session_id
        response = client.open(url, method=method, data={})
        expected = "allowed" if access.permits(role, method) else ("login" if role is None else "denied")
        if verdict(response) != expected:
            wrong.append(f"{method} {url} ({rule.endpoint}): expected {expected}, got {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_user_cannot_read_another_users_message(client, login, world):
    users, params = world
    login(users[Role.STAFF])
    assert client.get(f"/inbox/{params['message_id']}").status_code == 404
    login(users[Role.BIDDER])
    assert client.get(f"/inbox/{params['message_id']}").status_code == 200


def test_drafts_are_not_public(client, world):
    users, _ = world
    draft = make_tender(users[Role.STAFF])
    document = add_document(draft, users[Role.STAFF])
    db.session.commit()
    assert client.get(f"/notices/{draft.id}").status_code == 404
    assert client.get(f"/notices/{draft.id}/documents/{document.id}").status_code == 404


def test_draft_scoring_methods_are_not_public(client, login, world):
    """The published-method route is public, its object rule is publication: a draft's method is nobody's to read."""
    from tender.methods.operations import stored_method

    users, _ = world
    draft = make_tender(users[Role.STAFF])
    db.session.commit()
    assert stored_method(draft) is not None
    for role in (None, Role.BIDDER, Role.EXPERT, Role.STAFF):
        if role is not None:
            login(users[role])
        assert client.get(f"/notices/{draft.id}/method").status_code == 404


def test_question_asker_is_hidden_from_bidders_but_shown_to_staff(app, client, login, world):
    from tender.notices import operations as ops
    from tender.unit_of_work import perform

    users, params = world
    tender_id = params["tender_id"]
    from tender.notices.models import Tender

    tender = db.session.get(Tender, tender_id)
    asker, other = users[Role.BIDDER], make_user(Role.BIDDER)
    for bidder in (asker, other):
        if not tender.is_registered(bidder.company_id):  # the world already signed up the role's bidder
            perform(ops.register_company, tender, bidder)
    question = perform(ops.ask_question, tender, asker, "请问有无地下车库？")
    perform(ops.publish_clarification, tender, users[Role.STAFF], title="答复", body="有。", question_ids=[question.id])
    login(other)
    page = client.get(f"/notices/{tender_id}").get_data(as_text=True)
    assert "请问有无地下车库" in page and asker.company.name not in page
    login(users[Role.STAFF])
    assert asker.company.name in client.get(f"/tenders/{tender_id}/questions").get_data(as_text=True)


def test_only_the_supervisor_records_audit_checkpoints(app):
    """Checkpoints are the supervisor's evidence against the people who run the database, admins included."""
    rule = declared_rule(app, "audit.checkpoint")
    assert rule.roles == {Role.SUPERVISOR} and not rule.read_roles and not rule.public


# Tender documents: a public route with an object-level rule (Tender.can_read_documents).
# Who: anonymous, a bidder neither invited nor signed up, an invited bidder, a signed-up bidder, each role.
DOCUMENT_CASES = [
    # (procedure, public_documents, who, expected)
    *[(p, False, who, exp) for p in ("invited", "quotes") for who, exp in (
        ("anonymous", "login"), ("outsider", "denied"), ("invitee", "allowed"), ("staff", "allowed"),
        ("admin", "allowed"), ("supervisor", "allowed"), ("expert", "denied"), ("opener", "denied"))],
    ("open", False, "anonymous", "login"), ("open", False, "outsider", "denied"),
    ("open", False, "registered", "allowed"), ("open", False, "staff", "allowed"),
    ("open", False, "supervisor", "allowed"), ("open", False, "expert", "denied"),
    ("open", True, "anonymous", "allowed"), ("open", True, "outsider", "allowed"),
    ("open", True, "expert", "allowed"), ("open", True, "staff", "allowed"),
]


@pytest.mark.parametrize("procedure, public_documents, who, expected", DOCUMENT_CASES,
                         ids=[f"{c[0]}-{'public' if c[1] else 'signup'}-{c[2]}" for c in DOCUMENT_CASES])
def test_tender_documents(app, client, procedure, public_documents, who, expected):
    from tender.notices.models import Invitation, Registration
    from tender.notices.procedures import Procedure

    staff = make_user(Role.STAFF)
    tender = make_tender(staff, procedure=Procedure(procedure), status=TenderStatus.PUBLISHED,
                         public_documents=public_documents)
    document = add_document(tender, staff)
    user = None
    if who in ("outsider", "invitee", "registered"):
        user = make_user(Role.BIDDER)
        if who == "invitee":
            db.session.add(Invitation(tender=tender, company_id=user.company_id))
        if who == "registered":
            db.session.add(Registration(tender=tender, company_id=user.company_id, user_id=user.id))
    elif who != "anonymous":
        user = make_user(Role(who))
    db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = session_user_id(user)
    response = client.get(f"/notices/{tender.id}/documents/{document.id}")
    assert verdict(response) == expected, response.status_code
    page = client.get(f"/notices/{tender.id}").get_data(as_text=True)
    link = f"/notices/{tender.id}/documents/{document.id}"
    assert (link in page) is (expected == "allowed")


def test_invitation_tenders_cannot_make_documents_public(app):
    from tender.errors import DomainError
    from tender.notices import operations as notice_ops
    from tender.notices.procedures import Procedure

    staff = make_user(Role.STAFF)
    tender = make_tender(staff, procedure=Procedure.INVITED)
    db.session.commit()
    with pytest.raises(DomainError, match="不能设为公开下载"):
        perform(notice_ops.update_tender, tender, staff, public_documents=True)
    db.session.expire_all()
    assert tender.public_documents is False


def test_low_price_requests(app, client, login):
    """Object rule of the low-price routes (route rules: test_matrix): only the bidder concerned sees its request;
    staff, the supervisor and the committee's cleared members see all; evidence only once the answer is sent."""
    from tender.lowprice import operations as ops
    from tests.lowprice.helpers import in_a_day, opened_with_low_bid

    low = opened_with_low_bid()
    check = perform(ops.run_low_price_check, low.tender, low.staff)
    req = perform(ops.open_clarification, check, low.staff, low.bids["C"].id, "请说明", in_a_day())
    evidence = perform(ops.add_evidence, req, low.bidders["C"], "a.pdf", minimal_pdf())
    tid, rid = low.tender.id, req.id
    panel, page, file = f"/tenders/{tid}/low-prices", f"/low-price-requests/{rid}", (
        f"/low-price-requests/{rid}/evidence/{evidence.id}")
    cases = {  # who: (panel page, request page, evidence before the answer)
        "C": (low.bidders["C"], 403, 200, 200),
        "A": (low.bidders["A"], 403, 404, 404),  # another bidder in the same tender never sees it
        "staff": (low.staff, 200, 200, 404),
        "supervisor": (make_user(Role.SUPERVISOR), 200, 200, 404),
        "member": (low.experts[2], 200, 200, 404),
        "outsider expert": (make_user(Role.EXPERT), 404, 404, 404),
        "opener": (make_user(Role.OPENER), 403, 403, 403),
    }
    wrong = []
    for who, (user, *expected) in cases.items():
        login(user)
        got = [client.get(url).status_code for url in (panel, page, file)]
        if got != expected:
            wrong.append((who, got, expected))
    assert wrong == []
    perform(ops.answer_clarification, req, low.bidders["C"], "说明")
    for who in ("staff", "supervisor", "member"):  # the sent answer's files are the panel's to read
        login(cases[who][0])
        assert client.get(file).status_code == 200, who
    login(low.bidders["A"])
    assert client.get(file).status_code == 404
    assert f"/low-price-requests/{req.id}" not in client.get("/my/low-price-requests").get_data(as_text=True)
    login(make_user(Role.SUPERVISOR))
    assert client.post(f"/tenders/{tid}/low-prices/check").status_code == 403
    with client.session_transaction() as session:
        session.clear()
    assert all(verdict(client.get(url)) == "login" for url in (panel, page, file))


def test_evaluation_report_downloads(app, client, login):
    """Object rule of the report, score sheet and chart routes (route rules: test_matrix): staff and the sitting
    members download; an expert off the committee gets 404, bidders, officers and the supervisor 403."""
    from tests.result.helpers import finished, scored

    panel = scored(bids=3)
    finished(panel)
    base = f"/tenders/{panel.tender.id}/result"
    urls = [f"{base}/{path}" for path in ("report.docx", "scores.xlsx", "scores", "charts/breakdown.svg")]
    cases = {"staff": (panel.staff, 200), "member": (panel.members[4], 200), "chair": (panel.chair, 200),
             "outsider expert": (make_user(Role.EXPERT), 404), "bidder": (make_user(Role.BIDDER), 403),
             "opener": (make_user(Role.OPENER), 403), "supervisor": (make_user(Role.SUPERVISOR), 403)}
    wrong = []
    for who, (user, expected) in cases.items():
        login(user)
        got = [client.get(url).status_code for url in urls]
        if got != [expected] * len(urls):
            wrong.append((who, got, expected))
        if expected == 403:
            assert client.post(f"{base}/report/pdf").status_code == 403, who
    assert wrong == []
    with client.session_transaction() as session:
        session.clear()
    assert all(verdict(client.get(url)) == "login" for url in urls)


def test_contract_review_and_tracking_staff_act_the_supervisor_reads(client, login):
    """Issue 14's pages on a real awarded tender: staff act, the supervisor reads, every other role is refused."""
    from datetime import date

    from tender.contracts import operations as contract_ops
    from tender.contracts.context import FeeRegime
    from tests.contracts.awarded import PROMISES, awarded

    a = awarded()
    row = perform(contract_ops.confirm_commitment, a.bid, a.staff, PROMISES[0])
    contract = perform(contract_ops.draft_contract, a.tender, a.staff, fee_regime=FeeRegime.LUMP_SUM,
                       term_start=date(2027, 7, 1), term_months=36)
    base = f"/tenders/{a.tender.id}/contract"
    reads = [base, f"{base}/commitments", f"{base}/tracking", f"{base}/tracking.xlsx",
             f"{base}/{contract.id}/download"]
    acts = [f"{base}/commitments/confirm?form=add", f"{base}/tracking/{row.id}", f"{base}/draft"]
    pdf = f"{base}/{contract.id}/pdf"  # granted to staff in tests/e2e/test_contract_flow.py (a LibreOffice run)
    for role, read, act in ((Role.STAFF, {200}, {302, 400}), (Role.ADMIN, {200}, {302, 400}),
                            (Role.SUPERVISOR, {200}, {403}), (Role.BIDDER, {403}, {403}), (Role.EXPERT, {403}, {403}),
                            (Role.OPENER, {403}, {403})):
        login(a.staff if role is Role.STAFF else make_user(role))
        assert {u: client.get(u).status_code for u in reads} == {u: next(iter(read)) for u in reads}, role
        assert all(client.post(u, data={}).status_code in act for u in acts), role
        assert role in (Role.STAFF, Role.ADMIN) or client.post(pdf).status_code == 403, role
    assert client.get(f"{base}/{contract.id}.pdf").status_code == 403  # the opener, as the loop left it
    with client.session_transaction() as session:
        session.clear()
    assert all(verdict(client.get(url)) == "login" for url in reads)
