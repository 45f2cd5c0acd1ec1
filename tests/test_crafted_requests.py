"""Crafted requests get a 404 or a Chinese message, never a 500 (issue 8, defect 12).

Huge ids in every route, absurd page numbers, out-of-range audit dates, a form
post with a field left out, and a stored file name no header can carry.
"""
from __future__ import annotations

import pytest
from flask import url_for

from tender.auth.roles import Role
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.web import IdConverter
from tests.factories import add_document, make_tender, make_user

STATIC = {"static", "bootstrap.static"}
HUGE = {"2^31": 2**31, "2^63-1": 2**63 - 1, "2^63": 2**63, "2^64": 2**64, "10^30": 10**30}


def id_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in STATIC or not any(isinstance(c, IdConverter) for c in rule._converters.values()):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def route_values(rule, number) -> dict:
    """The huge number for every id; a valid value for a fixed choice such as the reader's side."""
    values = {}
    for name, converter in rule._converters.items():
        choices = getattr(converter, "items", None)
        values[name] = sorted(choices)[0] if choices else number
    return values


@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
def test_every_route_answers_a_huge_id_with_not_found(app, client, login, number):
    routes = list(id_routes(app))
    assert len(routes) > 30  # the walk really covers the app
    admin, bidder = make_user(Role.ADMIN), make_user(Role.BIDDER)
    db.session.commit()
    wrong = []
    for user in (None, admin, bidder):
        with client.session_transaction() as session:
            session.clear()
        if user is not None:
            login(user)
        for rule, method in routes:
            with app.test_request_context():
                url = url_for(rule.endpoint, **route_values(rule, number))
            response = client.open(url, method=method, data={})
            if response.status_code != 404:
                wrong.append(f"{method} {url}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("page", ["12345678901234567890123", "-3", "abc", "²", "0", "99999", "1" * 5000])
def test_page_numbers_never_break_the_lists(client, login, page):
    supervisor, admin = make_user(Role.SUPERVISOR), make_user(Role.ADMIN)
    db.session.commit()
    login(admin)
    for path in ("/inbox/", "/inbox/outbox"):
        assert client.get(path, query_string={"page": page}).status_code == 200, path
    login(supervisor)
    assert client.get("/audit/", query_string={"page": page}).status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_audit_dates_far_outside_any_record_get_a_message(client, login, day):
    supervisor = make_user(Role.SUPERVISOR)
    db.session.commit()
    login(supervisor)
    for name in ("date_from", "date_to"):
        response = client.get("/audit/", query_string={name: day})
        assert response.status_code == 200
        assert "日期须在 1900-01-01 至 2100-12-31 之间" in response.get_data(as_text=True)


def test_a_date_filter_inside_the_range_still_filters(client, login):
    supervisor = make_user(Role.SUPERVISOR)
    db.session.commit()
    login(supervisor)
    page = client.get("/audit/", query_string={"date_from": "2099-01-01"}).get_data(as_text=True)
    assert "没有符合条件的记录" in page and "日期须在" not in page


@pytest.mark.parametrize("missing", ["credit_code", "legal_rep_name", "legal_rep_id", "note"])
def test_affiliate_form_with_a_field_left_out_is_saved_or_answered(client, login, missing):
    from tender.bidders.models import DeveloperAffiliate

    login(make_user(Role.STAFF))
    db.session.commit()
    post = {"name": f"缺{missing}的关联单位", "credit_code": "", "legal_rep_name": "张三", "legal_rep_id": "",
            "note": "母公司"}
    del post[missing]
    response = client.post("/affiliates", data=post)
    assert response.status_code == 302
    assert db.session.scalar(db.select(DeveloperAffiliate).where(DeveloperAffiliate.name == post["name"]))


def test_shortlist_with_non_ascii_digits_is_no_error(client, login):
    staff = make_user(Role.STAFF)
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    db.session.commit()
    login(staff)
    response = client.post(f"/tenders/{tender.id}/qualification/shortlist", data={"keep": ["²", "١٢", "3"]})
    assert response.status_code == 302


def _download_urls(tender, document, file) -> list[str]:
    return [f"/tenders/{tender.id}/documents/{document.id}/download",
            f"/notices/{tender.id}/documents/{document.id}",
            f"/companies/{file.company_id}/files/{file.id}"]


@pytest.mark.parametrize("bad", ["\x00", "\n", "\r\n", "\x7f", "\t"], ids=repr)
def test_download_of_a_stored_name_with_control_characters(app, client, login, bad):
    from tender.bidders.models import CompanyFile

    if bad == "\x00" and db.engine.dialect.name == "postgresql":
        pytest.skip("PostgreSQL text cannot hold NUL, so no such row can exist there")
    staff, bidder = make_user(Role.STAFF), make_user(Role.BIDDER)
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    document = add_document(tender, staff)
    file = CompanyFile(company_id=bidder.company_id, kind="other", title="证书", storage_key=document.storage_key,
                       filename=f"证{bad}书.pdf", size=document.size, content_type=document.content_type,
                       sha256=document.sha256)
    db.session.add(file)
    document.filename = f"招标{bad}文件.pdf"
    db.session.commit()
    login(staff)
    for url in _download_urls(tender, document, file):
        response = client.get(url)
        assert response.status_code == 200, url
        disposition = response.headers["Content-Disposition"]
        assert bad not in disposition and ".pdf" in disposition
