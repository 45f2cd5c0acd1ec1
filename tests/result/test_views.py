"""The result pages over HTTP: the chair finishes, members confirm (one dissents), staff publicise, a bidder of the
tender objects with evidence, staff answer, the award; denials for outsiders, other bidders and the public."""
from __future__ import annotations

import io
from datetime import timedelta

import sqlalchemy as sa

from tender.auth.models import User
from tender.auth.roles import Role
from tender.db import utcnow
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notifications.models import Message
from tender.result import operations as ops
from tender.result.models import Objection
from tests.factories import make_user, minimal_pdf
from tests.result.helpers import scored


def bidder_of(entry) -> User:
    return db.session.scalars(sa.select(User).where(User.company_id == entry.company_id)).first()


def test_from_submitted_sheets_to_the_award_over_http(client, login):
    panel = scored()
    tender = panel.tender
    page, public = f"/tenders/{tender.id}/result", f"/notices/{tender.id}/result"
    outsider = make_user(Role.EXPERT)
    login(outsider)
    assert client.get(page).status_code == 404  # nobody learns who sits on the committee
    login(panel.members[1])
    text = client.get(page).get_data(as_text=True)
    assert "等待评标委员会负责人完成评标" in text and "finish-form" not in text
    assert client.post(f"{page}/finish", data={"recommendation": "我来完成"}).status_code == 302
    assert ops.result_of(tender) is None  # a member who is not the chair cannot finish
    login(panel.chair)
    assert "finish-form" in client.get(page).get_data(as_text=True)
    client.post(f"{page}/finish", data={"recommendation": "x" * 2001})
    assert ops.result_of(tender) is None  # over the column: refused with a message, nothing stored
    client.post(f"{page}/finish", data={"recommendation": "建议确定排名第一的投标人为中标人"})
    result = ops.result_of(tender)
    assert result is not None and tender.status is TenderStatus.EVALUATED
    assert client.get(public).status_code == 404  # nothing public before the publicity
    for i, member in enumerate(panel.members):
        login(member)
        if i == 1:
            client.post(f"{page}/sign", data={"agrees": "0", "dissent": ""})  # a dissent needs its reasons
            db.session.expire_all()
            assert member.id not in {s.expert_id for s in result.signoffs}
            client.post(f"{page}/sign", data={"agrees": "0", "dissent": "第二名方案更优"})
        else:
            client.post(f"{page}/sign", data={"agrees": "1"})
    db.session.expire_all()
    assert ops.unsigned_members(result) == []
    login(panel.staff)
    text = client.get(page).get_data(as_text=True)
    assert "不同意：第二名方案更优" in text and result.candidates[0]["company"] in text
    client.post(f"{page}/publicise", data={"days": "2"})
    assert tender.publicity_ends_at is None  # below three days: refused
    client.post(f"{page}/publicise", data={"days": "3"})
    db.session.expire_all()
    assert tender.status is TenderStatus.PUBLICISED
    text = client.get(public).get_data(as_text=True)
    assert all(c["company"] in text and c["total"] in text for c in result.candidates)
    # A bidder of the tender objects with evidence; a bidder of nothing cannot.
    objector = bidder_of(panel.bidders[-1])
    login(make_user(Role.BIDDER))
    assert "objection-form" not in client.get(public).get_data(as_text=True)
    client.post(f"{public}/objections", data={"text": "异议", "file": (io.BytesIO(minimal_pdf()), "a.pdf")},
                content_type="multipart/form-data")
    assert db.session.scalar(sa.select(sa.func.count(Objection.id))) == 0
    login(objector)
    assert "objection-form" in client.get(public).get_data(as_text=True)
    client.post(f"{public}/objections", data={"text": "第一名业绩证明不实",
                                              "file": (io.BytesIO(minimal_pdf()), "证据.pdf")},
                content_type="multipart/form-data")
    objection = db.session.scalars(sa.select(Objection)).one()
    evidence = f"{page}/objections/{objection.id}/evidence"
    assert client.get(evidence).status_code == 200
    login(bidder_of(panel.bidders[0]))
    assert client.get(evidence).status_code == 404  # another bidder never reads it
    login(panel.staff)
    assert client.get(evidence).status_code == 200
    tender.publicity_ends_at = utcnow() - timedelta(seconds=1)  # the period has run
    db.session.commit()
    assert "尚有 1 件异议未答复" in client.get(page).get_data(as_text=True)
    client.post(f"{page}/award")
    db.session.expire_all()
    assert tender.status is TenderStatus.PUBLICISED
    client.post(f"{page}/objections/{objection.id}/answer", data={"answer": "经核查，异议不成立。"})
    client.post(f"{page}/award")
    db.session.expire_all()
    assert tender.status is TenderStatus.AWARDED
    winner = bidder_of(next(e for e in panel.bidders if e.bid_id == result.candidates[0]["bid_id"]))
    login(winner)
    inbox = db.session.scalars(sa.select(Message.subject).where(Message.user_id == winner.id)).all()
    assert f"中标通知书：{tender.title}" in inbox
    assert "中标结果公告" in client.get(public).get_data(as_text=True)


def test_staff_routes_refuse_experts_and_bidders(client, login):
    panel = scored(bids=3)
    page = f"/tenders/{panel.tender.id}/result"
    for who in (panel.chair, make_user(Role.BIDDER), make_user(Role.SUPERVISOR)):
        login(who)
        for action in ("publicise", "award", "fail"):
            assert client.post(f"{page}/{action}", data={"days": "3"}).status_code == 403
    login(make_user(Role.SUPERVISOR))
    assert client.get(page).status_code == 200
    assert client.post(f"{page}/finish", data={"recommendation": "x"}).status_code == 403
