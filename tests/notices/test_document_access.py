"""Staff choose per open tender whether its documents are public (issue 8, defect 14)."""
from __future__ import annotations

import sqlalchemy as sa

from tender.extensions import db
from tender.notices.models import Tender
from tests.notices.test_views import form_data


def test_documents_need_sign_up_unless_staff_tick_public(client, login, staff):
    login(staff)
    assert client.post("/tenders/new", data=form_data()).status_code == 302
    tender = db.session.scalar(sa.select(Tender))
    assert tender.public_documents is False
    assert "报名后可下载" in client.get(f"/tenders/{tender.id}").get_data(as_text=True)
    data = form_data(public_documents="y", version=str(tender.version))
    assert client.post(f"/tenders/{tender.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Tender, tender.id).public_documents is True


def test_an_invitation_tender_cannot_be_made_public_through_the_form(client, login, staff):
    login(staff)
    page = client.post("/tenders/new", data=form_data(procedure="invited", public_documents="y"))
    assert page.status_code == 200 and "不能设为公开下载" in page.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Tender.id))) == 0
