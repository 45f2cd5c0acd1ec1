"""The low-price pages over HTTP: the panel's check and request, the bidder's answer with a file, the decision."""
from __future__ import annotations

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tender.db import to_local, utcnow
from tender.extensions import db
from tender.lowprice import operations as ops
from tender.lowprice.models import LowPriceRequest
from tender.unit_of_work import perform
from tests.factories import minimal_pdf
from tests.lowprice.helpers import in_a_day, opened_with_low_bid


@pytest.fixture
def low(app):
    app.config["WTF_CSRF_ENABLED"] = False
    return opened_with_low_bid()


def _text(response) -> str:
    return response.get_data(as_text=True)


def _local(moment) -> str:
    return to_local(moment).strftime("%Y-%m-%dT%H:%M")


def _ask(bid_id: int, question: str, deadline) -> dict:
    """The request form of one flagged bid's row: its fields carry the bid as prefix."""
    return {f"bid{bid_id}-question": question, f"bid{bid_id}-deadline": _local(deadline)}


def test_check_request_answer_and_decision_over_http(client, login, low):
    tid, c_bid = low.tender.id, low.bids["C"].id
    login(low.staff)
    assert "尚未审查" in _text(client.get(f"/tenders/{tid}/low-prices"))
    page = _text(client.post(f"/tenders/{tid}/low-prices/check", follow_redirects=True))
    assert "1,083,333.33" in page and "866,666.67" in page and "756,000.00" in page
    assert page.count('class="table-warning flagged"') == 1 and f'id="bid{c_bid}-question"' in page
    # A deadline in the past: refused with the reason, nothing sent.
    url = f"/tenders/{tid}/low-prices/bids/{c_bid}/request"
    response = client.post(url, data=_ask(c_bid, "请说明人工成本", utcnow() - timedelta(hours=2)))
    page = _text(response)
    assert response.status_code == 400 and "至少 1 小时" in page and "请说明人工成本</textarea>" in page
    assert db.session.scalar(sa.select(sa.func.count(LowPriceRequest.id))) == 0
    response = client.post(url, data=_ask(c_bid, "长" * 2001, in_a_day()))
    assert response.status_code == 400 and "不能超过 2000 个字符" in _text(response)
    response = client.post(url, data={f"bid{c_bid}-question": "问一下", f"bid{c_bid}-deadline": "2026-13-45T99:99"})
    assert response.status_code == 400 and "问一下</textarea>" in _text(response)
    assert "不是有效的日期与时间值" in _text(response)
    response = client.post(url, data=_ask(c_bid, "请说明保洁员工资低于最低工资的原因。", in_a_day()))
    req = db.session.scalar(sa.select(LowPriceRequest))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/low-price-requests/{req.id}")

    # The bidder concerned reads it, answers with a file; a bad file is refused with the reason.
    login(low.bidders["C"])
    assert f"/low-price-requests/{req.id}" in _text(client.get("/my/low-price-requests"))
    page = _text(client.get(f"/low-price-requests/{req.id}"))
    assert "保洁员工资低于最低工资" in page and "866666.67" in page and "评标委员会" in page
    assert all(e.name not in page for e in low.experts)
    upload = f"/low-price-requests/{req.id}/evidence"
    page = _text(client.post(upload, data={"file": (io.BytesIO(b"not a pdf"), "工资表.pdf")},
                             content_type="multipart/form-data", follow_redirects=True))
    assert "不是有效的" in page
    client.post(upload, data={"file": (io.BytesIO(minimal_pdf(b"payroll")), "工资发放记录.pdf")},
                content_type="multipart/form-data")
    db.session.expire_all()
    [evidence] = req.evidence
    assert client.get(f"/low-price-requests/{req.id}/evidence/{evidence.id}").status_code == 200
    too_long = client.post(f"/low-price-requests/{req.id}/answer", data={"answer": "说" * 5001})
    assert too_long.status_code == 400 and "不能超过 5000 个字符" in _text(too_long)
    assert client.post(f"/low-price-requests/{req.id}/answer", data={"answer": "总部补贴差额。"}).status_code == 302

    # A member who is not the chair cannot decide; the chair does.
    login(low.experts[1])
    refused = client.post(f"/low-price-requests/{req.id}/decision", data={"decision": "rejected", "note": "否决"})
    assert refused.status_code == 400 and "由委员会负责人记录" in _text(refused)
    assert "工资发放记录.pdf" in _text(client.get(f"/low-price-requests/{req.id}"))
    login(low.chair)
    assert 'id="decision-form"' in _text(client.get(f"/low-price-requests/{req.id}"))
    response = client.post(f"/low-price-requests/{req.id}/decision",
                           data={"decision": "accepted", "note": "总部补贴有合同和付款凭证，报价不低于成本。"})
    assert response.status_code == 302
    db.session.expire_all()
    assert req.decision == "accepted" and req.decided_by_id == low.chair.id
    login(low.bidders["C"])
    assert "说明合理，报价有效" in _text(client.get(f"/low-price-requests/{req.id}"))


def test_a_late_answer_is_refused_and_the_text_given_back(client, login, low):
    check = perform(ops.run_low_price_check, low.tender, low.staff)
    req = perform(ops.open_clarification, check, low.staff, low.bids["C"].id, "请说明", in_a_day())
    req.deadline = utcnow() - timedelta(minutes=1)  # the server's clock has passed it
    db.session.commit()
    login(low.bidders["C"])
    response = client.post(f"/low-price-requests/{req.id}/answer", data={"answer": "我方迟到的说明"})
    page = _text(response)
    assert response.status_code == 400 and "已超过答复截止时间" in page and "我方迟到的说明" in page
    db.session.expire_all()
    assert not req.answered
    response = client.post(f"/low-price-requests/{req.id}/evidence", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(minimal_pdf()), "a.pdf")}, follow_redirects=True)
    assert "已超过答复截止时间" in _text(response) and req.evidence == []
